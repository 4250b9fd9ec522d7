import type { ClientBase } from 'pg'
import type { CellValue, LayerContent, LayerKey, OutgoingChange, PushOutcome, ServerLayer } from '../../shared/team/changeLog'
import { mayWriteLayer, refusalReason } from '../../shared/team/mergeRules'
import type { TeamMember } from '../../shared/team/mergeRules'
import type { ServerDocument } from '../store/teamStore'
import { WRITE_LOCK } from './writeLock'
import { NEXT_STAMP, STAMP_MICROS, stampDesktop } from './desktopStamp'
import type { PushStamp } from './desktopStamp'

async function inTransaction<T>(client: ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const r = await fn()
    await client.query('COMMIT')
    return r
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

/**
 * One call of the push function. A change that landed is answered by its count alone: it landed at its base version
 * + 1 (the function's compare-and-set), so the client does not read a thousand answer rows; the others (already
 * applied, conflicts, refusals) come one row each. The count row's `i` is the count and its `version` the sum of the
 * versions written, checked against the bases sent.
 */
const LANDED = 'landed (count)'
const STAMPED = 'stamp'
const pushSql = (stamped: boolean) => `WITH r AS MATERIALIZED (SELECT i, outcome, version FROM team_push_layers($1::jsonb))${
  stamped ? `, s AS (UPDATE team_desktops SET seen_at = ${NEXT_STAMP} WHERE desktop_id = $2 RETURNING ${STAMP_MICROS} AS at)` : ''
}
  SELECT count(*)::integer AS i, '${LANDED}' AS outcome, coalesce(sum(version), 0)::bigint AS version FROM r WHERE outcome = 'applied'
  UNION ALL SELECT i, outcome, version FROM r WHERE outcome <> 'applied'${stamped ? `\n  UNION ALL SELECT -1, '${STAMPED}', at FROM s` : ''}`
const PUSH = pushSql(false)
/** The same, stamping the pushing desktop's row in the same statement (so in the same transaction): one more row, its stamp. */
const PUSH_STAMPED = pushSql(true)

/** A change as pushed: its content as JSON text when the local store already built it (no parse and re-stringify). */
export type PushedChange = OutgoingChange & { contentJson?: string }

/**
 * Pushes a batch of layer changes in one call of `team_push_layers` (schema 5):
 * one round trip and one server statement, in which change ids are applied
 * at most once, each layer is written by compare-and-set on its version, and
 * the change log is written with it (no lock: pushes never wait for each other). Changes to layers
 * this member may not write are answered here (for the message) and never
 * sent; row-level security refuses them on the server all the same. A batch
 * the server refuses as a whole (row-level security) is retried change by
 * change, so each change gets its own answer. With `stamp`, the push also stamps the desktop's row (desktopStamp.ts).
 */
export async function pushChanges(client: ClientBase, me: TeamMember, changes: PushedChange[], stamp?: PushStamp): Promise<PushOutcome[]> {
  const outcomes: (PushOutcome | null)[] = changes.map((c) => (mayWriteLayer(c.annotator, me) ? null : { kind: 'refused', reason: refusalReason(c.annotator, me) }))
  const todo = changes.flatMap((c, i) => (outcomes[i] === null ? [i] : []))
  if (!todo.length) return outcomes as PushOutcome[]
  const batch = `[${todo
    .map((i) => {
      const c = changes[i]
      return `{"i":${i},"c":${JSON.stringify(c.changeId)},"d":${JSON.stringify(c.documentId)},"a":${JSON.stringify(c.annotator)},"b":${c.baseVersion ?? 'null'},"content":${c.contentJson ?? JSON.stringify(c.content)}}`
    })
    .join(',')}]`
  try {
    const r = await client.query<{ i: number; outcome: string; version: string | null }>(stamp ? PUSH_STAMPED : PUSH, stamp ? [batch, stamp.desktop] : [batch])
    const applied = r.rows.find((row) => row.outcome === LANDED)!
    if (stamp) {
      const at = r.rows.find((row) => row.outcome === STAMPED)
      stamp.at = at ? Number(at.version) : undefined
    }
    const others = r.rows.filter((row) => row !== applied && row.outcome !== STAMPED)
    for (const row of others) outcomes[row.i] = outcomeOf(row.outcome, row.version === null ? null : Number(row.version), changes[row.i], me)
    let versions = 0
    for (const i of todo) if (outcomes[i] === null) versions += (changes[i].baseVersion ?? 0) + 1
    if (applied.i !== todo.length - others.length || Number(applied.version) !== versions)
      throw new Error(`the server answered ${applied.i + others.length} of ${todo.length} changes, or at other versions; nothing is marked pushed, the next sync sends them again`)
    for (const i of todo) outcomes[i] ??= { kind: 'applied', version: (changes[i].baseVersion ?? 0) + 1 }
  } catch (e) {
    // Row-level security said no (the server's rule, whatever the client believed).
    if ((e as { code?: string }).code !== '42501') throw e
    if (todo.length === 1) outcomes[todo[0]] = { kind: 'refused', reason: `the server refused it: ${(e as Error).message}` }
    else for (const i of todo) outcomes[i] = (await pushChanges(client, me, [changes[i]], stamp))[0]
  }
  return outcomes as PushOutcome[]
}

function outcomeOf(outcome: string, version: number | null, c: OutgoingChange, me: TeamMember): PushOutcome {
  switch (outcome) {
    case 'applied':
    case 'already-applied':
      return { kind: outcome, version: version! }
    case 'conflict':
      return { kind: 'conflict', serverVersion: version }
    case 'no-document':
      return { kind: 'refused', reason: `document ${c.documentId} is not in the team workspace (team admins add documents)` }
    default:
      return { kind: 'refused', reason: refusalReason(c.annotator, me) }
  }
}

interface LayerRow {
  document_id: string
  annotator: string
  content: LayerContent
  version: string
  seq: string
}
const toLayer = (r: LayerRow): ServerLayer => ({ documentId: r.document_id, annotator: r.annotator, content: r.content, version: Number(r.version), seq: Number(r.seq) })

/**
 * The layers written after `cursor`, in the order of the change log: each
 * write's log row names it, and the layer's current row is read through the
 * log row that wrote it (older log rows of a layer written again are passed
 * over; its newest one comes later in the order). Only positions below the
 * horizon are read (schema 5: every transaction there has ended), and a page
 * holds whole positions (one push's rows share one), so the cursor, the
 * highest position read, never passes a write still to come.
 */
export async function layersSince(client: ClientBase, cursor: number, limit: number): Promise<ServerLayer[]> {
  const r = await client.query<LayerRow>(
    // The layer is looked up per log row (OFFSET 0 keeps the planner from turning this into a hash join over every
    // layer, which it chose with stale statistics after a bulk write: 30-60 ms a page instead of under 1 ms).
    // The page ends at the position of the limit-th current row (rows of layers written again since do not count, so
    // a page is empty only at the end), and takes every row of that position.
    `WITH live AS (
       SELECT c.seq, c.change_id, c.document_id, c.annotator, c.version FROM team_changes c
        WHERE c.seq > $1 AND c.seq < team_log_horizon()
          AND EXISTS (SELECT 1 FROM team_layers l WHERE l.document_id = c.document_id AND l.annotator = c.annotator AND l.version = c.version OFFSET 0)
        ORDER BY c.seq),
     page AS MATERIALIZED (SELECT max(x.seq) AS upto FROM (SELECT seq FROM live LIMIT $2) x)
     SELECT l.document_id, l.annotator, l.content, l.version, c.seq FROM page, team_changes c
      CROSS JOIN LATERAL (SELECT l.document_id, l.annotator, l.content, l.version FROM team_layers l
                           WHERE l.document_id = c.document_id AND l.annotator = c.annotator AND l.version = c.version OFFSET 0) l
      WHERE c.seq > $1 AND c.seq <= page.upto ORDER BY c.seq, c.change_id`,
    [cursor, limit],
  )
  return r.rows.map(toLayer)
}

/** The highest version of the layer that one of these change ids wrote (null: none of them landed). */
export async function layerVersionWrittenBy(client: ClientBase, k: LayerKey, changeIds: string[]): Promise<number | null> {
  if (!changeIds.length) return null
  const r = await client.query<{ v: string | null }>('SELECT max(version) AS v FROM team_changes WHERE change_id = ANY($1::uuid[]) AND document_id = $2 AND annotator = $3', [
    changeIds,
    k.documentId,
    k.annotator,
  ])
  return r.rows[0].v === null ? null : Number(r.rows[0].v)
}

export async function layerOf(client: ClientBase, k: LayerKey): Promise<ServerLayer | null> {
  const r = await client.query<LayerRow>('SELECT document_id, annotator, content, version, 0 AS seq FROM team_layers WHERE document_id = $1 AND annotator = $2', [
    k.documentId,
    k.annotator,
  ])
  return r.rows.length ? toLayer(r.rows[0]) : null
}

/** Adds documents the server does not have (admins only; an existing external id is kept as it is). */
export async function pushDocuments(client: ClientBase, docs: ServerDocument[], stamp?: PushStamp): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    if (stamp) await stampDesktop(client, stamp)
    await client.query(
      `INSERT INTO team_documents (external_id, title, text, text_hash, meta, seq)
       SELECT d.external_id, d.title, d.text, d.text_hash, d.meta, nextval('team_seq')
         FROM jsonb_to_recordset($1::jsonb) AS d(external_id text, title text, text text, text_hash text, meta text)
       ON CONFLICT (external_id) DO NOTHING`,
      [JSON.stringify(docs.map((d) => ({ external_id: d.externalId, title: d.title, text: d.text, text_hash: d.textHash, meta: d.meta })))],
    )
  })
}

export async function documentsSince(client: ClientBase, cursor: number, limit: number): Promise<(ServerDocument & { seq: number })[]> {
  const r = await client.query<{ external_id: string; title: string; text: string; text_hash: string; meta: string; seq: string }>(
    'SELECT external_id, title, text, text_hash, meta, seq FROM team_documents WHERE seq > $1 ORDER BY seq LIMIT $2',
    [cursor, limit],
  )
  return r.rows.map((d) => ({ externalId: d.external_id, title: d.title, text: d.text, textHash: d.text_hash, meta: d.meta, seq: Number(d.seq) }))
}

type Label = { kind: string; name: string; definition: Record<string, CellValue> }

/** Writes the label schema (admins only); a label whose definition is unchanged keeps its sequence number. */
export async function pushLabels(client: ClientBase, labels: Label[]): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    await client.query(
      `INSERT INTO team_labels (kind, name, definition, seq)
       SELECT l.kind, l.name, l.definition, nextval('team_seq') FROM jsonb_to_recordset($1::jsonb) AS l(kind text, name text, definition jsonb)
       ON CONFLICT (kind, name) DO UPDATE SET definition = excluded.definition, seq = excluded.seq
        WHERE team_labels.definition IS DISTINCT FROM excluded.definition`,
      [JSON.stringify(labels)],
    )
  })
}

export async function labelsSince(client: ClientBase, cursor: number): Promise<(Label & { seq: number })[]> {
  const r = await client.query<{ kind: string; name: string; definition: Record<string, CellValue>; seq: string }>(
    'SELECT kind, name, definition, seq FROM team_labels WHERE seq > $1 ORDER BY seq',
    [cursor],
  )
  return r.rows.map((l) => ({ ...l, seq: Number(l.seq) }))
}
