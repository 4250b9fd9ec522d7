import crypto from 'node:crypto'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import { migrateServer } from './serverMigrations'
import { connect, openTeam, lostConnection, plainConnectionError } from './teamClient'
import type { TeamConnection } from './teamClient'
import { admitToTeamDatabase } from './teamMemberGrant'
import { withTeam } from './teamSource'
import type { TeamServer } from './teamSource'

/** Creates (or upgrades) the team schema in the database the admin URL names. */
export async function initTeam(adminUrl: string): Promise<{ where: string; from: number; to: number }> {
  const c = await connect(adminUrl)
  try {
    const r = await migrateServer(c.client, c.where)
    return { where: c.where, ...r }
  } catch (e) {
    throw (e as { code?: string }).code ? plainConnectionError(e, c.where) : lostConnection(e, c.where)
  } finally {
    await c.client.end().catch(() => undefined)
  }
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Creates NAME's PostgreSQL role (login, generated password) in the team
 * group, and in the reviewer/admin groups when asked. Answers NAME's own
 * connection URL: the admin URL with NAME and the new password in it.
 */
export async function addAnnotator(adminUrl: string, name: string, opts: { reviewer: boolean; admin: boolean }): Promise<string> {
  // public and none are names PostgreSQL keeps for itself (CREATE ROLE refuses them in its own words).
  if (!NAME.test(name) || name === GOLD_ANNOTATOR || name === 'public' || name === 'none' || name.startsWith('spanwright') || name.startsWith('pg_'))
    throw new Error(
      `${JSON.stringify(name)} cannot be an annotator's name: use lowercase letters, digits and _ (at most 63, not starting with a digit), and not gold, public, none, spanwright… or pg_…`,
    )
  const team = await openTeam(adminUrl)
  const { client } = team
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])
    if (exists.rows.length) throw new Error(`${team.where}: a role named ${name} already exists on this server: choose another name, or add it with --existing when it is the same person in another team database on this server.`)
    const password = crypto.randomBytes(18).toString('base64url')
    const groups = ['spanwright_team', ...(opts.reviewer ? ['spanwright_reviewer'] : []), ...(opts.admin ? ['spanwright_admin'] : [])]
    await client.query('BEGIN')
    try {
      await client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN PASSWORD ${client.escapeLiteral(password)} IN ROLE ${groups.join(', ')}`)
      await admitToTeamDatabase(client, name, opts)
      await client.query('COMMIT')
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw (e as { code?: string }).code ? plainConnectionError(e, team.where) : lostConnection(e, team.where)
    }
    const url = new URL(adminUrl)
    url.username = name
    url.password = password
    return url.toString()
  } finally {
    await client.end().catch(() => undefined)
  }
}

export interface TeamStatus {
  where: string
  documents: number
  annotators: {
    name: string
    reviewer: boolean
    admin: boolean
    layers: number
    inProgress: number
    done: number
    spans: number
    assigned: number
    assignedDone: number
    /** Assigned documents whose assignment none of this annotator's desktops has pulled yet. */
    assignedNotPulled: number
    /** Documents this annotator's changes wait for (the team lacks them): the most one of their desktops reported, and its first ids. */
    waitingFor: { documents: number; sample: string[] }
  }[]
}

/** Annotators, documents and each annotator's progress, as any team member may read them; what another member's desktops pulled and wait for, as reviewers and admins may (schema 9). */
export async function teamStatus(server: TeamServer): Promise<TeamStatus> {
  return withTeam(server, (team) => statusOn(team))
}

async function statusOn(team: TeamConnection): Promise<TeamStatus> {
  try {
    const docs = await team.client.query<{ n: string }>('SELECT count(*) AS n FROM team_documents')
    const rows = await team.client.query<{ name: string; reviewer: boolean; admin: boolean; layers: string; in_progress: string; done: string; spans: string; assigned: string; assigned_done: string; not_pulled: string; waiting: number | null; sample: string[] | null }>(
      `SELECT a.name, a.reviewer, a.admin,
              (SELECT count(*) FROM team_layers l WHERE l.annotator = a.name) AS layers,
              (SELECT count(*) FROM team_layers l WHERE l.annotator = a.name AND l.status = 'in_progress') AS in_progress,
              (SELECT count(*) FROM team_layers l WHERE l.annotator = a.name AND l.status = 'done') AS done,
              (SELECT coalesce(sum(l.spans), 0) FROM team_layers l WHERE l.annotator = a.name) AS spans,
              (SELECT count(*) FROM team_assignments s WHERE s.annotator = a.name AND s.assigned) AS assigned,
              (SELECT count(*) FROM team_assignments s JOIN team_layers l ON l.document_id = s.document_id AND l.annotator = s.annotator
                WHERE s.annotator = a.name AND s.assigned AND l.status = 'done') AS assigned_done,
              -- Another member's desktops are hidden from a member (schema 9): then nothing is said of them, not "none pulled".
              CASE WHEN team_reads_desktops_of(a.name) THEN
                (SELECT count(*) FROM team_assignments s WHERE s.annotator = a.name AND s.assigned
                    AND s.seq > coalesce((SELECT max(t.assign_cursor) FROM team_desktops t WHERE t.member = a.name), 0)) ELSE 0 END AS not_pulled,
              w.waiting_documents AS waiting, w.waiting_sample AS sample
         FROM team_annotators a
         LEFT JOIN LATERAL (SELECT t.waiting_documents, t.waiting_sample FROM team_desktops t WHERE t.member = a.name
                             ORDER BY t.waiting_documents DESC, t.seen_at DESC LIMIT 1) w ON true
        ORDER BY a.name`,
    )
    return {
      where: team.where,
      documents: Number(docs.rows[0].n),
      annotators: rows.rows.map((r) => ({
        name: r.name,
        reviewer: r.reviewer,
        admin: r.admin,
        layers: Number(r.layers),
        inProgress: Number(r.in_progress),
        done: Number(r.done),
        spans: Number(r.spans),
        assigned: Number(r.assigned),
        assignedDone: Number(r.assigned_done),
        assignedNotPulled: Number(r.not_pulled),
        waitingFor: { documents: r.waiting ?? 0, sample: r.sample ?? [] },
      })),
    }
  } catch (e) {
    throw lostConnection(e, team.where)
  }
}
