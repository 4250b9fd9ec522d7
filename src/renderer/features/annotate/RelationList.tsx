import { memo, useCallback, useMemo } from 'react'
import type { Relation, Span } from '../../../shared/domain/model'
import { VirtualList } from './VirtualList'

/** Row height of the relation list, in px (two lines); .relation-list .vlist li in annotate.css has the same. */
const RELATION_ROW_HEIGHT = 46

/**
 * The document's relations, head → type → tail; selecting one highlights both
 * ends. Only the rows in view are rendered (a long document has thousands).
 */
export const RelationList = memo(function RelationList(props: {
  relations: Relation[]
  /** Relations with an edit the store has not confirmed: a short note for the row ("saving…", "deleting…"). */
  notes?: ReadonlyMap<number, string>
  spanById: ReadonlyMap<number, Span>
  text: string
  colors: Record<string, string>
  selectedId: number | null
  onSelect: (id: number) => void
  onDelete: (id: number) => void
}) {
  const { relations, notes, spanById, text, colors, selectedId, onSelect, onDelete } = props
  const selectedIndex = useMemo(() => (selectedId === null ? null : relations.findIndex((r) => r.id === selectedId)), [relations, selectedId])
  const row = useCallback(
    (r: Relation) => {
      const end = (id: number) => {
        const s = spanById.get(id)
        if (!s) return <span className="span-text muted">?</span>
        return (
          <span className={`rel-end${s.end - s.start <= 18 ? ' rel-end--short' : ''}`} style={{ ['--c' as string]: colors[s.label] ?? '#888' }} title={`${s.label} “${text.slice(s.start, s.end)}”`}>
            {text.slice(s.start, s.end)}
          </span>
        )
      }
      const note = notes?.get(r.id)
      return (
        <li
          key={r.id}
          className={`${r.id === selectedId ? 'selected' : ''}${note ? ' pending' : ''}`}
          data-list-relation={r.id}
          data-pending={note}
          onClick={() => onSelect(r.id)}
        >
          <span className="rel-main">
            <span className="rel-label" style={{ ['--rc' as string]: colors[r.label] }}>
              {r.label}
            </span>
            <span className="rel-ends">
              {end(r.headId)}
              <span className="rel-arrow">→</span>
              {end(r.tailId)}
            </span>
          </span>
          {note && <span className="pending-note">{note}</span>}
          {r.id === selectedId && !note && (
            <button
              className="icon-btn"
              title="Delete relation (Del)"
              onClick={(e) => {
                e.stopPropagation()
                onDelete(r.id)
              }}
            >
              ×
            </button>
          )}
        </li>
      )
    },
    [spanById, notes, colors, text, selectedId, onSelect, onDelete],
  )
  return (
    <div className="relation-list">
      <h2>
        Relations <span className="count">{relations.length}</span>
      </h2>
      {relations.length === 0 && (
        <p className="muted hint">
          Select a span and press <kbd>r</kbd>, or drag from a span's label onto another span.
        </p>
      )}
      <VirtualList items={relations} rowHeight={RELATION_ROW_HEIGHT} maxHeight={RELATION_ROW_HEIGHT * 6} renderRow={row} revealIndex={selectedIndex} label="Relations" />
    </div>
  )
})
