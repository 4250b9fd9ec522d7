import { useMemo } from 'react'
import type { Relation, Span } from '../../../shared/domain/model'
import type { EditorPaint, PaintedSuggestion } from '../../editor/editorTypes'
import type { PendingMarks } from './pendingMarks'
import type { RelationFlow } from './relationFlow'
import type { SearchResult } from './textSearch'

/** What the article paints: the spans and relations as shown, the selection, the relation being made, unsaved marks and search hits. */
export function useArticlePaint(p: {
  shown: Span[]
  relations: Relation[]
  colors: Record<string, string>
  selectedId: number | null
  selectedRelationId: number | null
  flow: RelationFlow | null
  marks: PendingMarks
  found: SearchResult | null
  activeHit: number | null
  /** The recommenders' suggestions on offer (text order) and the focused one's index. */
  suggestions?: PaintedSuggestion[]
  focusedSuggestion?: number | null
}): EditorPaint {
  const { shown, relations, colors, selectedId, selectedRelationId, flow, marks, found, activeHit, suggestions, focusedSuggestion } = p
  const selectedRelation = selectedRelationId !== null ? relations.find((r) => r.id === selectedRelationId) : undefined
  const highlightSpanIds = useMemo(() => {
    if (flow?.phase === 'tail') return flow.candidateId !== null ? [flow.headId, flow.candidateId] : [flow.headId]
    if (flow?.phase === 'type') return [flow.headId, flow.tailId]
    return selectedRelation ? [selectedRelation.headId, selectedRelation.tailId] : []
  }, [flow, selectedRelation])
  const decorate = useMemo(
    () => (flow?.phase === 'tail' ? { ...marks.article, [flow.headId]: { className: 'sw-span--relation-head', title: 'Relation head' } } : marks.article),
    [marks, flow],
  )
  return useMemo(
    () => ({ spans: shown, relations, colors, selectedSpanId: selectedId, selectedRelationId, highlightSpanIds, decorate, searchHits: found?.hits, activeSearchHit: activeHit, suggestions, focusedSuggestion }),
    [shown, relations, colors, selectedId, selectedRelationId, highlightSpanIds, decorate, found, activeHit, suggestions, focusedSuggestion],
  )
}
