import { AppError } from '../../../shared/api/errors'
import type { AcceptResult, PremergeResult, ReviewData, ReviewEdit, ReviewItem, ReviewStatus } from '../../../shared/api/methods/review'
import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import type { Annotator, Provenance, Relation, Span } from '../../../shared/domain/model'
import { relationConsensus, spanConsensus, spanKey } from '../../../shared/review/alignment'
import { relationConstraintError } from '../../../shared/schema/annotationRules'
import { splitsSurrogatePair } from '../../../shared/text/offsets'
import { NO_ROWS } from '../../store/historyStore'
import type { RowSnapshot } from '../../store/historyStore'
import type { Store } from '../../store/store'
import { requireReviewOpen } from '../goldFreeze'
import { goldEnd, reviewData } from '../reviewReading'
import { countOf } from '../../../shared/text/plural'

// What a review reads of a document lives beside the export that warns from it (reviewReading.ts).
export { reviewData }

function requireDocument(store: Store, id: number) {
  const doc = store.documents.byId(id)
  if (!doc) throw new AppError('not_found', `no document with id ${id}`)
  return doc
}

// A review marked done is frozen (the rule lives beside the other writers of the gold layer).
export { requireReviewOpen }

/** The first gold edit of a document puts it in review; a review marked done refuses edits. */
function touchReview(store: Store, documentId: number, reviewer: string): void {
  requireReviewOpen(store, documentId)
  const review = store.gold
  if (review.status(documentId) === 'unreviewed') review.setStatus(documentId, 'in_review', reviewer)
}

function goldAnnotator(store: Store): Annotator {
  const gold = store.annotators.ensure(GOLD_ANNOTATOR, 'gold')
  if (gold.kind !== 'gold') throw new AppError('conflict', `the annotator ${JSON.stringify(GOLD_ANNOTATOR)} is a human layer in this workspace, not the gold layer`)
  return gold
}

function quote(text: string, s: { start: number; end: number }): string {
  const t = text.slice(s.start, s.end)
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 39)}…` : t)
}

/** Copies a span into gold (unless gold has the same start, end, fragments and label); returns the gold row and whether it is new. */
function copySpan(store: Store, goldId: number, goldSpans: Map<string, number>, src: Span, at: { start: number; end: number; label: string }, provenance: Provenance) {
  const sameExtent = at.start === src.start && at.end === src.end
  // Gold's contiguous span over a discontinuous one's range labels other words: not the same span.
  const key = spanKey({ ...at, fragments: sameExtent ? src.fragments : null })
  const found = goldSpans.get(key)
  if (found !== undefined) return { id: found, created: false }
  const label = store.labels.byName('entity', at.label)
  if (!label) throw new AppError('bad_request', `label ${JSON.stringify(at.label)} is not an entity label in the schema`)
  const id = store.spans.insert({
    documentId: src.documentId,
    annotatorId: goldId,
    labelId: label.id,
    start: at.start,
    end: at.end,
    fragments: sameExtent ? src.fragments : null,
    kind: src.kind,
    // Attributes the (possibly new) label does not define are dropped, as a relabel does.
    attributes: Object.fromEntries(Object.entries(src.attributes).filter(([k]) => label.attributes.some((a) => a.name === k))),
    note: src.note,
    norm: src.norm,
    normText: src.normText,
    sourceId: src.sourceId,
    provenance,
  })
  goldSpans.set(key, id)
  return { id, created: true }
}

function goldSpanIndex(store: Store, documentId: number, goldId: number): Map<string, number> {
  return new Map(store.spans.layer(documentId, goldId).map((s) => [spanKey(s), s.id]))
}

function goldRelationIndex(store: Store, documentId: number, goldId: number): Set<string> {
  return new Set(store.relations.layer(documentId, goldId).map((r) => `${r.headId}>${r.tailId}:${r.label}`))
}

/**
 * Accepts one item of a human layer into gold with its provenance, as is or
 * edited (label; for a span also start/end). A relation brings its head and
 * tail into gold when gold lacks them. One history entry of the gold layer,
 * so one undo takes it back.
 */
export function acceptItem(store: Store, a: { reviewer: string; item: ReviewItem; edit?: ReviewEdit }): AcceptResult {
  const created = store.transaction(() => {
    const gold = goldAnnotator(store)
    const now = new Date().toISOString()
    const history = store.history
    const edit = a.edit ?? {}
    if (a.item.kind === 'span') {
      const src = store.spans.byId(a.item.id)
      if (!src) throw new AppError('not_found', `no span with id ${a.item.id}`)
      if (src.annotator === GOLD_ANNOTATOR) throw new AppError('bad_request', `span ${src.id} is already in the gold layer`)
      const doc = requireDocument(store, src.documentId)
      const at = { start: edit.start ?? src.start, end: edit.end ?? src.end, label: edit.label ?? src.label }
      if (at.start >= at.end) throw new AppError('bad_request', `an edited span needs start before end (got ${at.start}-${at.end})`)
      if (at.end > doc.text.length) throw new AppError('bad_request', `span ${at.start}-${at.end} is out of bounds (the document has ${doc.text.length} characters)`)
      if (splitsSurrogatePair(doc.text, at.start) || splitsSurrogatePair(doc.text, at.end)) {
        throw new AppError('bad_request', `span ${at.start}-${at.end} would split a character (a surrogate pair)`)
      }
      const edited = at.start !== src.start || at.end !== src.end || at.label !== src.label
      const provenance = { annotator: src.annotator, itemId: String(src.id), acceptedBy: a.reviewer, acceptedAt: now, edited }
      const r = copySpan(store, gold.id, goldSpanIndex(store, doc.id, gold.id), src, at, provenance)
      if (!r.created) return { spans: [], relations: [] }
      history.record({
        documentId: doc.id,
        annotatorId: gold.id,
        action: 'span.create',
        summary: `accepted ${at.label} ${quote(doc.text, at)} from ${src.annotator}${edited ? ' (edited)' : ''}`,
        before: NO_ROWS,
        after: { spans: [history.row('spans', r.id)!], relations: [] },
      })
      touchReview(store, doc.id, a.reviewer)
      return { spans: [store.spans.byId(r.id)!], relations: [] }
    }

    if (a.item.kind === 'relation' && (edit.start !== undefined || edit.end !== undefined)) {
      throw new AppError('bad_request', 'a relation can be accepted with another label, not another boundary')
    }
    const src = store.relations.byId(a.item.id)
    if (!src) throw new AppError('not_found', `no relation with id ${a.item.id}`)
    if (src.annotator === GOLD_ANNOTATOR) throw new AppError('bad_request', `relation ${src.id} is already in the gold layer`)
    const doc = requireDocument(store, src.documentId)
    const head = store.spans.byId(src.headId)!
    const tail = store.spans.byId(src.tailId)!
    const labelName = edit.label ?? src.label
    const type = store.labels.byName('relation', labelName)
    if (!type) throw new AppError('bad_request', `label ${JSON.stringify(labelName)} is not a relation label in the schema`)
    const goldSpans = goldSpanIndex(store, doc.id, gold.id)
    // An end gold already holds (same extent) is used as gold labels it; only a missing end is copied.
    const ends = [head, tail].map((s) => ({ src: s, gold: goldEnd(goldSpans, s) }))
    const endLabel = (e: (typeof ends)[number]) => (e.gold === null ? e.src.label : store.spans.byId(e.gold)!.label)
    const broken = relationConstraintError(type, endLabel(ends[0]), endLabel(ends[1]))
    if (broken) throw new AppError('bad_request', broken)
    const spanProv = (s: Span) => ({ annotator: s.annotator, itemId: String(s.id), acceptedBy: a.reviewer, acceptedAt: now, edited: false })
    const [h, t] = ends.map((e) => (e.gold === null ? copySpan(store, gold.id, goldSpans, e.src, e.src, spanProv(e.src)) : { id: e.gold, created: false }))
    const newSpans = [h, t].filter((x) => x.created).map((x) => x.id)
    const exists = goldRelationIndex(store, doc.id, gold.id).has(`${h.id}>${t.id}:${labelName}`)
    if (exists && !newSpans.length) return { spans: [], relations: [] }
    const relationId = exists
      ? null
      : store.relations.insert({
          documentId: doc.id,
          annotatorId: gold.id,
          labelId: type.id,
          headId: h.id,
          tailId: t.id,
          kind: src.kind,
          attributes: src.attributes,
          note: src.note,
          sourceId: src.sourceId,
          provenance: { annotator: src.annotator, itemId: String(src.id), acceptedBy: a.reviewer, acceptedAt: now, edited: labelName !== src.label },
        })
    history.record({
      documentId: doc.id,
      annotatorId: gold.id,
      action: 'relation.create',
      summary: `accepted ${labelName}: ${quote(doc.text, head)} → ${quote(doc.text, tail)} from ${src.annotator}${labelName !== src.label ? ' (edited)' : ''}`,
      before: NO_ROWS,
      after: {
        spans: newSpans.map((id) => history.row('spans', id)!),
        relations: relationId === null ? [] : [history.row('relations', relationId)!],
      },
    })
    touchReview(store, doc.id, a.reviewer)
    return {
      spans: newSpans.map((id) => store.spans.byId(id)!),
      relations: relationId === null ? [] : [store.relations.byId(relationId)!],
    }
  })
  const documentId = created.spans[0]?.documentId ?? created.relations[0]?.documentId ?? itemDocument(store, a.item)
  return { created, review: reviewData(store, { documentId }) }
}

function itemDocument(store: Store, item: ReviewItem): number {
  const found: Span | Relation | null = item.kind === 'span' ? store.spans.byId(item.id) : store.relations.byId(item.id)
  if (!found) throw new AppError('not_found', `no ${item.kind} with id ${item.id}`)
  return found.documentId
}

/** The document of an annotator's item a reviewer decides on; gold's own items are edited, not decided (as review.decide says). */
function decidableItemDocument(store: Store, item: ReviewItem): number {
  const documentId = itemDocument(store, item)
  const found = item.kind === 'span' ? store.spans.byId(item.id) : store.relations.byId(item.id)
  if (found?.annotator === GOLD_ANNOTATOR) throw new AppError('bad_request', `${item.kind} ${item.id} is in the gold layer: only annotators' items are decided`)
  return documentId
}

/** Marks an item rejected for this review (persisted), or clears the mark. */
export function rejectItem(store: Store, a: { reviewer: string; item: ReviewItem; rejected?: boolean }): ReviewData {
  const documentId = store.transaction(() => {
    const documentId = decidableItemDocument(store, a.item)
    const review = store.gold
    if (a.rejected === false) {
      requireReviewOpen(store, documentId)
      review.unreject(a.item.kind, a.item.id)
    } else {
      review.reject(documentId, a.item.kind, a.item.id, a.reviewer)
      touchReview(store, documentId, a.reviewer)
    }
    return documentId
  })
  return reviewData(store, { documentId })
}

/**
 * Copies every span and relation that at least `quorum` annotators (default:
 * all) have exactly into gold, with provenance naming the first of them.
 * Items gold already has are left alone; rejected items do not count. The whole
 * copy is ONE history entry of the gold layer, so one undo reverts it.
 */
export function premerge(store: Store, a: { documentId: number; reviewer: string; quorum?: number }): PremergeResult {
  const result = store.transaction(() => {
    const doc = requireDocument(store, a.documentId)
    const data = reviewData(store, { documentId: doc.id })
    const n = data.layers.length
    if (n === 0) throw new AppError('bad_request', `document ${doc.externalId} has no annotator layers to merge`)
    const quorum = a.quorum ?? n
    if (quorum > n) throw new AppError('bad_request', `a quorum of ${quorum} is more than the ${countOf(n, 'annotator layer')} of document ${doc.externalId}`)
    const rejected = new Set<string>()
    const owner = new Map<number, string>()
    for (const l of data.layers) {
      for (const s of l.spans) owner.set(s.id, l.annotator)
    }
    for (const id of data.rejected.spans) rejected.add(`${owner.get(id)}#${id}`)
    for (const l of data.layers) for (const r of l.relations) if (data.rejected.relations.includes(r.id)) rejected.add(`${l.annotator}#${r.id}`)

    const gold = goldAnnotator(store)
    const now = new Date().toISOString()
    const goldSpans = goldSpanIndex(store, doc.id, gold.id)
    const goldRelations = goldRelationIndex(store, doc.id, gold.id)
    const prov = (annotator: string, id: number) => ({ annotator, itemId: String(id), acceptedBy: a.reviewer, acceptedAt: now, edited: false })
    const spanRows: number[] = []
    for (const c of spanConsensus(data.alignment, quorum, rejected)) {
      const src = store.spans.byId(c.item.id)!
      const r = copySpan(store, gold.id, goldSpans, src, src, prov(c.item.annotator, c.item.id))
      if (r.created) spanRows.push(r.id)
    }
    const relationRows: number[] = []
    for (const c of relationConsensus(data.alignment, quorum, rejected)) {
      const src = store.relations.byId(c.item.id)!
      const head = store.spans.byId(src.headId)!
      const tail = store.spans.byId(src.tailId)!
      const headId = goldEnd(goldSpans, head)
      const tailId = goldEnd(goldSpans, tail)
      // Only between spans gold has (an end whose every reading was rejected, or one not decided yet, has none).
      if (headId === null || tailId === null) continue
      const key = `${headId}>${tailId}:${src.label}`
      if (goldRelations.has(key)) continue
      const type = store.labels.byName('relation', src.label)!
      // Gold's label of an end may be one the relation type does not allow (the reviewer chose another reading).
      if (relationConstraintError(type, store.spans.byId(headId)!.label, store.spans.byId(tailId)!.label)) continue
      goldRelations.add(key)
      relationRows.push(
        store.relations.insert({
          documentId: doc.id,
          annotatorId: gold.id,
          labelId: type.id,
          headId,
          tailId,
          kind: src.kind,
          attributes: src.attributes,
          note: src.note,
          sourceId: src.sourceId,
          provenance: prov(c.item.annotator, c.item.id),
        }),
      )
    }
    let historyId: number | null = null
    if (spanRows.length || relationRows.length) {
      const history = store.history
      const rows = (t: 'spans' | 'relations', ids: number[]): RowSnapshot[] => ids.map((id) => history.row(t, id)!)
      historyId = history.record({
        documentId: doc.id,
        annotatorId: gold.id,
        action: 'span.create',
        summary: `pre-merge (${quorum} of ${n} agree): ${countOf(spanRows.length, 'span')}, ${countOf(relationRows.length, 'relation')}`,
        before: NO_ROWS,
        after: { spans: rows('spans', spanRows), relations: rows('relations', relationRows) },
      })
      touchReview(store, doc.id, a.reviewer)
    }
    return { quorum, spans: spanRows.length, relations: relationRows.length, historyId }
  })
  return { ...result, review: reviewData(store, { documentId: a.documentId }) }
}

/**
 * Sets the review status; 'adjudicated' (review done) is refused while a disagreement is open, and copies what every
 * annotator agrees on into gold first, as `review.done` does (without it a gold export would call the agreed items "outside").
 */
export function setReviewStatus(store: Store, a: { documentId: number; reviewer: string; status: ReviewStatus }): { status: ReviewStatus } {
  return store.transaction(() => {
    requireDocument(store, a.documentId)
    if (a.status === 'adjudicated') {
      const { open, document, status, layers } = reviewData(store, { documentId: a.documentId })
      if (open > 0) throw new AppError('conflict', `document ${document.externalId} still has ${open} open disagreement${open === 1 ? '' : 's'}: accept or reject every reading before marking the review done`)
      if (status === 'adjudicated') return { status }
      if (layers.length) premerge(store, { documentId: a.documentId, reviewer: a.reviewer })
    }
    store.gold.setStatus(a.documentId, a.status, a.reviewer)
    return { status: a.status }
  })
}
