import { AppError } from '../../shared/api/errors'
import type { ChangeSinceDone, ReviewData, ReviewLayer } from '../../shared/api/methods/review'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { Annotator } from '../../shared/domain/model'
import { alignLayers, relationConsensus, spanKey } from '../../shared/review/alignment'
import { agreedMissingFromGold, changedSinceDone, layerChangeList } from '../../shared/review/changedSinceDone'
import type { LayerChange, SinceDone } from '../../shared/review/changedSinceDone'
import { decideReview } from '../../shared/review/decisions'
import { relationConstraintError } from '../../shared/schema/annotationRules'
import type { Store } from '../store/store'

/*
 * What a review reads of a document (its layers aligned, gold, rejections, what is open, what changed since it was
 * marked done), a neutral module beside goldFreeze.ts: the review service shows it, and the export warns from the same
 * "changed since done" (shared/review/changedSinceDone.ts), so the two never count different documents.
 */

function layerOf(store: Store, documentId: number, a: Annotator | null, name: string): ReviewLayer {
  if (!a) return { annotator: name, spans: [], relations: [] }
  return { annotator: a.name, spans: store.spans.layer(documentId, a.id), relations: store.relations.layer(documentId, a.id) }
}

/** The document's layers, aligned, beside its gold layer and the reviewer's rejections. */
export function reviewData(store: Store, ref: { documentId: number } | { externalId: string }): ReviewData {
  const document = 'documentId' in ref ? store.documents.byId(ref.documentId) : store.documents.byExternalId(ref.externalId)
  if (!document) throw new AppError('not_found', 'documentId' in ref ? `no document with id ${ref.documentId}` : `no document with id ${JSON.stringify(ref.externalId)}`)
  const layers = store.annotators.humansWithLayerOn(document.id).map((a) => layerOf(store, document.id, a, a.name))
  const gold = layerOf(store, document.id, store.annotators.byName(GOLD_ANNOTATOR), GOLD_ANNOTATOR)
  const review = store.gold
  const rejections = review.rejections(document.id)
  const alignment = alignLayers(layers)
  const rejected = {
    spans: rejections.filter((r) => r.kind === 'span').map((r) => r.id),
    relations: rejections.filter((r) => r.kind === 'relation').map((r) => r.id),
  }
  const { open } = decideReview({ alignment, gold, rejected })
  const status = review.status(document.id)
  const done = status === 'adjudicated'
  // Kept at the last finish, and after a reopening until the next one (migration 20).
  const since = sinceDone(store, document.id)
  // What differs from gold is read only for a review done before the workspace kept its layers at the finish.
  const agreedMissing = done && since?.taken !== 'done' ? agreedMissingFromGold(alignment, gold, rejected) + agreedRelationsMissing(store, { alignment, layers, gold, rejected }) : 0
  const changed = changedSinceDone({ done, since, open, agreedMissing })
  const changesSinceDone = changed > 0 && since?.list.length ? describeChanges(store, since.list.slice(0, NAMED_CHANGES)) : undefined
  const sinceLastFinish = !done && since?.list.length ? { changed: since.list.length, changes: describeChanges(store, since.list.slice(0, NAMED_CHANGES)) } : undefined
  return {
    document,
    status,
    layers,
    gold,
    alignment,
    rejected,
    open,
    changedSinceDone: changed,
    ...(changesSinceDone ? { changesSinceDone } : {}),
    ...(sinceLastFinish ? { sinceLastFinish } : {}),
  }
}

/** Changes since done a review names (the count says how many there are in all). */
const NAMED_CHANGES = 20

/** Who changed what, by label and extent: a kept item's content is the json_array of migration 19 (annotatorItemsOf). */
function describeChanges(store: Store, list: LayerChange[]): ChangeSinceDone[] {
  const names = new Map(store.annotators.list().map((a) => [a.id, a.name]))
  return list.map(({ change, item }) => {
    const c = JSON.parse(item.content) as number[]
    const annotator = names.get(item.annotatorId) ?? `#${item.annotatorId}`
    if (item.kind === 'l') return { annotator, change: change === 'deleted' ? 'deleted' : 'added', kind: 'layer' }
    if (item.kind === 's') return { annotator, change, kind: 'span', label: store.labels.byId(c[2])?.name ?? '?', start: c[0], end: c[1] }
    return { annotator, change, kind: 'relation', label: store.labels.byId(c[4])?.name ?? '?', start: c[0], end: c[1], tail: { start: c[2], end: c[3] } }
  })
}

/** How many annotator items changed since the review was last marked done (null: no copy of its layers is kept). */
export function sinceDone(store: Store, documentId: number): (SinceDone & { list: LayerChange[] }) | null {
  const kept = store.reviewDoneLayers.of(documentId)
  if (!kept) return null
  const list = layerChangeList(kept.then, kept.now)
  return { taken: kept.taken, changes: list.length, list }
}

/**
 * The relations every annotator now agrees on that a pre-merge would add to gold (ends gold has, a type that allows
 * gold's labels of those ends, not in gold yet): premerge's own tests, read only. Marking a review done ran that
 * pre-merge, so on a done review such a relation is an agreement reached after the finish.
 */
function agreedRelationsMissing(store: Store, data: Pick<ReviewData, 'alignment' | 'layers' | 'gold' | 'rejected'>): number {
  const n = data.layers.length
  if (!n) return 0
  const spanById = new Map(data.layers.flatMap((l) => l.spans.map((s) => [s.id, s] as const)))
  const goldSpans = new Map(data.gold.spans.map((s) => [spanKey(s), s.id]))
  const goldLabel = new Map(data.gold.spans.map((s) => [s.id, s.label]))
  const goldRelations = new Set(data.gold.relations.map((r) => `${r.headId}>${r.tailId}:${r.label}`))
  const rejected = new Set<string>()
  for (const l of data.layers) for (const r of l.relations) if (data.rejected.relations.includes(r.id)) rejected.add(`${l.annotator}#${r.id}`)
  let missing = 0
  for (const { item } of relationConsensus(data.alignment, n, rejected)) {
    const head = spanById.get(item.headId)
    const tail = spanById.get(item.tailId)
    const headId = head ? goldEnd(goldSpans, head) : null
    const tailId = tail ? goldEnd(goldSpans, tail) : null
    if (headId === null || tailId === null || goldRelations.has(`${headId}>${tailId}:${item.label}`)) continue
    const type = store.labels.byName('relation', item.label)
    if (type && !relationConstraintError(type, goldLabel.get(headId)!, goldLabel.get(tailId)!)) missing++
  }
  return missing
}

/**
 * The gold span a relation end stands on: the one with the same extent and label, else the only gold span of that
 * extent (relations align by their ends' extents, so annotators who agree on a relation but label an end differently
 * agree on it, and the reviewer's choice of that end's label is what gold holds). Null when gold has neither.
 */
export function goldEnd(goldSpans: Map<string, number>, end: { start: number; end: number; label: string }): number | null {
  const exact = goldSpans.get(spanKey(end))
  if (exact !== undefined) return exact
  const prefix = `${end.start}:${end.end}:`
  let found: number | null = null
  for (const [key, id] of goldSpans) {
    if (!key.startsWith(prefix)) continue
    if (found !== null) return null
    found = id
  }
  return found
}

/**
 * The documents among these (each with a review marked done) whose annotators changed their layers since, with how
 * many items: what `spanwright review status`, the dashboard and the library list, and what a gold export warns of.
 */
export function changedAmongDone(store: Store, documentIds: Iterable<number>): { documentId: number; changed: number }[] {
  const out: { documentId: number; changed: number }[] = []
  for (const documentId of documentIds) {
    const changed = changedSinceDoneOf(store, documentId)
    if (changed > 0) out.push({ documentId, changed })
  }
  return out
}

/**
 * changedSinceDone of one document whose review is done, as reviewData says it, read without aligning its layers when
 * the workspace kept them at the finish (the common case; an export asks this of every done document it writes).
 */
export function changedSinceDoneOf(store: Store, documentId: number): number {
  const since = sinceDone(store, documentId)
  // A reopened review keeps its last finish's copy too, and is not done.
  if (since?.taken === 'done') return changedSinceDone({ done: store.gold.isReviewDone(documentId), since, open: 0, agreedMissing: 0 })
  return reviewData(store, { documentId }).changedSinceDone
}
