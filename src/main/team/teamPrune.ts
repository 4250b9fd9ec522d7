import type { ClientBase } from 'pg'
import { serverSchemaVersion, WRITE_LOCK } from './serverMigrations'
import { connect, plainConnectionError } from './teamClient'

/** After a full gold pull: this desktop has pulled every gold item up to `cursor` (a cursor never moves back). */
export async function reportGoldCursor(client: ClientBase, desktopId: string, cursor: number): Promise<void> {
  await client.query(
    `INSERT INTO team_desktops AS d (desktop_id, gold_cursor) VALUES ($1, $2)
     ON CONFLICT (desktop_id) DO UPDATE SET gold_cursor = GREATEST(d.gold_cursor, excluded.gold_cursor), seen_at = now()`,
    [desktopId, cursor],
  )
}

export interface PruneReport {
  where: string
  /** Tombstones dropped. */
  pruned: number
  /** Registered desktops: who, how far each has pulled, when last seen. */
  desktops: { member: string; cursor: number; seenAt: string }[]
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
export async function pruneTombstones(adminUrl: string): Promise<PruneReport> {
  const c = await connect(adminUrl)
  try {
    const version = await serverSchemaVersion(c.client)
    if (version === null || version < 6) throw new Error(`${c.where}: the team schema is older than version 6; run spanwright team init --server ADMIN_URL first`)
    await c.client.query('BEGIN')
    await c.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    const desktops = (
      await c.client.query<{ member: string; cursor: string; seen_at: Date }>('SELECT member, gold_cursor AS cursor, seen_at FROM team_desktops ORDER BY gold_cursor, member')
    ).rows.map((r) => ({ member: r.member, cursor: Number(r.cursor), seenAt: r.seen_at.toISOString() }))
    const upTo = desktops.length ? Math.min(...desktops.map((d) => d.cursor)) : 0
    const pruned = desktops.length ? (await c.client.query('DELETE FROM team_gold_items WHERE content IS NULL AND seq <= $1', [upTo])).rowCount ?? 0 : 0
    const kept = Number((await c.client.query<{ n: string }>('SELECT count(*) AS n FROM team_gold_items WHERE content IS NULL')).rows[0].n)
    await c.client.query('COMMIT')
    return { where: c.where, pruned, desktops, kept }
  } catch (e) {
    await c.client.query('ROLLBACK').catch(() => undefined)
    throw (e as { code?: string }).code ? plainConnectionError(e, c.where) : e
  } finally {
    await c.client.end().catch(() => undefined)
  }
}
