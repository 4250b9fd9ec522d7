import type { Disagreement } from './mergedModel'

const clip = (t: string) => (t.length > 40 ? `${t.slice(0, 39)}…` : t)

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
              {d.kind === 'relation' && d.readings[0]?.head && d.readings[0].tail
                ? `${JSON.stringify(clip(text.slice(d.readings[0].head.start, d.readings[0].head.end)))} → ${JSON.stringify(clip(text.slice(d.readings[0].tail.start, d.readings[0].tail.end)))}`
                : JSON.stringify(clip(text.slice(d.start, d.end)))}
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
