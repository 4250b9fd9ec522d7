import { AppError } from '../../../shared/api/errors'
import type { NewRelation, NewSpan } from '../../../shared/api/methods/annotations'
import type { Relation, Span } from '../../../shared/domain/model'
import { splitsSurrogatePair } from '../../../shared/text/offsets'
import type { Store } from '../../store/store'

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
    touchStatus(store, doc.id, annotator.id)
    return store.spans.byId(id)!
  })
}

export function deleteSpan(store: Store, id: number): { deleted: number; relationsDeleted: number } {
  const span = store.spans.byId(id)
  if (!span) throw new AppError('not_found', `no span with id ${id}`)
  return store.spans.delete(id)
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
    if (label.headTypes.length && !label.headTypes.includes(head.label)) {
      throw new AppError('bad_request', `${label.name} needs a head of type ${label.headTypes.join(' or ')}, not ${head.label}`)
    }
    if (label.tailTypes.length && !label.tailTypes.includes(tail.label)) {
      throw new AppError('bad_request', `${label.name} needs a tail of type ${label.tailTypes.join(' or ')}, not ${tail.label}`)
    }
    const annotator = store.annotators.ensure(r.annotator)
    const id = store.relations.insert({
      documentId: r.documentId,
      annotatorId: annotator.id,
      labelId: label.id,
      headId: head.id,
      tailId: tail.id,
    })
    touchStatus(store, r.documentId, annotator.id)
    return store.relations.byId(id)!
  })
}

export function deleteRelation(store: Store, id: number): { deleted: number } {
  if (!store.relations.byId(id)) throw new AppError('not_found', `no relation with id ${id}`)
  return { deleted: store.relations.delete(id) }
}
