import { useCallback, useMemo } from 'react'
import type { RefObject } from 'react'
import type { DocumentRecord, LabelType, Span } from '../../../shared/domain/model'
import type { EditorHandle } from '../../editor/editorTypes'
import { HistoryPanel } from './HistoryPanel'
import { RelationList } from './RelationList'
import { SpanDetails } from './SpanDetails'
import { SpanList } from './SpanList'
import type { useLayerEdits } from './useLayerEdits'

/** The side panel: the selected span's details, the relations, the history and the span list. */
export function AnnotateSide(props: {
  doc: DocumentRecord
  annotator: string
  labels: LabelType[]
  colors: Record<string, string>
  layer: ReturnType<typeof useLayerEdits>
  /** The spans as shown, deferred behind the article's paint. */
  listed: Span[]
  selectedId: number | null
  selectedRelationId: number | null
  select: (id: number | null) => void
  selectRelation: (id: number | null) => void
  handle: RefObject<EditorHandle | null>
}) {
  const { doc, layer, listed, selectedId, select, selectRelation, handle } = props
  const { spanById, relations, marks } = layer
  // Stable callbacks for the memoized lists, so a repaint of the article does not re-render them.
  const onSelectRelation = useCallback(
    (id: number) => {
      selectRelation(id)
      const r = layer.drawnRelations.find((x) => x.id === id)
      const s = r ? spanById.get(r.headId) : undefined
      if (s) handle.current?.scrollToOffset(s.start)
    },
    [selectRelation, layer.drawnRelations, spanById, handle],
  )
  const onDeleteRelation = useCallback(
    (id: number) => {
      selectRelation(null)
      layer.deleteRelation(id)
    },
    [layer.deleteRelation, selectRelation],
  )
  const onDeleteSpan = useCallback(
    (id: number) => {
      select(null)
      void layer.deleteSpan(id)
    },
    [layer.deleteSpan, select],
  )
  // A new identity whenever the saved layer changes: the history panel refetches on it.
  const revision = useMemo(() => ({ spans: layer.spans, relations }), [layer.spans, relations])
  const selectedSpan = selectedId !== null ? listed.find((s) => s.id === selectedId) : undefined
  return (
    <aside className="side">
      {selectedSpan && (
        <SpanDetails
          key={selectedSpan.id}
          span={selectedSpan}
          text={doc.text}
          labels={props.labels}
          pending={selectedSpan.id < 0}
          unsavedFields={marks.fields.get(selectedSpan.id)}
          unsavedProblem={marks.fieldProblems.get(selectedSpan.id) ?? null}
          onSave={(change) => layer.updateSpan(selectedSpan.id, change)}
        />
      )}
      <RelationList
        relations={layer.drawnRelations}
        notes={marks.relations}
        spanById={spanById}
        text={doc.text}
        colors={props.colors}
        selectedId={props.selectedRelationId}
        onSelect={onSelectRelation}
        onDelete={onDeleteRelation}
      />
      <HistoryPanel documentId={doc.id} annotator={props.annotator} revision={revision} />
      <SpanList spans={listed} notes={marks.spans} text={doc.text} colors={props.colors} selectedId={selectedId} onSelect={select} onDelete={onDeleteSpan} />
    </aside>
  )
}
