import type { DocStatus, DocumentRecord } from '../../../shared/domain/model'
import { IdText } from '../../components/IdText'
import { StatusBadge } from '../../components/StatusBadge'
import { DEFAULT_TEXT_SIZE, TEXT_SIZES } from './textSize'

/**
 * The annotate screen's header: back and the title, then undo/redo, text size, status and the done buttons as one
 * group, which moves to a second row when the title would get less than about 540 px (a 1024 px window), as the
 * review's header does. The title wraps rather than being cut (up to four lines; a longer one is whole in its tooltip).
 */
export function AnnotateHeader(props: {
  doc: DocumentRecord
  status: DocStatus
  textSize: number
  onStep: (direction: 'undo' | 'redo') => void
  onTextSize: (step: 1 | -1 | 0) => void
  onMarkDone: () => void
  onFinishAndNext: () => void
  onHelp: () => void
}) {
  const { doc, status, textSize } = props
  return (
    <div className="annotate-head document-head">
      <a href="#/" className="back" aria-label="Back to library">
        ←
      </a>
      <div className="annotate-title">
        <h1 title={doc.title}>{doc.title}</h1>
        <IdText id={doc.externalId} className="mono muted" />
      </div>
      <div className="annotate-actions">
        <div className="history-buttons" role="group" aria-label="History">
          <button className="btn" title="Undo (Ctrl+Z)" onClick={() => props.onStep('undo')}>
            ↶ Undo
          </button>
          <button className="btn" title="Redo (Ctrl+Shift+Z)" onClick={() => props.onStep('redo')}>
            ↷ Redo
          </button>
        </div>
        <div className="text-size" role="group" aria-label="Text size">
          <button className="btn" aria-label="Smaller text" title="Smaller text (Ctrl+−)" disabled={textSize <= TEXT_SIZES[0]} onClick={() => props.onTextSize(-1)}>
            A<span className="text-size-minus">−</span>
          </button>
          <button className="btn text-size-value" title="Default size (Ctrl+0)" data-text-size={textSize} onClick={() => props.onTextSize(0)}>
            {Math.round((textSize / DEFAULT_TEXT_SIZE) * 100)}%
          </button>
          <button className="btn" aria-label="Larger text" title="Larger text (Ctrl+=)" disabled={textSize >= TEXT_SIZES[TEXT_SIZES.length - 1]} onClick={() => props.onTextSize(1)}>
            A<span className="text-size-plus">+</span>
          </button>
        </div>
        <span data-doc-status={status}>
          <StatusBadge status={status} />
        </span>
        <button className="btn" onClick={props.onMarkDone}>
          {status === 'done' ? 'Reopen' : 'Mark done'}
        </button>
        <button className="btn btn-primary done-next" title="Mark done and open the next document (Ctrl+Enter)" onClick={props.onFinishAndNext}>
          Done &amp; next <kbd>Ctrl</kbd>
          <kbd>↵</kbd>
        </button>
        <button className="btn help-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={props.onHelp}>
          ?
        </button>
      </div>
    </div>
  )
}
