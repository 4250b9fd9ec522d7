import { useState } from 'react'

/** Asks the quorum: how many annotators must agree on an item for it to go into gold (default: all). */
export function PremergeDialog(props: { annotators: number; onConfirm: (quorum: number) => void; onCancel: () => void }) {
  const [quorum, setQuorum] = useState(props.annotators)
  const valid = Number.isInteger(quorum) && quorum >= 1 && quorum <= props.annotators
  return (
    <div className="modal-backdrop" onClick={props.onCancel}>
      <form
        className="modal"
        role="dialog"
        aria-label="Pre-merge"
        data-testid="premerge-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
        onSubmit={(e) => {
          e.preventDefault()
          if (valid) props.onConfirm(quorum)
        }}
      >
        <h1>Pre-merge agreed items</h1>
        <p className="muted">
          Copies every span and relation that at least this many of the {props.annotators} annotators labelled exactly alike into gold, with its
          provenance. Rejected items do not count. One undo reverts it.
        </p>
        <label>
          Quorum
          <input type="number" min={1} max={props.annotators} value={quorum} onChange={(e) => setQuorum(Number(e.target.value))} autoFocus aria-label="Quorum" />
          <span className="muted">of {props.annotators}</span>
        </label>
        <div className="gate-actions">
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!valid}>
            Pre-merge
          </button>
        </div>
      </form>
    </div>
  )
}
