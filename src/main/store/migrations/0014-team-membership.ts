import type { Migration } from './migration'
import { outboxTriggersUnder, uidOnInsert } from './0011-gold-items'

/** True once the workspace is in a team: the outbox triggers' first condition (one read of a table of at most one row). */
export const IN_TEAM = 'EXISTS (SELECT 1 FROM team_membership)'

// The row's annotator looked up by id; migration 11's 'annotator_id IN (SELECT … name = gold)' ran a subquery per row.
export const IS_GOLD = (row: 'NEW' | 'OLD') => `EXISTS (SELECT 1 FROM annotators WHERE id = ${row}.annotator_id AND name = 'gold')`

/**
 * The team outbox is kept only for a workspace that is in a team. Until its
 * first sync a workspace writes no outbox rows (the triggers of migrations 9
 * and 11 cost an import ~3.6× its own trigger-free loop, h16's bench); joining
 * (teamMembership.ts) marks every layer and gold item it holds in the same
 * transaction that records the membership, so nothing written before is lost.
 * Chosen over skipping the outbox during imports only: every write of a
 * workspace outside a team is spared (edits, undo, review too), and nothing
 * has to be marked at an import's end.
 *
 * An existing workspace keeps its outbox: it counts as in a team if it has
 * anything pending or any sync state (it may be one, or about to push what
 * it holds). A workspace created at this version, or holding no layers, starts outside.
 *
 * The gold uid triggers stay for every workspace (a gold item's identity). Every
 * trigger's gold check is made a look-up by id: the old one cost an import of
 * plain spans about as much as the rest of its trigger-free loop.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'team-membership',
  up: `
    CREATE TABLE team_membership (
      joined_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO team_membership (joined_at)
      SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE EXISTS (SELECT 1 FROM team_outbox) OR EXISTS (SELECT 1 FROM team_gold_outbox) OR EXISTS (SELECT 1 FROM team_sync)
          OR EXISTS (SELECT 1 FROM team_layers) OR EXISTS (SELECT 1 FROM team_documents) OR EXISTS (SELECT 1 FROM team_gold_versions);
    ${outboxTriggersUnder(IN_TEAM, IS_GOLD)}
    DROP TRIGGER gold_uid_spans;
    DROP TRIGGER gold_uid_relations;
    ${uidOnInsert('spans', IS_GOLD)}
    ${uidOnInsert('relations', IS_GOLD)}
  `,
}
