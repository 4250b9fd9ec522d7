import { AppError } from '../../../shared/api/errors'
import type { Span } from '../../../shared/domain/model'
import type { SuggestionProvenance } from '../../../shared/recommend/settings'
import { firstComeNonOverlapping } from '../../../shared/recommend/overlaps'
import { splitsSurrogatePair } from '../../../shared/text/offsets'
import { NO_ROWS } from '../../store/historyStore'
import type { Store } from '../../store/store'

export interface Accepted {
  start: number
  end: number
  label: string
  recommender: string
  score: number
  version: string | null
}

/**
 * Picks suggestions that do not overlap: highest score first, then longest,
 * then earliest (accepting all must not stack two spans on one word).
 */
export function nonOverlapping<T extends { start: number; end: number; score: number }>(items: readonly T[]): T[] {
  return firstComeNonOverlapping([...items].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start))
}

/**
 * Makes accepted suggestions spans of the annotator's layer in one document, as
 * one recorded action (one undo takes them all back), each remembering the
 * recommender, score and version that proposed it. All are checked first
 * (label, bounds, code points) so all land or none; one the layer already has
 * (same offsets and label) is skipped. Run inside a transaction by the caller
 * or on its own.
 */
export function acceptSuggestions(store: Store, documentId: number, annotatorName: string, items: readonly Accepted[]): Span[] {
  return store.transaction(() => {
    const doc = store.documents.byId(documentId)
    if (!doc) throw new AppError('not_found', `no document with id ${documentId}`)
    const labels = new Map(store.labels.list().filter((l) => l.kind === 'entity').map((l) => [l.name, l]))
    for (const s of items) {
      if (!labels.has(s.label)) throw new AppError('bad_request', `label ${JSON.stringify(s.label)} is not an entity label in the schema`)
      if (!(s.start < s.end) || s.end > doc.text.length) throw new AppError('bad_request', `span ${s.start}-${s.end} is out of bounds (the document has ${doc.text.length} characters)`)
      if (splitsSurrogatePair(doc.text, s.start) || splitsSurrogatePair(doc.text, s.end)) throw new AppError('bad_request', `span ${s.start}-${s.end} would split a character (a surrogate pair)`)
    }
    const annotator = store.annotators.ensure(annotatorName)
    if (annotator.kind === 'gold') throw new AppError('bad_request', 'suggestions are for annotators; the gold layer is made in review')
    const rs = store.recommend
    const existing = new Set(store.spans.layer(doc.id, annotator.id).map((x) => `${x.start}:${x.end}:${x.label}`))
    const ids: number[] = []
    for (const s of items) {
      const key = `${s.start}:${s.end}:${s.label}`
      if (existing.has(key)) continue
      existing.add(key)
      const id = store.spans.insert({ documentId: doc.id, annotatorId: annotator.id, labelId: labels.get(s.label)!.id, start: s.start, end: s.end, norm: null })
      const provenance: SuggestionProvenance = { recommender: s.recommender, score: Math.min(1, Math.max(0, s.score)), version: s.version }
      rs.setSuggestedBy(id, provenance)
      ids.push(id)
    }
    if (!ids.length) return []
    const history = store.history
    const first = items[0]
    const shown = doc.text.slice(first.start, first.end)
    history.record({
      documentId: doc.id,
      annotatorId: annotator.id,
      action: 'span.create',
      summary: `${ids.length > 1 ? `accepted ${ids.length} suggestions` : 'accepted a suggestion'}: ${first.label} ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 39)}…` : shown)}${ids.length > 1 ? ', …' : ''}`,
      before: NO_ROWS,
      // Whole rows, suggested_by included: a redo brings the provenance back too.
      after: { spans: ids.map((id) => history.row('spans', id)!), relations: [] },
    })
    if (store.documents.status(doc.id, annotator.id) === 'todo') store.documents.setStatus(doc.id, annotator.id, 'in_progress')
    return ids.map((id) => store.spans.byId(id)!)
  })
}
