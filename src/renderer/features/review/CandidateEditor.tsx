import { useState } from 'react'
import type { ReviewEdit } from '../../../shared/api/methods/review'
import type { LabelType } from '../../../shared/domain/model'
import type { Reading } from './mergedModel'

/** Edit then accept: another label, and for a span another boundary (character offsets, shown with the text they cover). */
export function CandidateEditor(props: {
  candidate: Reading
  text: string
  labels: LabelType[]
  onAccept: (edit: ReviewEdit) => void
  onCancel: () => void
}) {
  const c = props.candidate
  const [label, setLabel] = useState(c.label)
  const [start, setStart] = useState(c.start)
  const [end, setEnd] = useState(c.end)
  const valid = c.kind === 'relation' || (start < end && start >= 0 && end <= props.text.length)
  const submit = () => {
    if (!valid) return
    props.onAccept(c.kind === 'span' ? { label, start, end } : { label })
  }
  return (
    <form
      className="candidate-editor"
      data-testid="candidate-editor"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel()
      }}
    >
      <div className="card-head">
        <strong>
          Edit {c.annotators.join(', ')}'s {c.kind}, then accept
        </strong>
      </div>
      <label>
        Label
        <select value={label} onChange={(e) => setLabel(e.target.value)} autoFocus aria-label="Label">
          {props.labels.map((l) => (
            <option key={l.id} value={l.name}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {c.kind === 'span' && (
        <div className="bounds">
          <label>
            Start
            <input type="number" value={start} min={0} onChange={(e) => setStart(Number(e.target.value))} aria-label="Start" />
          </label>
          <label>
            End
            <input type="number" value={end} min={1} onChange={(e) => setEnd(Number(e.target.value))} aria-label="End" />
          </label>
          <div className="bounds-preview">{valid ? `“${props.text.slice(start, end)}”` : <span className="form-error">start must be before end, inside the text</span>}</div>
        </div>
      )}
      <div className="gate-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={!valid}>
          Accept edited
        </button>
      </div>
    </form>
  )
}
