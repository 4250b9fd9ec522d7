import type Database from 'better-sqlite3'
import type { ClientBase } from 'pg'
import type { Store } from '../store/store'
import { desktopId } from '../store/teamDesktopId'
import { layerKey, missingOnServer, noteSyncEnd, recordedSyncEnd, resyncWithOlderServer } from '../store/teamRestored'
import type { OlderServerRecovery, ServerHoldings } from '../store/teamRestored'
import { assignmentsSentAgain, assignmentsToSendAgain } from '../store/teamRestoredAssignments'
import { goldKey } from '../store/teamRestoredGold'
import type { GoldItemKind } from '../../shared/team/goldItems'
import { NEXT_STAMP, STAMP_MICROS } from './desktopStamp'
import { WRITE_LOCK } from './writeLock'
import type { TeamConnection } from './teamClient'

const micros = (column: string) => `(floor(extract(epoch FROM ${column}) * 1000000))::bigint`

/**
 * At the start of a sync, before this desktop registers: whether the team database is an older copy of the one this
 * desktop last synced with (restored from a dump made before its last sync), and if so, what it lacks is made ready
 * to send again (teamRestored.ts `resyncWithOlderServer`). Known by this desktop's row in team_desktops: every push
 * stamps it in its own transaction, and each sync ends by stamping it (desktopStamp.ts), this desktop noting each
 * stamp locally before it takes the push as landed. A restored database holds an older stamp
 * (or no row: the dump was made before this desktop's first sync); the same team's id (team_identity) comes back
 * with the dump, so the team itself is not new. A desktop forgotten by `team prune --forget-desktop` has no row
 * either: it is taken as behind only when the server lacks some of its layers or documents. Answers what goes again,
 * or null when the server is not behind.
 */
export async function resendIfServerIsOlder(team: TeamConnection, store: Store): Promise<OlderServerRecovery | null> {
  const id = desktopId(store.db)
  const mine = recordedSyncEnd(store.db, id)
  if (mine === null) return null
  const r = await team.client.query<{ at: string }>(`SELECT ${STAMP_MICROS} AS at FROM team_desktops WHERE desktop_id = $1`, [id])
  if (r.rows.length && Number(r.rows[0].at) >= mine) return null
  const held = await serverHoldings(team.client)
  // No row: a restore from before this desktop's first sync, or a desktop forgotten by team prune (then nothing is missing).
  if (!r.rows.length && missingOnServer(store.db, team.me.name, held) === 0) return null
  return resyncWithOlderServer(store.db, team.me, { ...held, ...(await goldAndAssignments(team.client, mine)) })
}

/** At the end of a sync that finished: this desktop's row is stamped with the server's time, and the stamp noted here. */
export async function stampSyncEnd(team: TeamConnection, store: Store, id: string): Promise<void> {
  const r = await team.client.query<{ at: string }>(`UPDATE team_desktops SET seen_at = ${NEXT_STAMP} WHERE desktop_id = $1 RETURNING ${STAMP_MICROS} AS at`, [id])
  // Forgotten during this sync (team prune --forget-desktop): nothing to note; the next sync registers it again.
  if (r.rows.length) noteSyncEnd(store.db, id, Number(r.rows[0].at))
}

/**
 * An admin's desktop, after its documents are back on the server: the assignments and withdrawals the restored copy
 * lost are written again (as `team assign` writes them, under the write lock, each a new position in the pull order),
 * skipping any a document or annotator the team no longer has. Answers how many rows changed.
 */
export async function sendAssignmentsAgain(team: TeamConnection, db: Database.Database): Promise<number> {
  const again = assignmentsToSendAgain(db)
  if (!again || !team.me.admin) return 0
  const cols = (pairs: [string, string][]) => [pairs.map((p) => p[0]), pairs.map((p) => p[1])]
  let changed = 0
  await team.client.query('BEGIN')
  try {
    await team.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    const given = await team.client.query(
      `INSERT INTO team_assignments (document_id, annotator, assigned, seq, assigned_by, assigned_at)
       SELECT k.d, k.a, true, nextval('team_seq'), current_user, now() FROM unnest($1::text[], $2::text[]) AS k(d, a)
        WHERE EXISTS (SELECT 1 FROM team_documents t WHERE t.external_id = k.d) AND EXISTS (SELECT 1 FROM team_annotators n WHERE n.name = k.a)
       ON CONFLICT (document_id, annotator) DO UPDATE
         SET assigned = true, seq = excluded.seq, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
       WHERE NOT team_assignments.assigned`,
      cols(again.assign),
    )
    const withdrawn = await team.client.query(
      `UPDATE team_assignments s SET assigned = false, seq = nextval('team_seq'), assigned_by = current_user, assigned_at = now()
         FROM unnest($1::text[], $2::text[]) AS k(d, a) WHERE s.document_id = k.d AND s.annotator = k.a AND s.assigned`,
      cols(again.withdraw),
    )
    await team.client.query('COMMIT')
    changed = (given.rowCount ?? 0) + (withdrawn.rowCount ?? 0)
  } catch (e) {
    await team.client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
  // Written: not again (a crash before this line writes them again at the next sync, which changes nothing).
  assignmentsSentAgain(db)
  return changed
}

/** Every layer's version (the gold layer's rows aside) and every document the server holds. */
async function serverHoldings(client: ClientBase): Promise<ServerHoldings> {
  const layers = await client.query<{ d: string; a: string; v: string }>("SELECT document_id AS d, annotator AS a, version AS v FROM team_layers WHERE annotator <> 'gold'")
  const docs = await client.query<{ d: string }>('SELECT external_id AS d FROM team_documents')
  return { layers: new Map(layers.rows.map((x) => [layerKey(x.d, x.a), Number(x.v)])), documents: new Set(docs.rows.map((x) => x.d)) }
}

/** The restored server's gold items and assignments, each marked when written after `mine` (this desktop's last noted stamp). */
async function goldAndAssignments(client: ClientBase, mine: number): Promise<Pick<ServerHoldings, 'gold' | 'assignments'>> {
  const gold = await client.query<{ d: string; u: string; k: GoldItemKind; v: string; after: boolean }>(
    `SELECT document_id AS d, uid AS u, kind AS k, version AS v, ${micros('updated_at')} > $1 AS after FROM team_gold_items`,
    [mine],
  )
  const assigned = await client.query<{ d: string; a: string; given: boolean; seq: string; after: boolean }>(
    `SELECT document_id AS d, annotator AS a, assigned AS given, seq, ${micros('assigned_at')} > $1 AS after FROM team_assignments`,
    [mine],
  )
  return {
    gold: new Map(gold.rows.map((x) => [goldKey(x.d, x.u), { version: Number(x.v), kind: x.k, after: x.after }])),
    assignments: assigned.rows.map((x) => ({ documentId: x.d, annotator: x.a, assigned: x.given, seq: Number(x.seq), after: x.after })),
  }
}
