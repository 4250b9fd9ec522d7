import type { Disagreement } from './mergedModel'

/** Every disagreement in text order: its kind, text, readings (label and who) and whether it is decided. */
export function DisagreementList(props: { disagreements: Disagreement[]; current: number; text: string; marks: Map<string, string>; onGo: (i: number) => void }) {
  const { disagreements, text } = props
  return (
    <>
      <h2>Disagreements</h2>
      <ol className="disagreement-list" data-testid="disagreement-list">
        {disagreements.map((d, i) => (
          <li key={d.key} className={`${i === props.current ? 'current' : ''} ${d.resolved ? 'resolved' : ''}`} onClick={() => props.onGo(i)} data-resolved={d.resolved}>
            <span className={`diff-kind diff-${d.difference}`}>{d.difference}</span>
            <span className="span-text">
              {d.kind === 'relation' ? '↷ ' : ''}
              {JSON.stringify(text.slice(d.start, d.end).slice(0, 40))}
            </span>
            <span className="who muted">
              {d.readings.map((r) => `${r.label} · ${r.annotators.map((a) => props.marks.get(a)).join(' ')}`).join('   ')}
              {d.missing.length ? `   — · ${d.missing.map((a) => props.marks.get(a)).join(' ')}` : ''}
            </span>
            {d.resolved && (
              <span className="done-mark" title="Every reading decided">
                ✓
              </span>
            )}
          </li>
        ))}
        {!disagreements.length && <li className="muted">The layers agree everywhere.</li>}
      </ol>
    </>
  )
}
