import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import type { ExportLayer } from '../../../shared/formats/formatCodec'
import type { LineError } from '../../../shared/formats/importRecord'
import { LATEST_VERSION } from '../../store/migrate'
import { openStore } from '../../store/store'
import type { Store } from '../../store/store'
import { listLayers, readLayers } from '../export/exportLayers'
import type { LayerRef } from '../export/exportLayers'
import type { ImportProgress, RunHooks } from './importFiles'
import { backupBeforeImport, writeRecords } from './importRecords'
import type { ImportOptions, ImportReport } from './importRecords'
import type { SourcedRecord } from './readFiles'
import { importError } from './readFiles'
import { addCollectedLabels, RecordValidator } from './recordValidator'

/** The extension of a Spanwright workspace file. */
export const WORKSPACE_EXTENSION = '.spanwright'

export const isWorkspaceFile = (p: string) => p.toLowerCase().endsWith(WORKSPACE_EXTENSION)

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))
const SLICE = 500

/** Another workspace, opened read-only (an older file is migrated in a temp copy, never in place). */
interface OpenedSource {
  store: Store
  close(): void
}

async function openSource(target: Store, file: string): Promise<OpenedSource> {
  let st: fs.Stats
  try {
    st = fs.statSync(file)
  } catch {
    throw new AppError('invalid_input', `${file}: no such workspace file`)
  }
  if (!st.isFile()) throw new AppError('invalid_input', `${file}: not a file`)
  // The same file by any name (a symlink, a hard link, another relative path): device and inode decide.
  const open = target.file !== ':memory:' && fs.existsSync(target.file) ? fs.statSync(target.file) : null
  if (open && open.dev === st.dev && open.ino === st.ino) {
    throw new AppError('bad_request', `${file} is the workspace that is open; import another workspace file`)
  }
  let store: Store
  try {
    store = openStore(file, { readonly: true, lock: false, rollingBackups: false })
  } catch (e) {
    throw new AppError('invalid_input', `${file}: not a Spanwright workspace (${(e as Error).message})`)
  }
  const version = store.formatVersion()
  const hasDocuments = store.hasTable('documents')
  if (!hasDocuments || version < 1) {
    store.close()
    throw new AppError('invalid_input', `${file}: not a Spanwright workspace (no documents table)`)
  }
  if (version > LATEST_VERSION) {
    store.close()
    throw new AppError('invalid_input', `${file}: made by a newer Spanwright (format ${version}; this one reads up to ${LATEST_VERSION}); update Spanwright to import it`)
  }
  if (version === LATEST_VERSION) return { store, close: () => store.close() }
  // An older workspace: copy it (SQLite's online backup) and migrate the copy, leaving the file as it was.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-import-'))
  const copy = path.join(dir, 'source.spanwright')
  try {
    await store.copyTo(copy)
  } finally {
    store.close()
  }
  const migrated = openStore(copy, { lock: false, rollingBackups: false, backupBeforeMigration: false })
  return {
    store: migrated,
    close: () => {
      migrated.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** One document layer of the source as an import record; relations point at spans by index, as the codecs' records do. */
function layerRecord(file: string, line: number, layer: Omit<ExportLayer, 'annotator'> & { annotator: string | null }): SourcedRecord {
  const index = new Map(layer.spans.map((s, i) => [s.id, i]))
  return {
    file: `${file}#${layer.externalId}`,
    line,
    externalId: layer.externalId,
    title: layer.title,
    text: layer.text,
    meta: layer.meta,
    annotator: layer.annotator,
    status: layer.status,
    spans: layer.spans.map((s) => ({
      sourceId: s.sourceId,
      label: s.label,
      start: s.start,
      end: s.end,
      fragments: s.fragments,
      kind: s.kind,
      attributes: s.attributes,
      note: s.note,
      norm: s.norm,
      normText: s.normText,
      ...(s.provenance ? { provenance: s.provenance } : {}),
      ...(s.suggestedBy ? { suggestedBy: s.suggestedBy } : {}),
    })),
    relations: layer.relations
      .filter((r) => index.has(r.headId) && index.has(r.tailId))
      .map((r) => ({
        sourceId: r.sourceId,
        label: r.label,
        head: index.get(r.headId)!,
        tail: index.get(r.tailId)!,
        kind: r.kind,
        attributes: r.attributes,
        note: r.note,
        ...(r.provenance ? { provenance: r.provenance } : {}),
      })),
  }
}

/**
 * Every document of the source, then each of its layers, as import records in
 * document id order; a document without any layer comes as a bare record (no
 * annotator), so it is imported too. Read lazily, layer by layer.
 */
function* sourceRecords(source: Store, file: string): Generator<SourcedRecord> {
  const byDoc = new Map<number, LayerRef[]>()
  for (const ref of listLayers(source, {})) {
    const list = byDoc.get(ref.documentId)
    if (list) list.push(ref)
    else byDoc.set(ref.documentId, [ref])
  }
  const docs = source.documents.idsInExternalIdOrder()
  let line = 0
  for (const { id } of docs) {
    const refs = byDoc.get(id)
    if (refs) {
      for (const layer of readLayers(source, refs, {})) yield layerRecord(file, ++line, layer)
    } else {
      const doc = source.documents.byId(id)
      if (doc) yield layerRecord(file, ++line, { ...doc, annotator: null, status: null, spans: [], relations: [] })
    }
  }
}

const countRecords = (source: Store): number => {
  const layered = listLayers(source, {})
  const docsWithLayers = new Set(layered.map((l) => l.documentId)).size
  const docs = source.documents.count()
  return layered.length + docs - docsWithLayers
}

/** Annotators of kind gold in the source: they stay the gold layer here. */
const goldAnnotators = (source: Store) => source.annotators.list().filter((a) => a.kind === 'gold').map((a) => a.name)

/**
 * Imports every document and every layer (spans, relations, attributes,
 * notes, normalization ids, gold provenance, document status; not the undo
 * history; with addLabels, the labels this schema lacks as the source defines them) from another Spanwright workspace file, opened read-only. Matching
 * is the JSONL import's: a document with the same id and text gains the
 * layers; one with other text is a fault; items already present are skipped,
 * so importing the same workspace twice changes nothing. Validated whole
 * first (yielding to the event loop, so progress and cancel work), then
 * written in one transaction; a fault or a cancel writes nothing.
 *
 * Faults name `<file>#<document id>:<n>: reason`, n counting the source's
 * layers in document id order.
 */
export async function importWorkspace(
  store: Store,
  file: string,
  opts: Pick<ImportOptions, 'skipInvalid' | 'addLabels' | 'backup'> = {},
  hooks: RunHooks<ImportProgress & { total: number }> = {},
): Promise<ImportReport> {
  const { signal, onProgress } = hooks
  signal?.throwIfAborted()
  const source = await openSource(store, file)
  try {
    const importOpts: ImportOptions = { annotator: null, skipInvalid: opts.skipInvalid, addLabels: opts.addLabels }
    const total = countRecords(source.store)
    const validator = new RecordValidator(store, importOpts)
    const errors: LineError[] = []
    const bad = new Set<number>()
    let done = 0
    let current = file
    for (const r of sourceRecords(source.store, file)) {
      current = r.file
      const faults = validator.check(r)
      if (faults.length) {
        errors.push(...faults)
        bad.add(r.line)
      }
      if (++done % SLICE === 0) {
        onProgress?.({ phase: 'validate', done, rejected: bad.size, file: current, total })
        await yieldToLoop()
        signal?.throwIfAborted()
      }
    }
    if (errors.length && !opts.skipInvalid) throw importError(errors, done)
    onProgress?.({ phase: 'validate', done, rejected: bad.size, file: current, total })
    await yieldToLoop()
    signal?.throwIfAborted()

    backupBeforeImport(store, opts, done - bad.size)
    const golds = goldAnnotators(source.store)
    let labelsAdded: string[] = []
    let written = 0
    const valid = (function* () {
      for (const r of sourceRecords(source.store, file)) if (!bad.has(r.line)) yield r
    })()
    const report = store.transaction(() => {
      // Labels this schema lacks come as the other workspace defines them (colour, key, constraints, attributes).
      labelsAdded = addCollectedLabels(store, validator, (kind, name) => source.store.labels.byName(kind, name))
      for (const name of golds) store.annotators.ensure(name, 'gold')
      return writeRecords(
        store,
        valid,
        importOpts,
        (r) => {
          if (++written % SLICE === 0) {
            onProgress?.({ phase: 'write', done: written, rejected: bad.size, file: r.file, total: total - bad.size })
            signal?.throwIfAborted()
          }
        },
        validator,
      )
    })
    onProgress?.({ phase: 'write', done: written, rejected: bad.size, file: current, total: total - bad.size })
    return { ...report, linesRead: done, rejected: bad.size, labelsAdded, errors }
  } finally {
    source.close()
  }
}

export interface WorkspacePreview {
  records: SourcedRecord[]
  total: number
}

/** The first `n` records of a workspace import, for the dialog's preview. */
export async function previewWorkspace(store: Store, file: string, n = 10): Promise<WorkspacePreview> {
  const source = await openSource(store, file)
  try {
    const records: SourcedRecord[] = []
    for (const r of sourceRecords(source.store, file)) {
      records.push(r)
      if (records.length >= n) break
    }
    return { records, total: countRecords(source.store) }
  } finally {
    source.close()
  }
}
