import { AppError } from '../../../shared/api/errors'
import type { NewRelation, NewSpan, NewSpans, SpanUpdate } from '../../../shared/api/methods/annotations'
import type { AttributeValue, LabelType, Relation, Span } from '../../../shared/domain/model'
import { splitsSurrogatePair } from '../../../shared/text/offsets'
import { NO_ROWS } from '../../store/historyStore'
import type { Store } from '../../store/store'
import { requireLayerWritable } from '../goldFreeze'
import { checkAttributes, relationConstraintError } from './annotationRules'
import { countOf } from '../../../shared/text/plural'

function requireDocument(store: Store, id: number) {
  const doc = store.documents.byId(id)
  if (!doc) throw new AppError('not_found', `no document with id ${id}`)
  return doc
}

/** The first edit of a document moves its status from todo to in progress. */
function touchStatus(store: Store, documentId: number, annotatorId: number): void {
  if (store.documents.status(documentId, annotatorId) === 'todo') {
    store.documents.setStatus(documentId, annotatorId, 'in_progress')
  }
}

/** Creates a span after checking its label, bounds and code point boundaries. */
export function createSpan(store: Store, s: NewSpan): Span {
  return store.transaction(() => {
    const doc = requireDocument(store, s.documentId)
    const label = store.labels.byName('entity', s.label)
    if (!label) throw new AppError('bad_request', `label ${JSON.stringify(s.label)} is not an entity label in the schema`)
    if (s.end > doc.text.length) {
      throw new AppError('bad_request', `span ${s.start}-${s.end} is out of bounds (the document has ${doc.text.length} characters)`)
    }
    if (splitsSurrogatePair(doc.text, s.start) || splitsSurrogatePair(doc.text, s.end)) {
      throw new AppError('bad_request', `span ${s.start}-${s.end} would split a character (a surrogate pair)`)
    }
    checkAttributes(label, s.attributes ?? {})
    requireLayerWritable(store, doc.id, s.annotator)
    const annotator = store.annotators.ensure(s.annotator)
    const id = store.spans.insert({
      documentId: doc.id,
      annotatorId: annotator.id,
      labelId: label.id,
      start: s.start,
      end: s.end,
      attributes: s.attributes,
      note: s.note,
      norm: s.norm ?? null,
    })
    const history = store.history
    history.record({
      documentId: doc.id,
      annotatorId: annotator.id,
      action: 'span.create',
      summary: spanSummary(label.name, doc.text.slice(s.start, s.end)),
      before: NO_ROWS,
      after: { spans: [history.row('spans', id)!], relations: [] },
    })
    touchStatus(store, doc.id, annotator.id)
    return store.spans.byId(id)!
  })
}

/**
 * Creates one span per range, all of one label, as a single recorded action:
 * every range is checked first (bounds, code point boundaries), so either all
 * are made or none. Ranges the layer already has with this label are skipped.
 */
export function createSpans(store: Store, s: NewSpans): Span[] {
  return store.transaction(() => {
    const doc = requireDocument(store, s.documentId)
    const label = store.labels.byName('entity', s.label)
    if (!label) throw new AppError('bad_request', `label ${JSON.stringify(s.label)} is not an entity label in the schema`)
    for (const r of s.ranges) {
      if (r.end > doc.text.length) throw new AppError('bad_request', `span ${r.start}-${r.end} is out of bounds (the document has ${doc.text.length} characters)`)
      if (splitsSurrogatePair(doc.text, r.start) || splitsSurrogatePair(doc.text, r.end)) {
        throw new AppError('bad_request', `span ${r.start}-${r.end} would split a character (a surrogate pair)`)
      }
    }
    checkAttributes(label, {})
    requireLayerWritable(store, doc.id, s.annotator)
    const annotator = store.annotators.ensure(s.annotator)
    const existing = new Set(store.spans.layer(doc.id, annotator.id).filter((x) => x.label === label.name).map((x) => `${x.start}:${x.end}`))
    const ids: number[] = []
    for (const r of s.ranges) {
      const k = `${r.start}:${r.end}`
      if (existing.has(k)) continue
      existing.add(k)
      ids.push(store.spans.insert({ documentId: doc.id, annotatorId: annotator.id, labelId: label.id, start: r.start, end: r.end, norm: null }))
    }
    if (!ids.length) return []
    const history = store.history
    const first = s.ranges[0]
    history.record({
      documentId: doc.id,
      annotatorId: annotator.id,
      action: 'span.create',
      summary: `${spanSummary(label.name, doc.text.slice(first.start, first.end))}${ids.length > 1 ? ` × ${ids.length}` : ''}`,
      before: NO_ROWS,
      after: { spans: ids.map((id) => history.row('spans', id)!), relations: [] },
    })
    touchStatus(store, doc.id, annotator.id)
    return ids.map((id) => store.spans.byId(id)!)
  })
}

/** Deletes a span and its relations, recording all of them so an undo brings them back. */
export function deleteSpan(store: Store, id: number): { deleted: number; relationsDeleted: number } {
  return store.transaction(() => {
    const span = store.spans.byId(id)
    if (!span) throw new AppError('not_found', `no span with id ${id}`)
    requireLayerWritable(store, span.documentId, span.annotator)
    const history = store.history
    const before = { spans: [history.row('spans', id)!], relations: history.attachedRelations(id) }
    const result = store.spans.delete(id)
    const doc = requireDocument(store, span.documentId)
    history.record({
      documentId: span.documentId,
      annotatorId: before.spans[0].annotator_id as number,
      action: 'span.delete',
      summary: spanSummary(span.label, doc.text.slice(span.start, span.end)) + (result.relationsDeleted ? ` and ${countOf(result.relationsDeleted, 'relation')}` : ''),
      before,
      after: NO_ROWS,
    })
    return result
  })
}

/**
 * Changes a span's label, note, attributes or normalization id. Attributes are
 * checked against the (new) label's definitions; a relabel that would break a
 * relation's head/tail constraint is refused, naming the relation.
 */
export function updateSpan(store: Store, u: SpanUpdate): Span {
  return store.transaction(() => {
    const span = store.spans.byId(u.id)
    if (!span) throw new AppError('not_found', `no span with id ${u.id}`)
    requireLayerWritable(store, span.documentId, span.annotator)
    const label = store.labels.byName('entity', u.label ?? span.label)
    if (!label) throw new AppError('bad_request', `label ${JSON.stringify(u.label)} is not an entity label in the schema`)
    let attributes: Record<string, AttributeValue>
    if (u.attributes) {
      attributes = u.attributes
    } else {
      // A relabel keeps only the attributes the new label defines.
      const defined = new Set(label.attributes.map((a) => a.name))
      attributes = Object.fromEntries(Object.entries(span.attributes).filter(([k]) => defined.has(k)))
    }
    checkAttributes(label, attributes)
    if (label.name !== span.label) checkRelabel(store, span, label)

    const history = store.history
    const before = history.row('spans', span.id)!
    store.spans.update(span.id, {
      labelId: label.id,
      attributes,
      note: u.note ?? span.note,
      norm: u.norm === undefined ? span.norm : u.norm === '' ? null : u.norm,
    })
    const after = history.row('spans', span.id)!
    const doc = requireDocument(store, span.documentId)
    const changed = (['label_id', 'attributes', 'note', 'norm'] as const).filter((c) => before[c] !== after[c])
    if (changed.length) {
      history.record({
        documentId: span.documentId,
        annotatorId: before.annotator_id as number,
        action: 'span.update',
        summary: `${spanSummary(label.name, doc.text.slice(span.start, span.end))}: ${changed.map(describeColumn).join(', ')}${
          label.name !== span.label ? ` (was ${span.label})` : ''
        }`,
        before: { spans: [before], relations: [] },
        after: { spans: [after], relations: [] },
      })
      touchStatus(store, span.documentId, before.annotator_id as number)
    }
    return store.spans.byId(span.id)!
  })
}

function describeColumn(c: 'label_id' | 'attributes' | 'note' | 'norm'): string {
  return { label_id: 'label', attributes: 'attributes', note: 'note', norm: 'normalization id' }[c]
}

/** Refuses a relabel that would leave an attached relation with a head or tail its type does not allow. */
function checkRelabel(store: Store, span: Span, label: LabelType): void {
  const relations = store.relations.layer(span.documentId, store.annotators.byName(span.annotator)!.id)
  const types = new Map(store.labels.list().filter((l) => l.kind === 'relation').map((l) => [l.name, l]))
  for (const r of relations) {
    if (r.headId !== span.id && r.tailId !== span.id) continue
    const type = types.get(r.label)
    if (!type) continue
    const head = r.headId === span.id ? label.name : store.spans.byId(r.headId)!.label
    const tail = r.tailId === span.id ? label.name : store.spans.byId(r.tailId)!.label
    const broken = relationConstraintError(type, head, tail)
    if (broken) {
      throw new AppError('bad_request', `cannot relabel ${span.label} to ${label.name}: relation #${r.id} ${broken}; delete or change that relation first`)
    }
  }
}

function spanSummary(label: string, text: string): string {
  return `${label} ${JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)}`
}

/** Creates a relation between two spans of the same layer, enforcing the schema's head/tail types. */
export function createRelation(store: Store, r: NewRelation): Relation {
  return store.transaction(() => {
    requireDocument(store, r.documentId)
    const label = store.labels.byName('relation', r.label)
    if (!label) throw new AppError('bad_request', `label ${JSON.stringify(r.label)} is not a relation label in the schema`)
    const head = store.spans.byId(r.headId)
    const tail = store.spans.byId(r.tailId)
    if (!head) throw new AppError('not_found', `no span with id ${r.headId} (head)`)
    if (!tail) throw new AppError('not_found', `no span with id ${r.tailId} (tail)`)
    if (head.id === tail.id) throw new AppError('bad_request', 'a relation needs two different spans')
    for (const s of [head, tail]) {
      if (s.documentId !== r.documentId || s.annotator !== r.annotator) {
        throw new AppError('bad_request', `span ${s.id} is not in ${r.annotator}'s layer of document ${r.documentId}`)
      }
    }
    const broken = relationConstraintError(label, head.label, tail.label)
    if (broken) throw new AppError('bad_request', broken)
    requireLayerWritable(store, r.documentId, r.annotator)
    const annotator = store.annotators.ensure(r.annotator)
    const id = store.relations.insert({
      documentId: r.documentId,
      annotatorId: annotator.id,
      labelId: label.id,
      headId: head.id,
      tailId: tail.id,
    })
    const history = store.history
    const doc = requireDocument(store, r.documentId)
    history.record({
      documentId: r.documentId,
      annotatorId: annotator.id,
      action: 'relation.create',
      summary: relationSummary(label.name, doc.text, head, tail),
      before: NO_ROWS,
      after: { spans: [], relations: [history.row('relations', id)!] },
    })
    touchStatus(store, r.documentId, annotator.id)
    return store.relations.byId(id)!
  })
}

export function deleteRelation(store: Store, id: number): { deleted: number } {
  return store.transaction(() => {
    const relation = store.relations.byId(id)
    if (!relation) throw new AppError('not_found', `no relation with id ${id}`)
    requireLayerWritable(store, relation.documentId, relation.annotator)
    const history = store.history
    const before = history.row('relations', id)!
    const deleted = store.relations.delete(id)
    const doc = requireDocument(store, relation.documentId)
    history.record({
      documentId: relation.documentId,
      annotatorId: before.annotator_id as number,
      action: 'relation.delete',
      summary: relationSummary(relation.label, doc.text, store.spans.byId(relation.headId), store.spans.byId(relation.tailId)),
      before: { spans: [], relations: [before] },
      after: NO_ROWS,
    })
    return { deleted }
  })
}

function relationSummary(label: string, text: string, head: Span | null, tail: Span | null): string {
  const t = (s: Span | null) => (s ? JSON.stringify(text.slice(s.start, s.end)) : '?')
  return `${label}: ${t(head)} → ${t(tail)}`
}
