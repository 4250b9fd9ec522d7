import type Database from 'better-sqlite3'
import type { CellValue, LayerContent, LayerKey, OutgoingChange, ServerLayer } from '../../shared/team/changeLog'
import { layerProblem } from '../../shared/team/layerCheck'
import { pullAction } from '../../shared/team/mergeRules'
import { carryingRejections } from './rejectionCarry'
import { withDeferredIndexing } from './deferredIndexing'
import { writingPulledLayers } from './pulledLayerWrite'
import { layersAsJson } from './teamLayerJson'
import { PendingLayer } from './teamPendingLayer'
import { TeamLayerWriter } from './teamLayerWriter'
import { ON_SERVER_DOCUMENT } from './teamWaitingDocuments'

type Cells = Record<string, CellValue>
/** Columns that are local ids or are carried another way (label by name, head/tail by index). */
const SPAN_SKIP = new Set(['id', 'document_id', 'annotator_id', 'label_id', 'uid'])
const RELATION_SKIP = new Set([...SPAN_SKIP, 'head_id', 'tail_id'])
const LABEL_SKIP = new Set(['id', 'sort_order'])

export interface PendingChange extends OutgoingChange {
  localDocumentId: number
  localAnnotatorId: number
  /** The content as JSON text, built by SQLite (what a push sends; `content` is parsed from it on first use). */
  contentJson: string
}

interface LayerJsonRow {
  document_id: number
  annotator_id: number
  change_id: string | null
  external_id: string
  name: string
  version: number | null
  content: string
}

export interface ServerDocument {
  externalId: string
  title: string
  text: string
  textHash: string
  meta: string
}

/**
 * Team sync's local tables (migration 0009): the outbox the spans/relations/
 * status triggers fill, each layer's last synced server version, the pull
 * cursors, and the conflicts. Reading a layer turns it into the change-log
 * shape (no local ids); applying one writes it back under fresh local ids.
 */
export class TeamStore {
  private readonly columns: Record<'spans' | 'relations' | 'label_types', string[]>
  private readonly statements = new Map<string, Database.Statement>()
  private readonly writer: TeamLayerWriter

  constructor(readonly db: Database.Database) {
    const cols = (t: string) => (db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name)
    this.columns = { spans: cols('spans'), relations: cols('relations'), label_types: cols('label_types') }
    this.writer = new TeamLayerWriter(this.columns, (text) => this.sql(text), (kind, name) => this.labelId(kind, name))
  }

  /** A prepared statement, prepared once per text (a pull applies thousands of layers with the same few). */
  private sql<P extends unknown[] = unknown[], R = unknown>(text: string): Database.Statement<P, R> {
    let st = this.statements.get(text)
    if (!st) {
      st = this.db.prepare(text)
      this.statements.set(text, st)
    }
    return st as unknown as Database.Statement<P, R>
  }

  /** Runs `fn` as one transaction (nested steps become savepoints of it). */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate()
  }

  /**
   * One immediate transaction whose writes the server can give again: push
   * acknowledgements and pulled batches (with their cursor). It commits
   * without waiting for the disk (synchronous = NORMAL, WAL stays consistent):
   * a power cut may lose the last few, and the next sync repeats them (a
   * re-push is answered "already applied", a re-pull rewrites the same layers).
   * Edits keep the store's full durability.
   */
  private reproducible<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)()
    const was = this.db.pragma('synchronous', { simple: true }) as number
    if (was > 1) this.db.pragma('synchronous = NORMAL')
    try {
      return this.db.transaction(fn).immediate()
    } finally {
      if (was > 1) this.db.pragma(`synchronous = ${was}`)
    }
  }

  setting(key: string): string | null {
    return this.sql<[string], { value: string }>('SELECT value FROM team_sync WHERE key = ?').get(key)?.value ?? null
  }
  setSetting(key: string, value: string): void {
    this.sql('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }
  cursor(name: string): number {
    return Number(this.setting(`cursor.${name}`) ?? 0)
  }

  pendingCount(): number {
    // Gold travels item by item (migration 11): its waiting items count too.
    return this.sql<[], { n: number }>('SELECT (SELECT COUNT(*) FROM team_outbox) + (SELECT COUNT(*) FROM team_gold_outbox) AS n').get()!.n
  }

  /** Every layer with unpushed writes (`on-server`: on a document the server has), read as it is now (`limit` at a time, after `after`). */
  pending(limit = 1_000_000, after: { documentId: number; annotatorId: number } = { documentId: 0, annotatorId: 0 }, only: 'all' | 'on-server' = 'all'): PendingChange[] {
    const page = `SELECT o.document_id, o.annotator_id, o.change_id FROM team_outbox o
                   WHERE (o.document_id, o.annotator_id) > (?, ?) ${only === 'on-server' ? `AND ${ON_SERVER_DOCUMENT}` : ''} ORDER BY o.document_id, o.annotator_id LIMIT ?`
    // Rows as arrays, each wrapped once: a push reads a thousand layers a page (teamPendingLayer.ts).
    const rows = this.sql<[number, number, number], unknown[]>(this.layersAsJson(page)).raw(true).all(after.documentId, after.annotatorId, limit)
    return rows.map((r) => new PendingLayer(r))
  }

  layerContent(documentId: number, annotatorId: number): LayerContent {
    const page = 'SELECT ? AS document_id, ? AS annotator_id, NULL AS change_id'
    return JSON.parse(this.sql<[number, number], LayerJsonRow>(this.layersAsJson(page)).get(documentId, annotatorId)!.content) as LayerContent
  }

  private layersAsJson(page: string): string {
    return layersAsJson(this.columns, page, SPAN_SKIP, RELATION_SKIP)
  }

  /** The push of `changeId` landed as `version`: the layer is clean unless it was written again since. */
  markPushed(c: PendingChange, version: number): void {
    this.markAllPushed([{ change: c, version }])
  }
  /** The same for a batch, in one transaction of two set-based statements (outbox entries by change id, versions by layer). */
  markAllPushed(done: { change: PendingChange; version: number }[]): void {
    if (!done.length) return
    const ids = JSON.stringify(done.map(({ change }) => change.changeId))
    const versions = JSON.stringify(done.map(({ change, version }) => [change.localDocumentId, change.localAnnotatorId, version]))
    this.reproducible(() => {
      this.sql('DELETE FROM team_outbox WHERE change_id IN (SELECT value FROM json_each(?))').run(ids)
      this.sql(
        `INSERT INTO team_layers (document_id, annotator_id, version) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
         ON CONFLICT (document_id, annotator_id) DO UPDATE SET version = excluded.version`,
      ).run(versions)
    })
  }

  /** A refused push or a lost race: the local copy is kept whole in team_conflicts, and the outbox entry retired. */
  recordConflict(c: PendingChange, kind: 'conflict' | 'refused', reason: string, serverVersion: number | null): void {
    this.db.transaction(() => {
      this.sql(
          `INSERT INTO team_conflicts (document_id, annotator_id, kind, reason, change_id, mine, server_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.localDocumentId, c.localAnnotatorId, kind, reason, c.changeId, c.contentJson, serverVersion, new Date().toISOString())
      this.sql('DELETE FROM team_outbox WHERE change_id = ?').run(c.changeId)
    }).immediate()
  }

  conflicts(): { documentId: string; annotator: string; kind: string; reason: string; mine: LayerContent; serverVersion: number | null }[] {
    return this.sql<[], { external_id: string; name: string; kind: string; reason: string; mine: string; server_version: number | null }>(
        `SELECT d.external_id, a.name, c.kind, c.reason, c.mine, c.server_version FROM team_conflicts c
           JOIN documents d ON d.id = c.document_id JOIN annotators a ON a.id = c.annotator_id WHERE c.resolved = 0 ORDER BY c.id`,
      )
      .all()
      .map((r) => ({ documentId: r.external_id, annotator: r.name, kind: r.kind, reason: r.reason, mine: JSON.parse(r.mine) as LayerContent, serverVersion: r.server_version }))
  }

  /**
   * Applies pulled layers and moves the cursor, in one transaction, so a crash
   * leaves either all of the batch and its cursor or none. `force` takes the
   * server's copy even over local edits (after a refusal or a conflict).
   * Answers how many layers changed locally. The batch is decided with a few
   * look-ups and written set-based, without the per-row outbox, count and uid
   * triggers (pulledLayerWrite.ts) and without a savepoint; if the database
   * refuses a row, the transaction rolls back and the batch is written again
   * one layer per savepoint, with the triggers, so only that layer is skipped.
   */
  applyLayers(layers: ServerLayer[], cursor: number | null, force = false): { applied: number; skipped: { layer: LayerKey; reason: string }[] } {
    if (!this.db.inTransaction) {
      try {
        return this.reproducible(() => {
          const skipped: { layer: LayerKey; reason: string }[] = []
          const plan = this.planPull(layers, force, skipped)
          writingPulledLayers(this.db, plan, () => this.writePlan(plan))
          this.settlePulled(plan)
          if (cursor !== null) this.setSetting('cursor.layers', String(cursor))
          return { applied: plan.length, skipped }
        })
      } catch {
        // Rolled back whole: the layers again one by one below (a missing document throws again there, as it should).
      }
    }
    return this.reproducible(() => {
      const skipped: { layer: LayerKey; reason: string }[] = []
      const plan = this.planPull(layers, force, skipped)
      let applied = 0
      for (const p of plan) {
        try {
          this.db.transaction(() => {
            this.writePlan([p])
            this.settlePulled([p])
          })()
          applied++
        } catch (e) {
          skipped.push({ layer: { documentId: p.layer.documentId, annotator: p.layer.annotator }, reason: `the server's copy could not be stored (${(e as Error).message}); kept this desktop's copy` })
        }
      }
      if (cursor !== null) this.setSetting('cursor.layers', String(cursor))
      return { applied, skipped }
    })
  }

  /** Writes planned layers over the local ones; a reviewer's rejections of their items survive the new row ids. */
  private writePlan(plan: { layer: ServerLayer; documentId: number; annotatorId: number }[]): void {
    carryingRejections(this.db, plan, () => this.writer.write(plan.map((p) => ({ documentId: p.documentId, annotatorId: p.annotatorId, content: p.layer.content }))))
  }

  /** Which pulled layers to write: the checks of `applyLayer`, with the look-ups made once per batch. */
  private planPull(layers: ServerLayer[], force: boolean, skipped: { layer: LayerKey; reason: string }[]): { layer: ServerLayer; documentId: number; annotatorId: number }[] {
    const docs = new Map(
      this.sql<[string], { external_id: string; id: number; length: number }>(
        'SELECT external_id, id, length(text) AS length FROM documents WHERE external_id IN (SELECT value FROM json_each(?))',
      )
        .all(JSON.stringify([...new Set(layers.map((l) => l.documentId))]))
        .map((d) => [d.external_id, d]),
    )
    const annotators = new Map<string, number>()
    // The last copy of a layer in the batch wins (a batch names each layer once, but nothing relies on it).
    const byKey = new Map<string, { layer: ServerLayer; documentId: number; annotatorId: number }>()
    for (const l of layers) {
      const doc = docs.get(l.documentId)
      if (!doc) throw new Error(`the server has ${l.annotator}'s layer of document ${l.documentId}, which this workspace does not have`)
      const problem = layerProblem(l.content, doc.length)
      if (problem) {
        skipped.push({ layer: { documentId: l.documentId, annotator: l.annotator }, reason: `the server's copy is malformed (${problem}); kept this desktop's copy` })
        continue
      }
      let annotatorId = annotators.get(l.annotator)
      if (annotatorId === undefined) annotators.set(l.annotator, (annotatorId = this.annotatorId(l.annotator)))
      byKey.set(`${doc.id}/${annotatorId}`, { layer: l, documentId: doc.id, annotatorId })
    }
    const plan = [...byKey.values()]
    if (force) return plan
    const local = this.sql<[string], { version: number | null; dirty: number }>(
      `SELECT tl.version, EXISTS (SELECT 1 FROM team_outbox o WHERE o.document_id = k.value ->> 0 AND o.annotator_id = k.value ->> 1) AS dirty
         FROM json_each(?) k LEFT JOIN team_layers tl ON tl.document_id = k.value ->> 0 AND tl.annotator_id = k.value ->> 1 ORDER BY k.key`,
    ).all(JSON.stringify(plan.map((p) => [p.documentId, p.annotatorId])))
    return plan.filter((p, i) => pullAction({ baseVersion: local[i].version, dirty: !!local[i].dirty }, p.layer) === 'apply')
  }

  /** After pulled layers are written: nothing of theirs is left to push, their undo steps are retired, their versions kept. */
  private settlePulled(plan: { layer: ServerLayer; documentId: number; annotatorId: number }[]): void {
    const keys = JSON.stringify(plan.map((p) => [p.documentId, p.annotatorId]))
    const inKeys = `(document_id, annotator_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`
    this.sql(`DELETE FROM team_outbox WHERE ${inKeys}`).run(keys)
    this.sql(`UPDATE history SET state = 'discarded', changed_at = ? WHERE ${inKeys} AND state != 'discarded'`).run(new Date().toISOString(), keys)
    // Version 0: the server has no such layer (a refused new layer), so the next push creates it.
    this.sql(`DELETE FROM team_layers WHERE ${inKeys}`).run(JSON.stringify(plan.filter((p) => p.layer.version === 0).map((p) => [p.documentId, p.annotatorId])))
    this.sql(
      `INSERT INTO team_layers (document_id, annotator_id, version) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET version = excluded.version`,
    ).run(JSON.stringify(plan.filter((p) => p.layer.version !== 0).map((p) => [p.documentId, p.annotatorId, p.layer.version])))
  }

  /** Puts a kept-aside copy back as the layer (a conflict resolved "take mine"); the triggers mark it for the next push. */
  restoreLayer(documentId: number, annotatorId: number, content: LayerContent): void {
    this.db.transaction(() => carryingRejections(this.db, [{ documentId, annotatorId }], () => this.replaceLayer(documentId, annotatorId, content)))()
  }

  private replaceLayer(documentId: number, annotatorId: number, content: LayerContent): void {
    this.sql('DELETE FROM relations WHERE document_id = ? AND annotator_id = ?').run(documentId, annotatorId)
    this.sql('DELETE FROM spans WHERE document_id = ? AND annotator_id = ?').run(documentId, annotatorId)
    const now = new Date().toISOString()
    const ids = content.spans.map((s) =>
      this.insertRow('spans', { ...s.cells, document_id: documentId, annotator_id: annotatorId, label_id: this.labelId('entity', s.label), created_at: s.cells.created_at ?? now }),
    )
    for (const r of content.relations) {
      this.insertRow('relations', {
        ...r.cells,
        document_id: documentId,
        annotator_id: annotatorId,
        label_id: this.labelId('relation', r.label),
        head_id: ids[r.head],
        tail_id: ids[r.tail],
        created_at: r.cells.created_at ?? now,
      })
    }
    if (content.status === null) this.sql('DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?').run(documentId, annotatorId)
    else
      this.sql(
          `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
        )
        .run(documentId, annotatorId, content.status, now)
  }

  /** Inserts the columns this workspace has (a newer desktop's extra columns are left out). */
  private insertRow(table: 'spans' | 'relations' | 'label_types', row: Cells): number {
    const cols = Object.keys(row).filter((c) => c !== 'id' && this.columns[table].includes(c))
    const info = this.sql(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => row[c]))
    return Number(info.lastInsertRowid)
  }

  private annotatorId(name: string): number {
    const found = this.sql<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?').get(name)
    if (found) return found.id
    const kind = name === 'gold' ? 'gold' : 'human'
    return Number(this.sql('INSERT INTO annotators (name, kind, created_at) VALUES (?, ?, ?)').run(name, kind, new Date().toISOString()).lastInsertRowid)
  }

  /** A label by name; one the team schema has not delivered yet is created plain, so no pulled span is dropped. */
  private labelId(kind: 'entity' | 'relation', name: string): number {
    const found = this.sql<[string, string], { id: number }>('SELECT id FROM label_types WHERE kind = ? AND name = ?').get(kind, name)
    if (found) return found.id
    return this.insertRow('label_types', { kind, name, color: '#888888' })
  }

  // Documents and labels: written on the server by admins, pulled by everyone.

  hasDocument(externalId: string): boolean {
    return !!this.sql('SELECT 1 FROM documents WHERE external_id = ?').get(externalId)
  }

  unpushedDocuments(limit: number): (ServerDocument & { id: number })[] {
    return this.sql<[number], ServerDocument & { id: number }>(
        `SELECT d.id, d.external_id AS externalId, d.title, d.text, d.text_hash AS textHash, d.meta FROM documents d
          WHERE NOT EXISTS (SELECT 1 FROM team_documents t WHERE t.document_id = d.id) ORDER BY d.id LIMIT ?`,
      )
      .all(limit)
  }
  markDocumentsOnServer(ids: number[]): void {
    const stmt = this.sql('INSERT OR IGNORE INTO team_documents (document_id) VALUES (?)')
    this.db.transaction(() => ids.forEach((id) => stmt.run(id))).immediate()
  }
  /** Pulled documents: new ones are added; one this workspace already has (same external id) is kept. */
  applyDocuments(docs: ServerDocument[], cursor: number): number {
    // A bulk write: the new documents are indexed for search once, at the end of the batch (deferredIndexing.ts).
    return this.reproducible(() =>
      withDeferredIndexing(this.db, () => {
        let added = 0
        for (const d of docs) {
          let local = this.sql<[string], { id: number }>('SELECT id FROM documents WHERE external_id = ?').get(d.externalId)?.id
          if (local === undefined) {
            local = Number(
              this.sql('INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)')
                .run(d.externalId, d.title, d.text, d.textHash, d.meta, new Date().toISOString()).lastInsertRowid,
            )
            added++
          }
          this.sql('INSERT OR IGNORE INTO team_documents (document_id) VALUES (?)').run(local)
        }
        this.setSetting('cursor.documents', String(cursor))
        return added
      }),
    )
  }

  labels(): { kind: string; name: string; definition: Cells }[] {
    return this.sql<[], Cells & { kind: string; name: string }>('SELECT * FROM label_types ORDER BY kind, sort_order, id')
      .all()
      .map((r) => ({ kind: r.kind, name: r.name, definition: Object.fromEntries(Object.entries(r).filter(([k]) => !LABEL_SKIP.has(k))) }))
  }
  /** Pulled label definitions: the team's schema is written by admins, so theirs replaces the local one. */
  applyLabels(labels: { kind: string; name: string; definition: Cells }[], cursor: number): void {
    this.db.transaction(() => {
      for (const l of labels) {
        const found = this.sql<[string, string], { id: number }>('SELECT id FROM label_types WHERE kind = ? AND name = ?').get(l.kind, l.name)
        const cols = Object.keys(l.definition).filter((c) => !LABEL_SKIP.has(c) && this.columns.label_types.includes(c) && c !== 'kind' && c !== 'name')
        if (!found) this.insertRow('label_types', { ...l.definition, kind: l.kind, name: l.name })
        else if (cols.length)
          this.sql(`UPDATE label_types SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => l.definition[c]), found.id)
      }
      this.setSetting('cursor.labels', String(cursor))
    }).immediate()
  }

  /** Layers this desktop holds, by key (for status and tests). */
  layerKeys(): LayerKey[] {
    return this.sql<[], { external_id: string; name: string }>(
        `SELECT DISTINCT d.external_id, a.name FROM (SELECT document_id, annotator_id FROM spans UNION SELECT document_id, annotator_id FROM document_status) x
           JOIN documents d ON d.id = x.document_id JOIN annotators a ON a.id = x.annotator_id ORDER BY 1, 2`,
      )
      .all()
      .map((r) => ({ documentId: r.external_id, annotator: r.name }))
  }
}
