/**
 * Team schema 9: a member's desktops are the member's business. Their rows in
 * `team_desktops` say how far each desktop has pulled and which documents the
 * member's changes wait for (the first ids of the member's own import), and
 * under schema 8 every member could read everyone's. Now a member reads the
 * rows of their own desktops only; reviewers and admins read every row (the
 * Team screen and `team status` show them each annotator's progress), and so
 * does the tables' owner (`team prune`), as PostgreSQL gives it. Row-level
 * security decides, so raw SQL under a member's role sees exactly what
 * Spanwright shows them.
 */
export const WAIT_PRIVACY_SCHEMA = `
  CREATE FUNCTION team_reads_desktops_of(desktop_member text) RETURNS boolean LANGUAGE sql STABLE AS $f$
    SELECT desktop_member = current_user
        OR pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER')
        OR pg_has_role(current_user, 'spanwright_admin', 'MEMBER')
        OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'public.team_desktops'::regclass), 'MEMBER')
  $f$;
  DROP POLICY read_all ON team_desktops;
  CREATE POLICY read_own_or_as_reviewer ON team_desktops FOR SELECT USING (team_reads_desktops_of(member));
`
