import type { ClientBase } from 'pg'
import { serverSchemaVersion, WRITE_LOCK } from './serverMigrations'
import { connect, plainConnectionError } from './teamClient'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** After a full gold pull: this registered desktop has pulled every gold item up to `cursor` (a cursor never moves back). */
export async function reportGoldCursor(client: ClientBase, desktopId: string, cursor: number): Promise<void> {
  // An update only: a desktop forgotten during this sync (team prune --forget-desktop) stays forgotten, and its next
  // sync registers it again and checks for what was pruned meanwhile.
  await client.query('UPDATE team_desktops SET gold_cursor = GREATEST(gold_cursor, $2), seen_at = now() WHERE desktop_id = $1', [desktopId, cursor])
}

/**
 * Before a gold pull: is this desktop registered? If not (a new desktop, one forgotten by
 * `team prune --forget-desktop`, or one that last synced before team schema 6) it registers now, at the cursor it
 * pulls from, so no prune from here on drops a deletion it has not pulled yet. Answers whether it was registered.
 */
export async function registerDesktop(client: ClientBase, desktopId: string, cursor: number): Promise<boolean> {
  if ((await client.query('SELECT 1 FROM team_desktops WHERE desktop_id = $1', [desktopId])).rowCount === 1) return true
  await client.query('INSERT INTO team_desktops (desktop_id, gold_cursor) VALUES ($1, $2) ON CONFLICT (desktop_id) DO NOTHING', [desktopId, cursor])
  return false
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
  /** Registered desktops: who, how far each has pulled, when last seen (the furthest behind first). */
  desktops: { id: string; member: string; cursor: number; seenAt: string }[]
  /** The desktop `--forget-desktop` removed from the list, if one was named. */
  forgotten: { id: string; member: string; cursor: number; seenAt: string } | null
  /** Tombstones kept because some desktop has not pulled them yet. */
  kept: number
}

/**
 * Drops the gold tombstones (deleted items) that every registered desktop
 * has already pulled: each has the deletion, and a desktop that joins later
 * never had the item. Under the team's write lock, so no push reads an item
 * as it goes. Needs the admin URL (the owner of the team tables): members
 * cannot delete gold items.
 */
export async function pruneTombstones(adminUrl: string, opts: { forgetDesktop?: string } = {}): Promise<PruneReport> {
  const forget = opts.forgetDesktop
  if (forget !== undefined && !UUID.test(forget)) throw new Error(`--forget-desktop takes a desktop id as team prune prints it (8-4-4-4-12 hex digits), not ${JSON.stringify(forget)}`)
  const c = await connect(adminUrl)
  try {
    const version = await serverSchemaVersion(c.client)
    if (version === null || version < 6) throw new Error(`${c.where}: the team schema is older than version 6; run spanwright team init --server ADMIN_URL first`)
    await c.client.query('BEGIN')
    await c.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    type Row = { id: string; member: string; cursor: string; seen_at: Date }
    const toDesktop = (r: Row) => ({ id: r.id, member: r.member, cursor: Number(r.cursor), seenAt: r.seen_at.toISOString() })
    // A desktop that stopped syncing for good: it no longer holds pruning back. If it syncs again, it is not
    // registered, so it checks which of its gold items the server no longer has (goldSync.ts) before it registers again.
    let forgotten: PruneReport['forgotten'] = null
    if (forget !== undefined) {
      const gone = await c.client.query<Row>('DELETE FROM team_desktops WHERE desktop_id = $1 RETURNING desktop_id AS id, member, gold_cursor AS cursor, seen_at', [forget.toLowerCase()])
      if (!gone.rows.length) throw new Error(`${c.where}: no desktop ${forget} is registered with the team; nothing was changed (spanwright team prune names the one furthest behind)`)
      forgotten = toDesktop(gone.rows[0])
    }
    const desktops = (
      await c.client.query<Row>('SELECT desktop_id AS id, member, gold_cursor AS cursor, seen_at FROM team_desktops ORDER BY gold_cursor, seen_at, member')
    ).rows.map(toDesktop)
    const upTo = desktops.length ? Math.min(...desktops.map((d) => d.cursor)) : 0
    const pruned = desktops.length ? (await c.client.query('DELETE FROM team_gold_items WHERE content IS NULL AND seq <= $1', [upTo])).rowCount ?? 0 : 0
    const kept = Number((await c.client.query<{ n: string }>('SELECT count(*) AS n FROM team_gold_items WHERE content IS NULL')).rows[0].n)
    await c.client.query('COMMIT')
    return { where: c.where, pruned, desktops, kept, forgotten }
  } catch (e) {
    await c.client.query('ROLLBACK').catch(() => undefined)
    throw (e as { code?: string }).code ? plainConnectionError(e, c.where) : e
  } finally {
    await c.client.end().catch(() => undefined)
  }
}
