import { useEffect, useRef } from 'react'
import type { LabelDeletion } from '../../../shared/api/methods/schema'

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`

/** Asks before a label goes, saying exactly what goes with it (counted by the server, across every annotator's layer). */
export function DeleteLabelDialog({ preview, onConfirm, onCancel }: { preview: LabelDeletion; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  const inUse = preview.spans > 0 || preview.relations > 0
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="delete-label-title" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h3 id="delete-label-title">Delete {preview.kind} label {preview.label}?</h3>
        {inUse ? (
          <p className="delete-counts" data-testid="delete-counts">
            This removes <strong>{plural(preview.spans, 'span')}</strong> and <strong>{plural(preview.relations, 'relation')}</strong> from every
            annotator's layer. It cannot be undone.
          </p>
        ) : (
          <p data-testid="delete-counts">No span or relation uses this label.</p>
        )}
        {preview.constraintsIn.length > 0 && (
          <p className="muted">
            {preview.label} is also dropped from the head/tail types of {preview.constraintsIn.join(', ')}; a list left empty allows any type.
          </p>
        )}
        <div className="modal-actions">
          <button ref={cancel} type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm}>
            {inUse ? `Delete ${preview.label} and its annotations` : `Delete ${preview.label}`}
          </button>
        </div>
      </div>
    </div>
  )
}
