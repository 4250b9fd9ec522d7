import type { ClientBase } from 'pg'
import { serverSchemaVersion, WRITE_LOCK } from './serverMigrations'
import { connect, lostConnection, plainConnectionError } from './teamClient'
import { NEXT_STAMP } from './desktopStamp'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** How far a desktop has pulled each stream: gold items and assignments (positions in `team_seq`), layers (in the layer log). */
export interface DesktopCursors {
  gold: number
  layers: number
  assignments: number
}

const CURSOR_COLUMN = { gold: 'gold_cursor', layers: 'layer_cursor', assignments: 'assign_cursor' } as const

/** After a full pull of one stream: this registered desktop has pulled it up to `cursor` (a cursor never moves back). */
export async function reportCursor(client: ClientBase, desktopId: string, stream: keyof DesktopCursors, cursor: number): Promise<void> {
  const col = CURSOR_COLUMN[stream]
  // An update only: a desktop forgotten during this sync (team prune --forget-desktop) stays forgotten, and its next
  // sync registers it again and checks for what was pruned meanwhile.
  // The stamp never moves back either (desktopStamp.ts): a clock set back must not look like a restored database.
  await client.query(`UPDATE team_desktops SET ${col} = GREATEST(${col}, $2), seen_at = ${NEXT_STAMP} WHERE desktop_id = $1`, [desktopId, cursor])
}

/** How many documents this desktop's changes wait for (the team lacks them) and the first of their external ids. */
export async function reportWaiting(client: ClientBase, desktopId: string, documents: number, sample: string[]): Promise<void> {
  await client.query('UPDATE team_desktops SET waiting_documents = $2, waiting_sample = $3::text[] WHERE desktop_id = $1', [desktopId, documents, sample.slice(0, 20)])
}

/** Whether this desktop has a row in team_desktops (it is dropped by `team prune --forget-desktop`). */
export async function desktopRegistered(client: ClientBase, desktopId: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM team_desktops WHERE desktop_id = $1', [desktopId])).rowCount === 1
}

/**
 * Registers a desktop at the cursors it pulls from (before a sync's first push), so no prune from here on drops a
 * deletion it has not pulled yet, nor the record of a change it pushes (its retry after a lost answer needs it).
 */
export async function registerDesktop(client: ClientBase, desktopId: string, at: DesktopCursors): Promise<void> {
  await client.query('INSERT INTO team_desktops (desktop_id, gold_cursor, layer_cursor, assign_cursor) VALUES ($1, $2, $3, $4) ON CONFLICT (desktop_id) DO NOTHING', [
    desktopId,
    at.gold,
    at.layers,
    at.assignments,
  ])
}

/**
 * A workspace whose file changed (moved to another disk, copied, restored) took a new desktop id; its old id is
 * retired when that id's row is provably this workspace's own past: my member's, and no stream pulled further
 * than this workspace has (`mine`). A copy whose original synced since leaves the original's row alone. If the original
 * syncs again after all, it finds itself unregistered and checks for what was pruned meanwhile, as a forgotten
 * desktop does. `mine` null: the old desktop is provably gone (a restore replaced its file), so my member's row of it
 * goes whatever it had pulled. Answers whether a row was retired.
 */
export async function retireDesktop(client: ClientBase, oldId: string, mine: DesktopCursors | null): Promise<boolean> {
  const r = mine
    ? await client.query(
        'DELETE FROM team_desktops WHERE desktop_id = $1 AND member = current_user AND gold_cursor <= $2 AND layer_cursor <= $3 AND assign_cursor <= $4',
        [oldId, mine.gold, mine.layers, mine.assignments],
      )
    : await client.query('DELETE FROM team_desktops WHERE desktop_id = $1 AND member = current_user', [oldId])
  return (r.rowCount ?? 0) > 0
}

/** Which of these gold items the server holds a row of (live or deleted); the others were pruned. */
export async function goldItemsOnServer(client: ClientBase, keys: { documentId: string; uid: string }[]): Promise<Set<string>> {
  const r = await client.query<{ d: string; u: string }>(
    'SELECT g.document_id AS d, g.uid AS u FROM team_gold_items g JOIN unnest($1::text[], $2::text[]) AS k(d, u) ON g.document_id = k.d AND g.uid = k.u',
    [keys.map((k) => k.documentId), keys.map((k) => k.uid)],
  )
  return new Set(r.rows.map((x) => `${x.d}\u0000${x.u}`))
}

export interface PruneReport {
  where: string
  /** Tombstones dropped. */
  pruned: number
  /** Registered desktops: who, how far each has pulled, when last seen (the furthest behind on gold first). */
  desktops: Desktop[]
  /** The desktop `--forget-desktop` removed from the list, if one was named. */
  forgotten: Desktop | null
  /** Tombstones kept because some desktop has not pulled them yet. */
  kept: number
  /** Records of layer writes since overwritten, and of gold changes: dropped, and kept because some desktop is behind. */
  logs: { layersPruned: number; layersKept: number; goldPruned: number; goldKept: number }
}

interface Desktop {
  id: string
  member: string
  /** Its gold cursor. */
  cursor: number
  layerCursor: number
  seenAt: string
}

/** A layer log row that no longer names its layer's current version (the layer was written again, or its document removed). */
const OVERWRITTEN = `c.annotator <> 'gold' AND NOT EXISTS (SELECT 1 FROM team_layers l WHERE l.document_id = c.document_id AND l.annotator = c.annotator AND l.version = c.version)`

/**
 * Drops what every registered desktop has pulled past: the gold tombstones
 * (deleted items: each desktop has the deletion, and one that joins later
 * never had the item), the gold change records (a desktop's retry of a push
 * whose answer it lost comes before its next pull, so once it has pulled
 * past a change it retries none up to there), and the layer log rows of
 * layers written again since (a pull reads a layer only through the row of
 * its current version, so these serve only such retries). A layer's current
 * row, and the layer itself, always stay: a layer is one row per document and
 * annotator, and an emptied one still holds the version the next write is
 * compared with. Gold rows of the layer log stay too (an upgrade from schema 1
 * reads them). Under the team's write lock, so no gold push reads an item as
 * it goes. Needs the admin URL (the owner of the team tables): members cannot
 * delete anything here.
 */
export async function pruneTombstones(adminUrl: string, opts: { forgetDesktop?: string } = {}): Promise<PruneReport> {
  const forget = opts.forgetDesktop
  if (forget !== undefined && !UUID.test(forget)) throw new Error(`--forget-desktop takes a desktop id as team prune prints it (8-4-4-4-12 hex digits), not ${JSON.stringify(forget)}`)
  const c = await connect(adminUrl)
  try {
    const version = await serverSchemaVersion(c.client)
    if (version === null || version < 8) throw new Error(`${c.where}: the team schema is older than version 8; run spanwright team init --server ADMIN_URL first`)
    // Members may delete their own desktops' rows (a moved workspace retires its old id), never anything else here:
    // asked first, so a member's --forget-desktop is refused as such, not as an id nobody has.
    const may = await c.client.query<{ ok: boolean }>("SELECT has_table_privilege('team_gold_items', 'DELETE') AND has_table_privilege('team_changes', 'DELETE') AS ok")
    if (!may.rows[0].ok) throw new Error(`${c.where}: permission denied: team prune deletes what only the team tables' owner may (run it with the admin URL team init used); nothing was changed`)
    await c.client.query('BEGIN')
    await c.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    type Row = { id: string; member: string; cursor: string; layer_cursor: string; seen_at: Date }
    const toDesktop = (r: Row): Desktop => ({ id: r.id, member: r.member, cursor: Number(r.cursor), layerCursor: Number(r.layer_cursor), seenAt: r.seen_at.toISOString() })
    const COLS = 'desktop_id AS id, member, gold_cursor AS cursor, layer_cursor, seen_at'
    // A desktop that stopped syncing for good: it no longer holds pruning back. If it syncs again, it is not
    // registered, so it checks which of its gold items the server no longer has (goldSync.ts) before it registers again.
    let forgotten: PruneReport['forgotten'] = null
    if (forget !== undefined) {
      const gone = await c.client.query<Row>(`DELETE FROM team_desktops WHERE desktop_id = $1 RETURNING ${COLS}`, [forget.toLowerCase()])
      if (!gone.rows.length) throw new Error(`${c.where}: no desktop ${forget} is registered with the team; nothing was changed (spanwright team prune names the one furthest behind)`)
      forgotten = toDesktop(gone.rows[0])
    }
    const desktops = (await c.client.query<Row>(`SELECT ${COLS} FROM team_desktops ORDER BY gold_cursor, seen_at, member`)).rows.map(toDesktop)
    const logs = { layersPruned: 0, layersKept: 0, goldPruned: 0, goldKept: 0 }
    let pruned = 0
    if (desktops.length) {
      const gold = Math.min(...desktops.map((d) => d.cursor))
      const layers = Math.min(...desktops.map((d) => d.layerCursor))
      pruned = (await c.client.query('DELETE FROM team_gold_items WHERE content IS NULL AND seq <= $1', [gold])).rowCount ?? 0
      logs.goldPruned = (await c.client.query('DELETE FROM team_gold_changes WHERE seq <= $1', [gold])).rowCount ?? 0
      logs.layersPruned = (await c.client.query(`DELETE FROM team_changes c WHERE c.seq <= $1 AND ${OVERWRITTEN}`, [layers])).rowCount ?? 0
    }
    const count = async (sql: string) => Number((await c.client.query<{ n: string }>(sql)).rows[0].n)
    const kept = await count('SELECT count(*) AS n FROM team_gold_items WHERE content IS NULL')
    logs.goldKept = await count('SELECT count(*) AS n FROM team_gold_changes')
    logs.layersKept = await count(`SELECT count(*) AS n FROM team_changes c WHERE ${OVERWRITTEN}`)
    await c.client.query('COMMIT')
    return { where: c.where, pruned, desktops, kept, forgotten, logs }
  } catch (e) {
    await c.client.query('ROLLBACK').catch(() => undefined)
    throw (e as { code?: string }).code ? plainConnectionError(e, c.where) : lostConnection(e, c.where)
  } finally {
    await c.client.end().catch(() => undefined)
  }
}
