import { useEffect, useMemo, useRef, useState } from 'react'
import type { LabelType, Span } from '../../../shared/domain/model'
import { matchContext, planLabelAll } from './labelAllMatches'
import { VirtualList } from './VirtualList'

const ROW = 28

/**
 * "Label all matches": the search's hits as a preview (how many, each in its
 * context, which are skipped and why) with a label to give them; confirming
 * labels them all as one change, which one undo takes back. Enter confirms,
 * Esc closes.
 */
export function LabelAllPreview(props: {
  text: string
  query: string
  hits: readonly { start: number; end: number }[]
  spans: readonly Span[]
  labels: LabelType[]
  initialLabel?: string
  onConfirm: (label: string, ranges: { start: number; end: number }[]) => void
  onClose: () => void
}) {
  const [label, setLabel] = useState(props.initialLabel ?? props.labels[0]?.name ?? '')
  const [wholeWords, setWholeWords] = useState(true)
  const plan = useMemo(() => planLabelAll(props.text, props.hits, props.spans, label, wholeWords), [props.text, props.hits, props.spans, label, wholeWords])
  const confirm = useRef<HTMLButtonElement>(null)
  useEffect(() => confirm.current?.focus(), [])
  const color = props.labels.find((l) => l.name === label)?.color ?? '#888'
  const n = plan.ranges.length

  return (
    <div
      className="label-all"
      role="dialog"
      aria-label="Label all matches"
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape') props.onClose()
        else if (e.key === 'Enter' && n && (e.target as HTMLElement).tagName !== 'BUTTON') props.onConfirm(label, plan.ranges)
      }}
    >
      <div className="label-all-head">
        <label className="label-all-label">
          Label all “{props.query}” as
          <select aria-label="Label for all matches" value={label} onChange={(e) => setLabel(e.target.value)} style={{ ['--c' as string]: color }}>
            {props.labels.map((l) => (
              <option key={l.id} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="label-all-words">
          <input type="checkbox" checked={wholeWords} onChange={(e) => setWholeWords(e.target.checked)} /> Whole words only
        </label>
      </div>
      <p className="label-all-count" data-label-all-count={n}>
        <strong>{n === 1 ? '1 match' : `${n} matches`}</strong> will be labelled
        {plan.alreadyLabelled > 0 && <span className="muted"> · {plan.alreadyLabelled} already {label}</span>}
        {plan.partWords > 0 && <span className="muted"> · {plan.partWords} inside a word, left out</span>}
      </p>
      <VirtualList
        items={plan.ranges}
        rowHeight={ROW}
        maxHeight={ROW * 7}
        label="Matches to label"
        renderRow={(r) => {
          const c = matchContext(props.text, r)
          return (
            <li key={r.start} className="label-all-row" data-label-all-match={r.start}>
              <span className="muted">{c.before}</span>
              <mark style={{ ['--c' as string]: color }}>{c.match}</mark>
              <span className="muted">{c.after}</span>
            </li>
          )
        }}
      />
      <div className="label-all-actions">
        <span className="muted">One change: Ctrl+Z takes it back.</span>
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
        <button ref={confirm} type="button" className="btn btn-primary" disabled={!n} onClick={() => props.onConfirm(label, plan.ranges)}>
          Label {n === 1 ? '1 match' : `${n} matches`}
        </button>
      </div>
    </div>
  )
}
