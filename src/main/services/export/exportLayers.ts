import { AppError } from '../../../shared/api/errors'
import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import { countOf } from '../../../shared/text/plural'
import type { DocStatus, Relation } from '../../../shared/domain/model'
import type { ExportLayer } from '../../../shared/formats/formatCodec'
import type { LayerRef } from '../../store/exportLayerStore'
import type { Store } from '../../store/store'
import { changedAmongDone } from '../reviewReading'

/**
 * Which layers an export takes. Every filter is optional; together they narrow.
 *
 * Only layers that exist are exported, so a training set never holds phantom
 * documents (a document an annotator never opened, written as "no entities",
 * teaches a model that every entity is outside). A layer exists where it has
 * a span or relation, or a status row: the annotator edited it or marked it
 * (done with no spans is a real negative), or an import brought it, empty
 * ones included (an import writes a `todo` status row for an empty layer).
 */
export interface LayerFilter {
  /** One annotator's layers: the documents where that layer exists. Else every layer that exists. */
  annotator?: string
  /** The adjudicated layer (the annotator named `gold`): documents whose review is done, an empty gold layer included. */
  gold?: boolean
  /** With `gold`: also documents whose review is not done, where a gold layer exists. */
  includeUnreviewed?: boolean
  /** Only layers with this status (a layer without one is `todo`). */
  status?: DocStatus
  /** Only spans of these entity labels, and the relations between kept spans. */
  labels?: string[]
}

export type { LayerRef } from '../../store/exportLayerStore'

/** Documents an export left out, and why (the export report lists these). */
export interface LeftOut {
  documents: number
  reason: string
}

/**
 * Lists the layers an export takes, in document id order, and counts the
 * documents left out with their reason (and in `warnings`, what is taken that the
 * caller may not expect). Only small rows (ids and names) are held; texts and
 * spans are read layer by layer.
 */
export function listLayers(store: Store, f: LayerFilter, leftOut: LeftOut[] = [], warnings: string[] = []): LayerRef[] {
  const name = f.gold ? GOLD_ANNOTATOR : f.annotator
  if (f.gold && f.annotator && f.annotator !== GOLD_ANNOTATOR) {
    throw new AppError('bad_request', `--gold and --annotator ${f.annotator} name different layers; give one`)
  }
  if (f.includeUnreviewed && !f.gold) throw new AppError('bad_request', '--include-unreviewed goes with --gold')
  // A misspelt label (`person` for PERSON) would keep no span at all: every document written as a negative.
  const unknown = (f.labels ?? []).filter((l) => !store.labels.byName('entity', l) && !store.labels.byName('relation', l))
  if (unknown.length) throw new AppError('not_found', `--labels: no label named ${unknown.map((l) => JSON.stringify(l)).join(', ')} in this workspace's schema`)
  let rows: LayerRef[]
  // Gold layers of reviews marked done that the export takes: checked below for layers changed since the finish.
  const doneGold = new Set<number>()
  if (name) {
    const a = store.annotators.byName(name)
    if (!a) throw new AppError('not_found', f.gold ? 'this workspace has no gold layer yet' : `no annotator named ${JSON.stringify(name)} in this workspace`)
    const all = store.exportLayers.ofAnnotator(a.id)
    rows = []
    let noLayer = 0
    let unreviewed = 0
    let midReview = 0
    for (const { layerExists, reviewDone, ...ref } of all) {
      if (name === GOLD_ANNOTATOR && reviewDone) doneGold.add(ref.documentId)
      if (!f.gold && name === GOLD_ANNOTATOR && layerExists && !reviewDone) midReview++
      if (f.gold && !reviewDone) {
        if (layerExists && f.includeUnreviewed) rows.push(ref)
        else if (layerExists) unreviewed++
        else noLayer++
      } else if (f.gold || layerExists) rows.push(ref)
      else noLayer++
    }
    // `--annotator gold` is the gold layer as a layer: every one, finished or not. Said, since `--gold` takes only
    // reviews marked done and a dataset built from half-adjudicated gold would not say so itself.
    if (midReview) {
      warnings.push(
        `--annotator ${GOLD_ANNOTATOR} writes every gold layer: ${countOf(midReview, 'document')} whose review is not done ${midReview === 1 ? 'is' : 'are'} included, their gold as it stands mid-review (--gold writes only reviews marked done)`,
      )
    }
    if (unreviewed) leftOut.push({ documents: unreviewed, reason: 'review not done (give --include-unreviewed to export the gold layer as it is)' })
    if (noLayer) {
      leftOut.push({
        documents: noLayer,
        reason: f.gold ? 'no gold layer (never reviewed)' : `no layer by ${name} (never opened or marked, and no import brought one)`,
      })
    }
  } else {
    rows = store.exportLayers.all()
    const bare = store.documents.count() - new Set(rows.map((r) => r.documentId)).size
    if (bare) leftOut.push({ documents: bare, reason: 'they have no layer at all (no spans, no status, nothing imported for them)' })
  }
  const kept = f.status ? rows.filter((r) => (r.status ?? 'todo') === f.status) : rows
  if (kept.length < rows.length) leftOut.push({ documents: new Set(rows.filter((r) => (r.status ?? 'todo') !== f.status).map((r) => r.documentId)).size, reason: `their layer's status is not ${f.status}` })
  if (doneGold.size) warnChangedSinceDone(store, kept.filter((r) => doneGold.has(r.documentId)), warnings)
  return kept
}

/** Ids a warning names before "…". */
const NAMED = 5

/**
 * Gold is frozen when a review is marked done, but its annotators may change their layers afterwards: a dataset
 * trained on such gold no longer reflects them, and nothing in the file says so. Written anyway (as every other
 * surprise of an export is reported), with the same documents `spanwright review status` lists.
 */
function warnChangedSinceDone(store: Store, refs: LayerRef[], warnings: string[]): void {
  const externalIds = new Map(refs.map((r) => [r.documentId, r.externalId]))
  const changed = changedAmongDone(store, externalIds.keys())
  if (!changed.length) return
  const named = changed.slice(0, NAMED).map((c) => externalIds.get(c.documentId)!)
  const n = changed.length
  warnings.push(
    `${n} gold document${n === 1 ? ' comes' : 's come'} from reviews marked done whose annotators changed their layers since (${named.join(', ')}${n > NAMED ? ', …' : ''}): ` +
      'their gold is as the reviewer left it and no longer reflects the annotators (spanwright review status lists them; reopen a review to take the changes in)',
  )
}

/** Layers read per batch: one query each for their documents, spans and relations, so memory stays flat. */
export const READ_BATCH = 256

const layerKey = (documentId: number, annotatorId: number) => `${documentId}:${annotatorId}`

/** Items grouped by layer, keeping their order within each. */
function groupByLayer<T extends { documentId: number; annotator: string }>(items: T[], annotatorIds: Map<string, number>): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const x of items) {
    const key = layerKey(x.documentId, annotatorIds.get(x.annotator) ?? -1)
    const list = out.get(key)
    if (list) list.push(x)
    else out.set(key, [x])
  }
  return out
}

/** Per filter (an export's options): the relations `--labels` left out because a head or tail was, by relation label. */
const droppedRelations = new WeakMap<LayerFilter, Map<string, number>>()

function noteDropped(f: LayerFilter, all: Relation[], kept: Relation[]): void {
  const counts = droppedRelations.get(f) ?? new Map<string, number>()
  droppedRelations.set(f, counts)
  const keptIds = new Set(kept.map((r) => r.id))
  for (const r of all) if (!keptIds.has(r.id)) counts.set(r.label, (counts.get(r.label) ?? 0) + 1)
}

/**
 * What readLayers left out of the layers it read with this filter: relations whose head or tail span has a label
 * not among `labels` (the span is not written, so neither is the relation). One warning naming them, or null.
 */
export function relationsLeftOutByLabels(f: LayerFilter): string | null {
  const counts = droppedRelations.get(f)
  if (!counts?.size) return null
  const n = [...counts.values()].reduce((a, b) => a + b, 0)
  const byLabel = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, k]) => `${label} ${k}`).join(', ')
  return `--labels: ${countOf(n, 'relation')} ${n === 1 ? 'was' : 'were'} left out because ${n === 1 ? 'its' : 'their'} head or tail span has a label not in --labels (${byLabel}); name the labels of both ends to keep ${n === 1 ? 'it' : 'them'}`
}

/**
 * Reads the listed layers in batches (a query per batch for the documents,
 * one for their spans, one for their relations, rather than a query per
 * layer), applying the label filter, and yields them one at a time in the
 * order listed. `each` runs before every layer (for progress and cancel).
 */
export function* readLayers(store: Store, refs: Iterable<LayerRef>, f: LayerFilter, each?: () => void): Generator<ExportLayer> {
  const keep = f.labels?.length ? new Set(f.labels) : null
  let batch: LayerRef[] = []
  const flush = function* (): Generator<ExportLayer> {
    const refsNow = batch
    batch = []
    const docIds = [...new Set(refsNow.map((r) => r.documentId))]
    const annotators = new Set(refsNow.map((r) => r.annotatorId))
    // One annotator in the batch (an --annotator export, or a corpus with one layer a document): read only its rows.
    const only = annotators.size === 1 ? refsNow[0].annotatorId : null
    const annotatorIds = new Map(refsNow.map((r) => [r.annotator, r.annotatorId]))
    const docs = new Map(store.documents.byIds(docIds).map((d) => [d.id, d]))
    const spans = groupByLayer(store.spans.layersOf(docIds, only), annotatorIds)
    const relDocs = [...new Set(refsNow.filter((r) => r.hasRelations).map((r) => r.documentId))]
    const rels = relDocs.length ? groupByLayer(store.relations.layersOf(relDocs, only), annotatorIds) : new Map<string, Relation[]>()
    for (const ref of refsNow) {
      each?.()
      const doc = docs.get(ref.documentId)
      if (!doc) continue
      const key = layerKey(ref.documentId, ref.annotatorId)
      let layerSpans = spans.get(key) ?? []
      let relations = ref.hasRelations ? (rels.get(key) ?? []) : []
      if (keep) {
        layerSpans = layerSpans.filter((s) => keep.has(s.label))
        const ids = new Set(layerSpans.map((s) => s.id))
        const all = relations
        relations = relations.filter((r) => ids.has(r.headId) && ids.has(r.tailId))
        if (relations.length < all.length) noteDropped(f, all, relations)
      }
      yield {
        externalId: doc.externalId,
        title: doc.title,
        text: doc.text,
        meta: doc.meta,
        annotator: ref.annotator,
        status: ref.status,
        spans: layerSpans,
        relations,
      }
    }
  }
  for (const ref of refs) {
    batch.push(ref)
    if (batch.length >= READ_BATCH) yield* flush()
  }
  if (batch.length) yield* flush()
}
