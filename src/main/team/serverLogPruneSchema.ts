/**
 * Team schema 8: the change logs can be pruned, and the server learns what
 * each desktop has pulled and what it waits for.
 *
 * - Each desktop reports how far it has pulled the layers (`layer_cursor`, a
 *   position in the layer log) and the assignments (`assign_cursor`), beside
 *   its gold cursor. A desktop that has not reported since the upgrade is at
 *   0, so it holds every prune back until its next sync.
 * - Each gold change record takes the position (`seq`) its write took, so
 *   `team prune` can drop the records every registered desktop has pulled
 *   past. Records written before the upgrade take the sequence's position at
 *   the upgrade: they go once every desktop has pulled past it.
 * - A desktop reports how many documents its member's changes wait for (the
 *   team does not have them yet) and the first few of their external ids, so
 *   `team status` can say which members wait for which documents.
 * - A member may delete its own desktops' rows: a workspace whose file was
 *   moved to another disk takes a new id and retires its old one (teamPrune.ts).
 */
export const LOG_PRUNE_SCHEMA = `
  ALTER TABLE team_desktops ADD COLUMN layer_cursor bigint NOT NULL DEFAULT 0;
  ALTER TABLE team_desktops ADD COLUMN assign_cursor bigint NOT NULL DEFAULT 0;
  ALTER TABLE team_desktops ADD COLUMN waiting_documents integer NOT NULL DEFAULT 0;
  ALTER TABLE team_desktops ADD COLUMN waiting_sample text[] NOT NULL DEFAULT '{}' CHECK (cardinality(waiting_sample) <= 20);
  CREATE POLICY own_delete ON team_desktops FOR DELETE USING (member = current_user);
  GRANT DELETE ON team_desktops TO spanwright_team;

  ALTER TABLE team_gold_changes ADD COLUMN seq bigint;
  UPDATE team_gold_changes SET seq = (SELECT last_value FROM team_seq);
  CREATE INDEX team_gold_changes_by_seq ON team_gold_changes (seq);
`
