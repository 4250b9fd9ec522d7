import { DROP_OUTBOX_TRIGGERS, createOutboxTriggers } from '../teamOutboxTriggers'
import { inTeam } from '../teamMembership'
import type { Migration } from './migration'

/**
 * The team outbox triggers exist only for a workspace in a team
 * (teamOutboxTriggers.ts): migration 14's guarded triggers are dropped, and a
 * member gets them back without the guard. Measured (h25's notes): outside a
 * team, each span an import wrote still ran the guarded triggers; now it runs none.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'team-outbox-on-join',
  up: DROP_OUTBOX_TRIGGERS,
  then: (db) => {
    if (inTeam(db)) createOutboxTriggers(db)
  },
}
