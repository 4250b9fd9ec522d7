import type Database from 'better-sqlite3'
import { SEED_LAYER_OUTBOX } from './migrations/0009-team-outbox'
import { DROP_GOLD_LAYERS_FROM_OUTBOX, seedGoldOutbox } from './migrations/0011-gold-items'
import { createOutboxTriggers } from './teamOutboxTriggers'

/** Whether the workspace is in a team (its writes mark the team outbox; migrations 14 and 16). */
export function inTeam(db: Database.Database): boolean {
  return !!db.prepare('SELECT 1 FROM team_membership').get()
}

/**
 * Makes the workspace a team member, once: records the membership and marks
 * every layer and gold item it holds (the seeding of migrations 9 and 11), in
 * one immediate transaction. A write committed before it is marked by the
 * seeding, one after it by the triggers: none is missed, whichever connection
 * made it. Returns false when the workspace was in a team already.
 */
export function joinTeam(db: Database.Database): boolean {
  return db
    .transaction(() => {
      if (inTeam(db)) return false
      // From now on every write marks the outbox (migration 16: the triggers exist only in a team).
      createOutboxTriggers(db)
      // Outside a team nothing is marked; anything left from before (none by the triggers) is marked afresh.
      db.exec(`DELETE FROM team_outbox;
        DELETE FROM team_gold_outbox;
        INSERT INTO team_membership (joined_at) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        ${SEED_LAYER_OUTBOX}
        ${DROP_GOLD_LAYERS_FROM_OUTBOX}
        ${seedGoldOutbox('')}`)
      return true
    })
    .immediate()
}
