import type { ClientBase } from 'pg'
import type { GoldItemContent, GoldItemKey, GoldItemKind, OutgoingGoldItem, ServerGoldItem } from '../../shared/team/goldItems'
import { goldPushDecision } from '../../shared/team/goldItems'
import type { TeamMember } from '../../shared/team/mergeRules'
import { WRITE_LOCK } from './serverMigrations'
import { brokenLinks, key } from './serverGoldLinks'
import { stampDesktop } from './desktopStamp'
import type { PushStamp } from './desktopStamp'

export type GoldPushOutcome =
  | { kind: 'applied'; version: number }
  /**
   * Applied before (a retried push), or the server already held exactly this content: nothing written. `server`: the
   * item as the server holds it now, which another reviewer may have written over since that change was applied.
   */
  | { kind: 'already-applied'; version: number; server?: ServerGoldItem | null }
  /** `why`: the write would break the gold layer (a relation on a deleted span, a span deleted under a relation); no rebase applies. */
  | { kind: 'conflict'; server: ServerGoldItem | null; why?: string }
  | { kind: 'refused'; reason: string }

interface ItemRow {
  document_id: string
  uid: string
  kind: GoldItemKind
  content: GoldItemContent | null
  version: string
  seq: string
  updated_by: string
}
const toItem = (r: ItemRow): ServerGoldItem => ({
  documentId: r.document_id,
  uid: r.uid,
  kind: r.kind,
  content: r.content,
  version: Number(r.version),
  seq: Number(r.seq),
  by: r.updated_by,
})
const COLUMNS = 'document_id, uid, kind, content, version, seq, updated_by'
const NOT_A_REVIEWER = (me: TeamMember) => `${me.name} is not a reviewer, so cannot write the gold layer`

/**
 * Pushes gold items in one transaction, each by compare-and-set on its own
 * version: change ids already applied answer what they did; an item whose
 * server version is the one it was edited on is written as the next version;
 * one the server already holds identically is taken as it is; anything else is
 * a conflict, answered with the server's copy. Sequence numbers are taken
 * under the team's one write lock (the pull cursor's order), spans before
 * relations, so a pull meets a relation's spans first. With `stamp`, the push also stamps the desktop's row (desktopStamp.ts).
 */
export async function pushGoldItems(client: ClientBase, me: TeamMember, items: OutgoingGoldItem[], stamp?: PushStamp): Promise<GoldPushOutcome[]> {
  if (!me.reviewer) return items.map(() => ({ kind: 'refused', reason: NOT_A_REVIEWER(me) }))
  const outcomes: GoldPushOutcome[] = []
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    const seen = new Map(
      (
        await client.query<{ id: string; version: string }>("SELECT replace(change_id::text, '-', '') AS id, version FROM team_gold_changes WHERE change_id = ANY($1::uuid[])", [
          items.map((i) => i.changeId),
        ])
      ).rows.map((r) => [r.id, Number(r.version)]),
    )
    const docs = new Set(
      (await client.query<{ id: string }>('SELECT external_id AS id FROM team_documents WHERE external_id = ANY($1::text[])', [items.map((i) => i.documentId)])).rows.map((r) => r.id),
    )
    const current = new Map(
      (
        await client.query<ItemRow>(
          `SELECT g.${COLUMNS.split(', ').join(', g.')} FROM team_gold_items g JOIN unnest($1::text[], $2::text[]) AS k(d, u) ON g.document_id = k.d AND g.uid = k.u`,
          [items.map((i) => i.documentId), items.map((i) => i.uid)],
        )
      ).rows.map((r) => [key({ documentId: r.document_id, uid: r.uid }), toItem(r)]),
    )
    const writes: { item: OutgoingGoldItem; version: number; at: number }[] = []
    for (const item of items) {
      const done = seen.get(item.changeId.replace(/-/g, '').toLowerCase())
      const server = current.get(key(item)) ?? null
      if (done !== undefined) outcomes.push({ kind: 'already-applied', version: done, server })
      else if (!docs.has(item.documentId)) outcomes.push({ kind: 'refused', reason: `document ${item.documentId} is not in the team workspace (team admins add documents)` })
      else if (server && server.kind !== item.kind) outcomes.push({ kind: 'refused', reason: `gold item ${item.uid} is a ${server.kind} on the server, not a ${item.kind}` })
      else {
        const d = goldPushDecision(item.baseVersion, server, item.content)
        if (d.kind === 'write') writes.push({ item, version: d.version, at: outcomes.length })
        outcomes.push(d.kind === 'write' ? { kind: 'applied', version: d.version } : d.kind === 'same' ? { kind: 'already-applied', version: d.version } : { kind: 'conflict', server })
      }
    }
    for (const [at, why] of await brokenLinks(client, writes, current)) {
      outcomes[at] = { kind: 'conflict', server: current.get(key(items[at])) ?? null, why }
      writes.splice(
        writes.findIndex((w) => w.at === at),
        1,
      )
    }
    writes.sort((a, b) => (a.item.kind === b.item.kind ? 0 : a.item.kind === 'span' ? -1 : 1))
    if (writes.length) {
      const rows = JSON.stringify(writes.map(({ item, version }, n) => ({ n, d: item.documentId, u: item.uid, k: item.kind, c: item.content, v: version, change: item.changeId })))
      const written = await client.query(
        `INSERT INTO team_gold_items AS g (document_id, uid, kind, content, version, seq)
         SELECT w.d, w.u, w.k, w.c, w.v, nextval('team_seq')
           FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, d text, u text, k text, c jsonb, v bigint) ORDER BY n) AS w
         ON CONFLICT (document_id, uid) DO UPDATE
            SET content = excluded.content, version = excluded.version, seq = excluded.seq, updated_by = current_user, updated_at = now()
          WHERE g.version = excluded.version - 1`,
        [rows],
      )
      // Every version was read under the lock, so all land; anything else is a bug, and the whole batch is undone.
      if (written.rowCount !== writes.length) throw new Error(`gold push: ${written.rowCount} of ${writes.length} items written; nothing was changed`)
      await client.query(
        // Each record takes its write's position, so team prune drops it once every desktop has pulled past it (schema 8).
        `INSERT INTO team_gold_changes (change_id, document_id, uid, version, seq)
         SELECT w.change::uuid, w.d, w.u, w.v, g.seq FROM jsonb_to_recordset($1::jsonb) AS w(d text, u text, v bigint, change text)
           JOIN team_gold_items g ON g.document_id = w.d AND g.uid = w.u
         ON CONFLICT (change_id) DO NOTHING`,
        [rows],
      )
    }
    if (stamp) await stampDesktop(client, stamp)
    await client.query('COMMIT')
    return outcomes
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    // Row-level security said no (the server's rule, whatever the client believed).
    if ((e as { code?: string }).code === '42501') return items.map(() => ({ kind: 'refused', reason: `the server refused it: ${(e as Error).message}` }))
    throw e
  }
}

/** The newest version of an item that one of these change ids wrote, or null (none of them landed). */
export async function versionWrittenBy(client: ClientBase, k: GoldItemKey, changeIds: string[]): Promise<number | null> {
  if (!changeIds.length) return null
  const r = await client.query<{ v: string | null }>('SELECT max(version) AS v FROM team_gold_changes WHERE document_id = $1 AND uid = $2 AND change_id = ANY($3::uuid[])', [
    k.documentId,
    k.uid,
    changeIds,
  ])
  return r.rows[0].v === null ? null : Number(r.rows[0].v)
}

/** Gold items written after `cursor`, in the order they were written. */
export async function goldItemsSince(client: ClientBase, cursor: number, limit: number): Promise<ServerGoldItem[]> {
  const r = await client.query<ItemRow>(`SELECT ${COLUMNS} FROM team_gold_items WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor, limit])
  return r.rows.map(toItem)
}

export async function goldItemOf(client: ClientBase, k: GoldItemKey): Promise<ServerGoldItem | null> {
  const r = await client.query<ItemRow>(`SELECT ${COLUMNS} FROM team_gold_items WHERE document_id = $1 AND uid = $2`, [k.documentId, k.uid])
  return r.rows.length ? toItem(r.rows[0]) : null
}

/**
 * What the server's upgrade made of a document's gold layer (team schema 3):
 * its items named by position (`v1-…`), and the last version that layer had
 * (null: no layer write of it is recorded).
 */
export async function upgradedGoldOf(client: ClientBase, documentId: string): Promise<{ items: { uid: string; kind: GoldItemKind }[]; layerVersion: number | null }> {
  const items = await client.query<{ uid: string; kind: GoldItemKind }>("SELECT uid, kind FROM team_gold_items WHERE document_id = $1 AND uid LIKE 'v1-%'", [documentId])
  const v = await client.query<{ v: string | null }>("SELECT max(version) AS v FROM team_changes WHERE document_id = $1 AND annotator = 'gold'", [documentId])
  return { items: items.rows, layerVersion: v.rows[0].v === null ? null : Number(v.rows[0].v) }
}
