import { memo, useCallback, useMemo } from 'react'
import type { Span } from '../../../shared/domain/model'
import { VirtualList } from './VirtualList'

/** Row height of the side lists, in px; .vlist li in annotate.css has the same. */
export const LIST_ROW_HEIGHT = 32

/**
 * The layer as a list: every span in text order, with its label and covered
 * text (negative ids: not saved yet). Only the rows in view are rendered, and
 * the list re-renders only when its own props change.
 */
export const SpanList = memo(function SpanList(props: {
  spans: Span[]
  /** Spans with an edit the store has not confirmed: a short note for the row ("saving…", "deleting…"). */
  notes?: ReadonlyMap<number, string>
  text: string
  colors: Record<string, string>
  selectedId: number | null
  onSelect: (id: number) => void
  onDelete: (id: number) => void
}) {
  const { spans, notes, text, colors, selectedId, onSelect, onDelete } = props
  const selectedIndex = useMemo(() => (selectedId === null ? null : spans.findIndex((s) => s.id === selectedId)), [spans, selectedId])
  const row = useCallback(
    (s: Span) => {
      const note = notes?.get(s.id) ?? (s.id < 0 ? 'saving…' : undefined)
      return (
      <li key={s.id} className={`${s.id === selectedId ? 'selected' : ''}${note ? ' pending' : ''}`} data-list-span={s.id} data-pending={note} onClick={() => onSelect(s.id)}>
        <span className="chip-label" style={{ ['--c' as string]: colors[s.label] ?? '#888' }}>
          {s.label}
        </span>
        <span className="span-text">{text.slice(s.start, s.end)}</span>
        {note && <span className="pending-note">{note}</span>}
        {s.id === selectedId && s.id > 0 && !note?.startsWith('deleting') && (
          <button className="icon-btn" title="Delete span (Del)" onClick={() => onDelete(s.id)}>
            ×
          </button>
        )}
      </li>
      )
    },
    [selectedId, notes, colors, text, onSelect, onDelete],
  )
  return (
    <div className="span-list">
      <h2>
        Spans <span className="count">{spans.length}</span>
      </h2>
      {spans.length === 0 && <p className="muted hint">Select text in the article and press a label's key to add a span.</p>}
      <VirtualList items={spans} rowHeight={LIST_ROW_HEIGHT} maxHeight={LIST_ROW_HEIGHT * 18} renderRow={row} revealIndex={selectedIndex} label="Spans" />
    </div>
  )
})
