import type { ClientBase } from 'pg'
import type { AssignmentStore, PulledAssignment } from '../store/assignmentStore'
import { WRITE_LOCK } from './serverMigrations'
import { lostConnection, plainConnectionError } from './teamClient'
import { withTeam } from './teamSource'
import type { TeamServer } from './teamSource'

/** Which documents to (un)assign: named ones, or the first N that nobody is assigned yet (in the order the team got them). */
export type AssignmentTarget = { documents: string[] } | { unassigned: number }

export interface AssignOutcome {
  where: string
  annotator: string
  /** External ids whose assignment changed (already-assigned ones are not repeated). */
  changed: string[]
}

/**
 * An admin assigns documents to an annotator (or withdraws them, `assigned:
 * false`). One transaction under the write lock: every row written takes the
 * next sequence number, so desktops pull it in commit order. Unknown
 * documents or annotators refuse the whole request, and nothing is written.
 */
export async function assignDocuments(server: TeamServer, annotator: string, target: AssignmentTarget, assigned = true): Promise<AssignOutcome> {
  return withTeam(server, (team) => assignOn(team.client, team.where, team.me, annotator, target, assigned))
}

async function assignOn(client: ClientBase, where: string, me: { name: string; admin: boolean }, annotator: string, target: AssignmentTarget, assigned: boolean): Promise<AssignOutcome> {
  try {
    if (!me.admin) throw new Error(`${where}: only team admins assign documents, and ${me.name} is not one (team add-annotator NAME --admin makes one).`)
    const known = await client.query('SELECT 1 FROM team_annotators WHERE name = $1', [annotator])
    if (!known.rows.length) throw new Error(`${where}: the team has no annotator named ${JSON.stringify(annotator)}; spanwright team status lists them.`)
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
      const ids = 'documents' in target ? [...new Set(target.documents)] : await unassignedDocuments(client, target.unassigned)
      if ('documents' in target) {
        const found = await client.query<{ external_id: string }>('SELECT external_id FROM team_documents WHERE external_id = ANY($1::text[])', [ids])
        const have = new Set(found.rows.map((r) => r.external_id))
        const missing = ids.filter((id) => !have.has(id))
        if (missing.length)
          throw new Error(
            `${where}: not in the team workspace: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''} (an admin's sync adds documents); nothing was assigned.`,
          )
      }
      const written = await client.query<{ document_id: string }>(
        assigned
          ? `INSERT INTO team_assignments (document_id, annotator, assigned, seq, assigned_by, assigned_at)
             SELECT d, $2, true, nextval('team_seq'), current_user, now() FROM unnest($1::text[]) AS d
             ON CONFLICT (document_id, annotator) DO UPDATE
               SET assigned = true, seq = excluded.seq, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
             WHERE NOT team_assignments.assigned
             RETURNING document_id`
          : // Withdrawn rows stay (assigned = false) with a new sequence number, so every desktop's pull sees the withdrawal.
            `UPDATE team_assignments SET assigned = false, seq = nextval('team_seq'), assigned_by = current_user, assigned_at = now()
              WHERE document_id = ANY($1::text[]) AND annotator = $2 AND assigned
              RETURNING document_id`,
        [ids, annotator],
      )
      await client.query('COMMIT')
      return { where, annotator, changed: written.rows.map((r) => r.document_id) }
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    }
  } catch (e) {
    throw (e as { code?: string }).code ? plainConnectionError(e, where) : lostConnection(e, where)
  }
}

async function unassignedDocuments(client: ClientBase, n: number): Promise<string[]> {
  const r = await client.query<{ external_id: string }>(
    `SELECT d.external_id FROM team_documents d
      WHERE NOT EXISTS (SELECT 1 FROM team_assignments a WHERE a.document_id = d.external_id AND a.assigned)
      ORDER BY d.seq, d.external_id LIMIT $1`,
    [n],
  )
  return r.rows.map((x) => x.external_id)
}

/** Assignments written since `cursor`, in sequence order (additions and withdrawals). */
export async function assignmentsSince(client: ClientBase, cursor: number, limit: number): Promise<PulledAssignment[]> {
  const r = await client.query<{ document_id: string; annotator: string; assigned: boolean; seq: string }>(
    'SELECT document_id, annotator, assigned, seq FROM team_assignments WHERE seq > $1 ORDER BY seq LIMIT $2',
    [cursor, limit],
  )
  return r.rows.map((x) => ({ documentId: x.document_id, annotator: x.annotator, assigned: x.assigned, seq: Number(x.seq) }))
}

/**
 * Pulls the assignments written since this desktop's cursor, a batch per
 * local transaction (with its cursor). A batch naming a document added after
 * the documents were pulled fetches the documents first (`pullDocuments`).
 * Answers how many assignments changed here.
 */
export async function pullAssignments(client: ClientBase, local: AssignmentStore, pullDocuments: () => Promise<void>, batch: number, step: (s: string) => void): Promise<number> {
  let changed = 0
  for (let rows = await assignmentsSince(client, local.cursor(), batch); rows.length; rows = await assignmentsSince(client, local.cursor(), batch)) {
    if (local.missingDocuments(rows).length) await pullDocuments()
    changed += local.apply(rows, rows[rows.length - 1].seq)
    step('assignments pulled')
  }
  return changed
}

/** A page of the team's documents (in the order the team got them) with their assignees. */
export async function teamDocuments(
  server: TeamServer,
  opts: { offset?: number; limit?: number; unassignedOnly?: boolean; query?: string },
): Promise<{ total: number; rows: { externalId: string; title: string; assignees: string[] }[] }> {
  return withTeam(server, async ({ client }) => {
    const clauses: string[] = []
    const params: unknown[] = []
    if (opts.unassignedOnly) clauses.push('NOT EXISTS (SELECT 1 FROM team_assignments a WHERE a.document_id = d.external_id AND a.assigned)')
    if (opts.query?.trim()) {
      params.push(`%${opts.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      clauses.push(`(d.external_id ILIKE $${params.length} OR d.title ILIKE $${params.length})`)
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    const total = await client.query<{ n: string }>(`SELECT count(*) AS n FROM team_documents d ${where}`, params)
    const rows = await client.query<{ external_id: string; title: string; assignees: string[] }>(
      `SELECT d.external_id, d.title,
              ARRAY(SELECT a.annotator FROM team_assignments a WHERE a.document_id = d.external_id AND a.assigned ORDER BY a.annotator) AS assignees
         FROM team_documents d ${where} ORDER BY d.seq, d.external_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, opts.limit ?? 100, opts.offset ?? 0],
    )
    return { total: Number(total.rows[0].n), rows: rows.rows.map((r) => ({ externalId: r.external_id, title: r.title, assignees: r.assignees })) }
  })
}
