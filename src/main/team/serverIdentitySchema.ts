/**
 * Team schema 10: the team database's identity, a random id made once by
 * `team init`. Desktops know their team by it, not by its address: a database
 * dropped and made again under the same name is another team (its versions,
 * change log and documents start anew), and the same database reached by
 * another host name, or moved to another server with pg_dump, is the same one.
 */
export const IDENTITY_SCHEMA = `
  CREATE TABLE team_identity (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    one_row    boolean NOT NULL DEFAULT true UNIQUE CHECK (one_row)
  );
  INSERT INTO team_identity DEFAULT VALUES;
  GRANT SELECT ON team_identity TO spanwright_team;
`
