import type { ClientBase } from 'pg'
import type { CellValue, LayerContent, LayerKey, OutgoingChange, PushOutcome, ServerLayer } from '../../shared/team/changeLog'
import { compareAndSet, mayWriteLayer, refusalReason } from '../../shared/team/mergeRules'
import type { TeamMember } from '../../shared/team/mergeRules'
import type { ServerDocument } from '../store/teamStore'
import { WRITE_LOCK } from './serverMigrations'

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
 * Pushes one change: in one transaction, the change id is looked up (a retried
 * push answers what it did the first time), the layer is written by
 * compare-and-set on its version, and the change id is recorded
 * (`INSERT … ON CONFLICT DO NOTHING`), so it is applied at most once.
 */
export async function pushChange(client: ClientBase, me: TeamMember, c: OutgoingChange): Promise<PushOutcome> {
  if (!mayWriteLayer(c.annotator, me)) return { kind: 'refused', reason: refusalReason(c.annotator, me) }
  try {
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
      const seen = await client.query<{ version: string }>('SELECT version FROM team_changes WHERE change_id = $1', [c.changeId])
      if (seen.rows.length) return { kind: 'already-applied', version: Number(seen.rows[0].version) }
      const doc = await client.query('SELECT 1 FROM team_documents WHERE external_id = $1', [c.documentId])
      if (!doc.rows.length) return { kind: 'refused', reason: `document ${c.documentId} is not in the team workspace (team admins add documents)` }
      const current = await client.query<{ version: string }>('SELECT version FROM team_layers WHERE document_id = $1 AND annotator = $2', [c.documentId, c.annotator])
      const serverVersion = current.rows.length ? Number(current.rows[0].version) : null
      const cas = compareAndSet(c.baseVersion, serverVersion)
      if (cas.kind === 'conflict') return { kind: 'conflict', serverVersion }
      const args = [c.documentId, c.annotator, JSON.stringify(c.content), c.content.spans.length, c.content.status, cas.version]
      const written =
        serverVersion === null
          ? await client.query(
              `INSERT INTO team_layers (document_id, annotator, content, spans, status, version, seq) VALUES ($1, $2, $3, $4, $5, $6, nextval('team_seq'))
               ON CONFLICT (document_id, annotator) DO NOTHING`,
              args,
            )
          : await client.query(
              `UPDATE team_layers SET content = $3, spans = $4, status = $5, version = $6, seq = nextval('team_seq'), updated_by = current_user, updated_at = now()
                WHERE document_id = $1 AND annotator = $2 AND version = $7`,
              [...args, serverVersion],
            )
      if (written.rowCount !== 1) return { kind: 'conflict', serverVersion }
      await client.query(
        'INSERT INTO team_changes (change_id, document_id, annotator, version) VALUES ($1, $2, $3, $4) ON CONFLICT (change_id) DO NOTHING',
        [c.changeId, c.documentId, c.annotator, cas.version],
      )
      return { kind: 'applied', version: cas.version }
    })
  } catch (e) {
    // Row-level security said no (the server's rule, whatever the client believed).
    if ((e as { code?: string }).code === '42501') return { kind: 'refused', reason: `the server refused it: ${(e as Error).message}` }
    throw e
  }
}

/**
 * Pushes a batch of changes in one transaction: the same rules as
 * `pushChange` (change ids applied once, compare-and-set on each layer's
 * version), with one statement per step instead of one per change. A batch the
 * server refuses as a whole (row-level security) is retried change by change,
 * so each change gets its own answer.
 */
export async function pushChanges(client: ClientBase, me: TeamMember, changes: OutgoingChange[]): Promise<PushOutcome[]> {
  const outcomes: (PushOutcome | null)[] = changes.map((c) => (mayWriteLayer(c.annotator, me) ? null : { kind: 'refused', reason: refusalReason(c.annotator, me) }))
  const todo = changes.map((c, i) => ({ c, i })).filter(({ i }) => outcomes[i] === null)
  if (!todo.length) return outcomes as PushOutcome[]
  try {
    await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
      const ids = todo.map(({ c }) => c.changeId)
      const seen = new Map(
        (await client.query<{ id: string; version: string }>('SELECT replace(change_id::text, \'-\', \'\') AS id, version FROM team_changes WHERE change_id = ANY($1::uuid[])', [ids])).rows.map(
          (r) => [r.id, Number(r.version)],
        ),
      )
      const docs = new Set(
        (await client.query<{ id: string }>('SELECT external_id AS id FROM team_documents WHERE external_id = ANY($1::text[])', [todo.map(({ c }) => c.documentId)])).rows.map((r) => r.id),
      )
      const current = new Map(
        (
          await client.query<{ d: string; a: string; version: string }>(
            'SELECT l.document_id AS d, l.annotator AS a, l.version FROM team_layers l JOIN unnest($1::text[], $2::text[]) AS k(d, a) ON l.document_id = k.d AND l.annotator = k.a',
            [todo.map(({ c }) => c.documentId), todo.map(({ c }) => c.annotator)],
          )
        ).rows.map((r) => [`${r.d}\u0000${r.a}`, Number(r.version)]),
      )
      const writes: { c: OutgoingChange; version: number }[] = []
      for (const { c, i } of todo) {
        const done = seen.get(c.changeId.replace(/-/g, '').toLowerCase())
        if (done !== undefined) outcomes[i] = { kind: 'already-applied', version: done }
        else if (!docs.has(c.documentId)) outcomes[i] = { kind: 'refused', reason: `document ${c.documentId} is not in the team workspace (team admins add documents)` }
        else {
          const serverVersion = current.get(`${c.documentId}\u0000${c.annotator}`) ?? null
          const cas = compareAndSet(c.baseVersion, serverVersion)
          outcomes[i] = cas.kind === 'write' ? { kind: 'applied', version: cas.version } : { kind: 'conflict', serverVersion }
          if (cas.kind === 'write') writes.push({ c, version: cas.version })
        }
      }
      if (!writes.length) return
      const rows = JSON.stringify(
        writes.map(({ c, version }) => ({ d: c.documentId, a: c.annotator, content: c.content, spans: c.content.spans.length, status: c.content.status, version })),
      )
      const written = await client.query(
        `INSERT INTO team_layers AS l (document_id, annotator, content, spans, status, version, seq)
         SELECT w.d, w.a, w.content, w.spans, w.status, w.version, nextval('team_seq') FROM jsonb_to_recordset($1::jsonb) AS w(d text, a text, content jsonb, spans int, status text, version bigint)
         ON CONFLICT (document_id, annotator) DO UPDATE
            SET content = excluded.content, spans = excluded.spans, status = excluded.status, version = excluded.version, seq = excluded.seq, updated_by = current_user, updated_at = now()
          WHERE l.version = excluded.version - 1`,
        [rows],
      )
      // Every version was read under the lock, so all land; anything else is a bug, and the whole batch is undone.
      if (written.rowCount !== writes.length) throw new Error(`team push: ${written.rowCount} of ${writes.length} layers written; nothing was changed`)
      await client.query(
        `INSERT INTO team_changes (change_id, document_id, annotator, version)
         SELECT w.change::uuid, w.d, w.a, w.version FROM jsonb_to_recordset($1::jsonb) AS w(d text, a text, version bigint, change text)
         ON CONFLICT (change_id) DO NOTHING`,
        [JSON.stringify(writes.map(({ c, version }) => ({ d: c.documentId, a: c.annotator, version, change: c.changeId })))],
      )
    })
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e
    for (const { c, i } of todo) outcomes[i] = await pushChange(client, me, c)
  }
  return outcomes as PushOutcome[]
}

interface LayerRow {
  document_id: string
  annotator: string
  content: LayerContent
  version: string
  seq: string
}
const toLayer = (r: LayerRow): ServerLayer => ({ documentId: r.document_id, annotator: r.annotator, content: r.content, version: Number(r.version), seq: Number(r.seq) })

/** The layers written after `cursor`, in the order they were written. */
export async function layersSince(client: ClientBase, cursor: number, limit: number): Promise<ServerLayer[]> {
  const r = await client.query<LayerRow>('SELECT document_id, annotator, content, version, seq FROM team_layers WHERE seq > $1 ORDER BY seq LIMIT $2', [
    cursor,
    limit,
  ])
  return r.rows.map(toLayer)
}

export async function layerOf(client: ClientBase, k: LayerKey): Promise<ServerLayer | null> {
  const r = await client.query<LayerRow>('SELECT document_id, annotator, content, version, seq FROM team_layers WHERE document_id = $1 AND annotator = $2', [
    k.documentId,
    k.annotator,
  ])
  return r.rows.length ? toLayer(r.rows[0]) : null
}

/** Adds documents the server does not have (admins only; an existing external id is kept as it is). */
export async function pushDocuments(client: ClientBase, docs: ServerDocument[]): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
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
