/**
 * Team schema 7: only the team's own members may connect to its database.
 * The group roles (spanwright_team, _reviewer, _admin) are cluster-wide, so
 * without this a member of one team database could connect to another on the
 * same PostgreSQL server and write a layer under their own name there, or
 * act as an admin there when they are one here. PostgreSQL grants CONNECT to
 * PUBLIC by default: it is taken back, and given to each member by name (here
 * for those already added, by `team add-annotator` for later ones). The
 * database's owner and superusers keep their access, as PostgreSQL gives it.
 */
export const CONNECT_SCHEMA = `
  DO $f$
  DECLARE m record;
  BEGIN
    EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database());
    FOR m IN SELECT a.name FROM team_annotators a JOIN pg_roles r ON r.rolname = a.name LOOP
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), m.name);
    END LOOP;
  END $f$;
`
