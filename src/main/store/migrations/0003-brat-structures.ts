import type { Migration } from './migration'

/**
 * brat's structures beyond plain spans and relations: a span may be an event
 * trigger, a relation may be an event role or an equivalence link, and a
 * normalization keeps the entry's name beside its id. Existing rows keep their
 * meaning through the defaults.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'brat-structures',
  up: `
    ALTER TABLE spans ADD COLUMN kind TEXT NOT NULL DEFAULT 'entity' CHECK (kind IN ('entity', 'trigger'));
    ALTER TABLE spans ADD COLUMN norm_text TEXT;
    ALTER TABLE relations ADD COLUMN kind TEXT NOT NULL DEFAULT 'binary' CHECK (kind IN ('binary', 'role', 'equiv'));
  `,
}
