import type { ClientBase } from 'pg'
import { WRITE_LOCK } from './writeLock'

/**
 * Makes a role a member of this team database, inside the caller's
 * transaction: CONNECT on this database only (team schema 7; the group roles
 * are shared by every database on the server) and its row in team_annotators.
 * Under the team's lock: two grants at once update the database's catalog row
 * together, and PostgreSQL fails the second ("tuple concurrently updated")
 * when an admin's script adds members in parallel.
 */
export async function admitToTeamDatabase(client: ClientBase, name: string, rights: { reviewer: boolean; admin: boolean }, refuseIfKnown: (() => Error) | null = null): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
  if (refuseIfKnown && (await client.query('SELECT 1 FROM team_annotators WHERE name = $1', [name])).rows.length) throw refuseIfKnown()
  const db = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db
  await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO ${client.escapeIdentifier(name)}`)
  await client.query('INSERT INTO team_annotators (name, reviewer, admin) VALUES ($1, $2, $3)', [name, rights.reviewer, rights.admin])
}
