import type { Migration } from './migration'

/**
 * A gold push not yet answered keeps what it sent (`team_gold_sent.content`,
 * the item's JSON; 'null' for a deletion), beside its change id. If its answer
 * is lost, the retry recognises the server's copy as this desktop's own write
 * by its change record (team_gold_changes); once `team prune` has dropped that
 * record (the desktop was forgotten meanwhile), by its content: the server
 * holds exactly what the lost push wrote. Rows sent before this migration have
 * no content (NULL) and are recognised by their record only, as before.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'gold-sent-content',
  up: 'ALTER TABLE team_gold_sent ADD COLUMN content TEXT;',
}
