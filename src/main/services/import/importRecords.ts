import type { FormatName } from '../../../shared/formats/formatCodec'
import type { ImportReport } from '../../../shared/formats/importReport'
import type { ImportSpan, LineError } from '../../../shared/formats/importRecord'
import type { LabelMap } from '../../../shared/formats/labelMap'
import type { OffsetUnit } from '../../../shared/text/offsets'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import type { Store } from '../../store/store'
import { addCollectedLabels, RecordValidator } from './recordValidator'
import { importError } from './readFiles'
import type { SourcedRecord } from './readFiles'

export interface ImportOptions {
  /** The layer's annotator for records that do not name one. */
  annotator: string | null
  /** Read every input in this format; without it, by extension and then by content. */
  format?: FormatName | null
  /** How the files count offsets (default: code points). */
  unit?: OffsetUnit
  /** The encoding of text files without a byte-order mark (`--encoding`; default UTF-8). A BOM wins, with a warning. */
  encoding?: TextEncoding | null
  /** Read a valid UTF-8 file in the single-byte encoding chosen anyway (`--force-encoding`), instead of refusing it. */
  forceEncoding?: boolean
  /** Import the valid records and list the rest, instead of failing the whole import. */
  skipInvalid?: boolean
  /** Add labels the schema lacks (with generated colours) instead of refusing them. */
  addLabels?: boolean
  /** Labels renamed as the files are read, before any check (`--map-label FROM=TO`). */
  labelMap?: LabelMap
  /**
   * Back the workspace up (`backups/…-before-import`) just before writing
   * (default: yes). Only a workspace on disk, and only when there is
   * something to write. Off only where a caller has its own copy (benchmarks).
   */
  backup?: boolean
}

export type { ImportReport }

type Key = string
/** Attributes in a stable order, so `{a,b}` and `{b,a}` are the same span. */
const attributesKey = (a: Record<string, unknown>): string => {
  const keys = Object.keys(a)
  return keys.length ? JSON.stringify(keys.sort().map((k) => [k, a[k]])) : ''
}
/**
 * A span's identity within a layer: offsets, fragments, label, kind (an event
 * trigger is not the same entity), and what the annotator wrote on it
 * (attributes, note, normalization). Two spans with the same extent and label
 * but their own notes are two spans, as in brat. An event sharing its trigger
 * (brat: several E lines on one T) differs from that trigger by `triggerId`,
 * and from another event of its type on that trigger by its source id (`E21`, `E22`).
 */
const spanKey = (s: {
  start: number
  end: number
  label: string
  fragments: [number, number][] | null
  kind?: string
  triggerId?: number | null
  sourceId: string | null
  attributes: Record<string, unknown>
  note: string
  norm: string | null
  normText?: string | null
}): Key =>
  `${s.start}:${s.end}:${s.label}:${s.kind ?? 'entity'}:${s.fragments ? JSON.stringify(s.fragments) : ''}${s.triggerId == null ? '' : `:${s.triggerId}:${s.sourceId}`}:` +
  `${attributesKey(s.attributes)}:${JSON.stringify(s.note ?? '')}:${s.norm ?? ''}:${s.normText ?? ''}`

/** A span `SpanStore.insertPlainRows` can write: contiguous, an entity, no normalization, provenance or trigger. */
const isPlain = (s: ImportSpan): boolean =>
  !s.fragments && (s.kind ?? 'entity') === 'entity' && s.norm == null && s.normText == null && !s.provenance && s.trigger === undefined

/**
 * Spans already in a layer, by identity, as a multiset: each incoming span
 * takes one present span of its key, so a layer holding two identical spans
 * matches a record with two (re-import adds nothing) and a record with three
 * adds one. Spans inserted by this import are never matched: identical spans
 * within one record are all kept (brat: 203 T lines in, 203 spans).
 */
function presentPool(present: (Parameters<typeof spanKey>[0] & { id: number })[]): Map<Key, number[]> {
  const pool = new Map<Key, number[]>()
  for (const p of present) {
    const k = spanKey(p)
    const ids = pool.get(k)
    if (ids) ids.push(p.id)
    else pool.set(k, [p.id])
  }
  return pool
}

/**
 * Validates every record against the store (labels in the schema, relation
 * constraints, existing documents' text), then writes all of them in one
 * transaction. Any fault fails the whole import with every bad line listed,
 * and nothing is written.
 *
 * A record whose document already exists with the same text adds its
 * annotator's layer; spans and relations already in that layer are skipped,
 * so importing the same file twice changes nothing.
 */
export function importRecords(store: Store, records: SourcedRecord[], opts: ImportOptions): ImportReport {
  const v = new RecordValidator(store, opts)
  const errors = records.flatMap((r) => v.check(r))
  if (errors.length) throw importError(errors, records.length)
  return store.transaction(() => {
    const labelsAdded = addCollectedLabels(store, v)
    return { ...writeRecords(store, records, opts, undefined, v), labelsAdded }
  })
}

/** Checks records against the store without writing; returns every fault found. */
export function validateRecords(store: Store, records: SourcedRecord[], opts: ImportOptions): LineError[] {
  const v = new RecordValidator(store, opts)
  return records.flatMap((r) => v.check(r))
}

/**
 * The backup before an import's write transaction, so an unwanted import can
 * be undone by restoring it. Synchronous (VACUUM INTO): nothing can change
 * between it and the write. Returns its path, or null when none was taken.
 */
export function backupBeforeImport(store: Store, opts: Pick<ImportOptions, 'backup'>, recordsToWrite: number): string | null {
  if (opts.backup === false || recordsToWrite === 0 || store.file === ':memory:' || store.file === '' || store.readonly) return null
  return store.backupSync('before-import')
}

/**
 * Writes validated records in one transaction (inside a caller's: in it, with
 * no savepoint, see deferredIndexing.ts). `each` runs before every record;
 * throwing from it (e.g. on cancel) rolls the whole write back: the caller
 * must let the throw end its transaction, as every caller does.
 */
export function writeRecords(
  store: Store,
  records: Iterable<SourcedRecord>,
  opts: ImportOptions,
  each?: (r: SourcedRecord) => void,
  checked?: Pick<RecordValidator, 'seenText' | 'existing'>,
): ImportReport {
  const all = store.labels.list()
  const entityLabelIds = new Map(all.filter((l) => l.kind === 'entity').map((l) => [l.name, l.id]))
  const relationLabelIds = new Map(all.filter((l) => l.kind === 'relation').map((l) => [l.name, l.id]))
  // One time for every row of the import (and no clock call per row).
  const now = new Date().toISOString()
  // Ids of documents this import created (later records of the same document skip the lookup), and annotators by name.
  // Row ids as plain numbers, not objects: a million-document import keeps one per document.
  const docIds = new Map<string, number>()
  const annotators = new Map<string, { id: number; kind: string }>()
  const report: ImportReport = {
    linesRead: 0,
    imported: 0,
    rejected: 0,
    documentsAdded: 0,
    layersAdded: 0,
    spansAdded: 0,
    spansSkipped: 0,
    relationsAdded: 0,
    labelsAdded: [],
    errors: [],
  }
  // The documents this import creates are indexed for search (and their layers' spans counted) once, at the end.
  store.bulkWrite(() => {
    // Span ids are given here, counting up as SQLite would, so a layer's plain spans go in a few statements (spanStore.ts).
    let nextSpanId = store.spans.nextId()
    for (const r of records) {
      each?.(r)
      report.linesRead++
      report.imported++
      // With the validator's findings, a document it did not find in the store is new: no look-up per record.
      const knownId = checked?.existing.get(r.externalId)
      const createdId = docIds.get(r.externalId)
      let doc: { id: number } | null =
        createdId !== undefined ? { id: createdId } : checked ? (knownId === undefined ? null : { id: knownId }) : store.documents.byExternalId(r.externalId)
      // A document this record creates has no layers yet: no need to look for present spans.
      const fresh = !doc
      if (!doc) {
        const hash = checked?.seenText.get(r.externalId)
        doc = { id: store.documents.insert({ externalId: r.externalId, title: r.title, text: r.text, meta: r.meta, textHash: hash }, now) }
        docIds.set(r.externalId, doc.id)
        report.documentsAdded++
      }
      const annotatorName = r.annotator ?? opts.annotator
      if (!annotatorName) continue
      let annotator = annotators.get(annotatorName)
      if (!annotator) annotators.set(annotatorName, (annotator = store.annotators.ensure(annotatorName)))
      // The gold layer of a review marked done is frozen (goldFreeze.ts): a record may match it, not add to it.
      const frozen = !fresh && annotator.kind === 'gold' && store.gold.isReviewDone(doc.id)
      const addedBefore = report.spansAdded + report.relationsAdded
      const present = fresh ? [] : store.spans.layer(doc.id, annotator.id)
      // A new layer: spans where the annotator had none, or an empty layer (a real negative, or a status) where the
      // annotator had no layer at all; before, empty layers were left out of the count.
      const emptyLayer = r.spans.length === 0 && (!!r.status || (r.layer !== false && r.relations.length === 0))
      if (present.length === 0 && (r.spans.length > 0 || (emptyLayer && (fresh || !store.documents.hasStatusRow(doc.id, annotator.id))))) report.layersAdded++
      const pool = presentPool(present)
      const rowIds: number[] = []
      if (pool.size === 0 && r.spans.every(isPlain)) {
        store.spans.insertPlainRows(doc.id, annotator.id, nextSpanId, r.spans, entityLabelIds, now)
        for (const s of r.spans) {
          if (s.suggestedBy) store.recommend.setSuggestedBy(nextSpanId, s.suggestedBy)
          rowIds.push(nextSpanId++)
        }
        report.spansAdded += r.spans.length
      } else for (const s of r.spans) {
        const triggerId = s.trigger === undefined ? null : rowIds[s.trigger]
        const found = pool.size ? pool.get(spanKey(triggerId === null ? s : { ...s, triggerId }))?.shift() : undefined
        if (found !== undefined) {
          rowIds.push(found)
          report.spansSkipped++
          continue
        }
        const id = store.spans.insert({
          documentId: doc.id,
          annotatorId: annotator.id,
          labelId: entityLabelIds.get(s.label)!,
          start: s.start,
          end: s.end,
          fragments: s.fragments,
          attributes: s.attributes,
          note: s.note,
          norm: s.norm,
          normText: s.normText ?? null,
          kind: s.kind ?? 'entity',
          sourceId: s.sourceId,
          provenance: s.provenance ?? null,
          triggerId,
        }, now)
        if (s.suggestedBy) store.recommend.setSuggestedBy(id, s.suggestedBy)
        rowIds.push(id)
        nextSpanId = id + 1
        report.spansAdded++
      }
      // Relations as a multiset too, as spans: two identical relations of a record (brat: two R lines, or an event's
      // `Theme:T1 Theme:T1`) are two; each present one matches one incoming, so a re-import adds nothing.
      const relKey = (x: { headId: number; tailId: number; label: string; kind?: string; attributes: Record<string, unknown>; note: string }) =>
        `${x.headId}>${x.tailId}:${x.label}:${x.kind ?? 'binary'}:${attributesKey(x.attributes)}:${JSON.stringify(x.note ?? '')}`
      const presentRel = new Map<Key, number>()
      for (const x of fresh ? [] : store.relations.layer(doc.id, annotator.id)) presentRel.set(relKey(x), (presentRel.get(relKey(x)) ?? 0) + 1)
      for (const rel of r.relations) {
        const headId = rowIds[rel.head]
        const tailId = rowIds[rel.tail]
        const key = relKey({ ...rel, headId, tailId })
        const left = presentRel.get(key) ?? 0
        if (left > 0) {
          presentRel.set(key, left - 1)
          continue
        }
        store.relations.insert({
          documentId: doc.id,
          annotatorId: annotator.id,
          labelId: relationLabelIds.get(rel.label)!,
          headId,
          tailId,
          kind: rel.kind ?? 'binary',
          attributes: rel.attributes,
          note: rel.note,
          sourceId: rel.sourceId,
          provenance: rel.provenance ?? null,
        }, now)
        report.relationsAdded++
      }
      if (frozen && report.spansAdded + report.relationsAdded > addedBefore) {
        const reason = `document ${JSON.stringify(r.externalId)}: its review is marked done, so its gold layer cannot change; reopen the review to import into it`
        throw importError([{ file: r.file, line: r.line, reason }], report.linesRead)
      }
      if (r.status) store.documents.setStatus(doc.id, annotator.id, r.status)
      // An empty layer from a file is a real negative: a status row records that the layer exists (see exportLayers).
      else if (r.layer !== false && r.spans.length === 0 && r.relations.length === 0) store.documents.markLayer(doc.id, annotator.id, now)
    }
  })
  return report
}
