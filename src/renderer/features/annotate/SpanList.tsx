import type { Relation, Span } from '../../../shared/domain/model'

/** The layer as a list: every span in text order, with its label and covered text. */
export function SpanList(props: {
  spans: Span[]
  relations: Relation[]
  text: string
  colors: Record<string, string>
  selectedId: number | null
  onSelect: (id: number) => void
  onDelete: (id: number) => void
}) {
  const byId = new Map(props.spans.map((s) => [s.id, s]))
  return (
    <div className="span-list">
      <h2>
        Spans <span className="count">{props.spans.length}</span>
      </h2>
      {props.spans.length === 0 && <p className="muted hint">Select text in the article and press a label's key to add a span.</p>}
      <ul>
        {props.spans.map((s) => (
          <li
            key={s.id}
            className={s.id === props.selectedId ? 'selected' : ''}
            data-list-span={s.id}
            onClick={() => props.onSelect(s.id)}
          >
            <span className="chip-label" style={{ ['--c' as string]: props.colors[s.label] ?? '#888' }}>
              {s.label}
            </span>
            <span className="span-text">{props.text.slice(s.start, s.end)}</span>
            {s.id === props.selectedId && (
              <button className="icon-btn" title="Delete span (Del)" onClick={() => props.onDelete(s.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.relations.length > 0 && (
        <>
          <h2>
            Relations <span className="count">{props.relations.length}</span>
          </h2>
          <ul>
            {props.relations.map((r) => (
              <li key={r.id} data-list-relation={r.id}>
                <span className="span-text">{byId.get(r.headId) ? props.text.slice(byId.get(r.headId)!.start, byId.get(r.headId)!.end) : '?'}</span>
                <span className="rel-label">{r.label} →</span>
                <span className="span-text">{byId.get(r.tailId) ? props.text.slice(byId.get(r.tailId)!.start, byId.get(r.tailId)!.end) : '?'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
