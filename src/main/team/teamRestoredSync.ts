import type { ClientBase } from 'pg'
import type { Store } from '../store/store'
import { desktopId } from '../store/teamDesktopId'
import { layerKey, missingOnServer, noteSyncEnd, recordedSyncEnd, resyncWithOlderServer } from '../store/teamRestored'
import type { ServerHoldings } from '../store/teamRestored'
import type { TeamConnection } from './teamClient'

/** A desktop row's last-seen time in microseconds (an integer a JavaScript number holds exactly). */
const MICROS = `(floor(extract(epoch FROM seen_at) * 1000000))::bigint AS at`

/**
 * At the start of a sync, before this desktop registers: whether the team database is an older copy of the one this
 * desktop last synced with (restored from a dump made before its last sync), and if so, what it lacks is made ready
 * to send again (teamRestored.ts `resyncWithOlderServer`). Known by this desktop's row in team_desktops: each sync
 * ends by stamping it with the server's time and noting that time locally. A restored database holds an older stamp
 * (or no row: the dump was made before this desktop's first sync); the same team's id (team_identity) comes back
 * with the dump, so the team itself is not new. A desktop forgotten by `team prune --forget-desktop` has no row
 * either: it is taken as behind only when the server lacks some of its layers or documents. Answers how many layers go again, or
 * null when the server is not behind.
 */
export async function resendIfServerIsOlder(team: TeamConnection, store: Store): Promise<number | null> {
  const id = desktopId(store.db)
  const mine = recordedSyncEnd(store.db, id)
  if (mine === null) return null
  const r = await team.client.query<{ at: string }>(`SELECT ${MICROS} FROM team_desktops WHERE desktop_id = $1`, [id])
  if (r.rows.length && Number(r.rows[0].at) >= mine) return null
  const held = await serverHoldings(team.client)
  // No row: a restore from before this desktop's first sync, or a desktop forgotten by team prune (then nothing is missing).
  if (!r.rows.length && missingOnServer(store.db, team.me.name, held) === 0) return null
  return resyncWithOlderServer(store.db, team.me.name, held)
}

/** At the end of a sync that finished: this desktop's row is stamped with the server's time, and the time noted here. */
export async function stampSyncEnd(team: TeamConnection, store: Store, id: string): Promise<void> {
  const r = await team.client.query<{ at: string }>(`UPDATE team_desktops SET seen_at = now() WHERE desktop_id = $1 RETURNING ${MICROS}`, [id])
  // Forgotten during this sync (team prune --forget-desktop): nothing to note; the next sync registers it again.
  if (r.rows.length) noteSyncEnd(store.db, id, Number(r.rows[0].at))
}

/** Every layer's version (the gold layer's rows aside) and every document the server holds. */
async function serverHoldings(client: ClientBase): Promise<ServerHoldings> {
  const layers = await client.query<{ d: string; a: string; v: string }>("SELECT document_id AS d, annotator AS a, version AS v FROM team_layers WHERE annotator <> 'gold'")
  const docs = await client.query<{ d: string }>('SELECT external_id AS d FROM team_documents')
  return { layers: new Map(layers.rows.map((x) => [layerKey(x.d, x.a), Number(x.v)])), documents: new Set(docs.rows.map((x) => x.d)) }
}
