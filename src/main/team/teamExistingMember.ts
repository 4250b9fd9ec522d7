import { openTeam, lostConnection, plainConnectionError } from './teamClient'
import { admitToTeamDatabase } from './teamMemberGrant'

/**
 * `team add-annotator NAME --existing`: one person in two teams on one
 * server. NAME's PostgreSQL role already exists (another team database on the
 * same server made it), so this team takes it as it is: CONNECT on this
 * database and a row in team_annotators. The password stays theirs, so the
 * answer is NAME's URL for this database without a password.
 *
 * The reviewer and admin groups are server-wide (PostgreSQL roles are), so
 * the role's rights here are the rights it has there. Asking for other rights
 * is refused rather than silently widened or ignored: making someone a
 * reviewer here would make them one in every team database they belong to.
 */
export async function addExistingMember(adminUrl: string, name: string, asked: { reviewer: boolean; admin: boolean }): Promise<string> {
  const team = await openTeam(adminUrl)
  const { client, where } = team
  try {
    const role = await client.query<{ login: boolean; member: boolean; reviewer: boolean; admin: boolean }>(
      `SELECT rolcanlogin AND NOT rolsuper AS login,
              pg_has_role(oid, 'spanwright_team', 'MEMBER') AS member,
              pg_has_role(oid, 'spanwright_reviewer', 'MEMBER') AS reviewer,
              pg_has_role(oid, 'spanwright_admin', 'MEMBER') AS admin
         FROM pg_roles WHERE rolname = $1`,
      [name],
    )
    const r = role.rows[0]
    if (!r) throw new Error(`${where}: there is no role named ${name} on this server; without --existing, add-annotator creates one.`)
    if (!r.login || !r.member)
      throw new Error(`${where}: the role ${name} was not made by spanwright team add-annotator (it is not a plain login in the spanwright_team group); Spanwright does not take over other roles.`)
    const differs = (['reviewer', 'admin'] as const).filter((k) => asked[k] !== r[k])
    if (differs.length) {
      const has = [r.reviewer ? 'a reviewer' : null, r.admin ? 'an admin' : null].filter(Boolean).join(' and ') || 'an annotator only'
      const flags = [r.reviewer ? '--reviewer' : null, r.admin ? '--admin' : null].filter(Boolean).join(' ')
      throw new Error(
        `${where}: ${name} is ${has} on this server, and those rights are server-wide (PostgreSQL roles are), so they cannot differ between team databases; ` +
          `run add-annotator ${name} --existing${flags ? ` ${flags}` : ''} to accept them, or give this team a new name for that person.`,
      )
    }
    await client.query('BEGIN')
    try {
      await admitToTeamDatabase(client, name, r, () => new Error(`${where}: ${name} is already a member of this team.`))
      await client.query('COMMIT')
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw (e as { code?: string }).code ? plainConnectionError(e, where) : lostConnection(e, where)
    }
    const url = new URL(adminUrl)
    url.username = name
    url.password = ''
    return url.toString()
  } finally {
    await client.end().catch(() => undefined)
  }
}
