import type { ReviewLayer } from '../../../shared/api/methods/review'

/** The gold layer so far, each item with where it came from and who accepted it. */
export function GoldList(props: { gold: ReviewLayer; text: string; colors: Record<string, string> }) {
  const { gold, text } = props
  const spanText = new Map(gold.spans.map((s) => [s.id, text.slice(s.start, s.end)]))
  return (
    <div className="gold-list" data-testid="gold-list">
      <h2>
        Gold <span className="count">{gold.spans.length + gold.relations.length}</span>
      </h2>
      {!gold.spans.length && !gold.relations.length && <p className="muted hint">Nothing accepted yet. Accept items, or pre-merge what the annotators agree on.</p>}
      <ul>
        {gold.spans.map((s) => (
          <li key={`s${s.id}`} title={s.provenance ? `accepted by ${s.provenance.acceptedBy} at ${s.provenance.acceptedAt}` : undefined}>
            <span className="chip-label" style={{ ['--c' as string]: props.colors[s.label] ?? '#888' }}>
              {s.label}
            </span>
            <span className="span-text">{text.slice(s.start, s.end)}</span>
            {s.provenance && (
              <span className="prov muted">
                {s.provenance.annotator}
                {s.provenance.edited ? ' ✎' : ''}
              </span>
            )}
          </li>
        ))}
        {gold.relations.map((r) => (
          <li key={`r${r.id}`} title={r.provenance ? `accepted by ${r.provenance.acceptedBy} at ${r.provenance.acceptedAt}` : undefined}>
            <span className="rel-label">{r.label}</span>
            <span className="span-text">
              {spanText.get(r.headId)} → {spanText.get(r.tailId)}
            </span>
            {r.provenance && <span className="prov muted">{r.provenance.annotator}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}
