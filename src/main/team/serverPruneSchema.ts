/**
 * Team schema 6: the desktops of the team and how far each has pulled the
 * gold items (its cursor, a position in `team_seq`). A deleted gold item is
 * kept as a tombstone so that the deletion reaches every desktop; once every
 * registered desktop has pulled past it, `team prune` may drop it. A member
 * writes only the rows of its own desktops, and a cursor never moves back.
 */
export const DESKTOPS_SCHEMA = `
  CREATE TABLE team_desktops (
    desktop_id  uuid PRIMARY KEY,
    member      text NOT NULL DEFAULT current_user,
    gold_cursor bigint NOT NULL DEFAULT 0,
    seen_at     timestamptz NOT NULL DEFAULT now()
  );
  ALTER TABLE team_desktops ENABLE ROW LEVEL SECURITY;
  CREATE POLICY read_all ON team_desktops FOR SELECT USING (true);
  CREATE POLICY own_insert ON team_desktops FOR INSERT WITH CHECK (member = current_user);
  CREATE POLICY own_update ON team_desktops FOR UPDATE USING (member = current_user) WITH CHECK (member = current_user);
  GRANT SELECT, INSERT, UPDATE ON team_desktops TO spanwright_team;
`
