import type { Span } from '../../../shared/domain/model'
import type { Edit } from './pendingMarks'
import { spanName } from './relationFlow'

/** The prompt while a relation's tail is chosen: the head, the candidate, and the keys. */
export function RelationPrompt(props: { head: Span; candidate: Span | undefined; text: string }) {
  return (
    <div className="relation-prompt" role="status" data-relation-prompt="tail">
      <strong>New relation</strong> from {spanName(props.head, props.text)} → {props.candidate ? <strong>{spanName(props.candidate, props.text)}</strong> : '…'}
      <span className="muted">
        <kbd>Tab</kbd>/<kbd>←</kbd>
        <kbd>→</kbd> choose the tail (or click it) · <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> cancel
      </span>
    </div>
  )
}

/** Shown while the store cannot take edits: how many are waiting, and why each last failed. */
export function UnsavedBanner(props: { total: number; unsaved: readonly Edit[] }) {
  if (!props.unsaved.length) return null
  return (
    <div className="unsaved-banner" role="alert" data-unsaved-count={props.total}>
      <strong>{props.total === 1 ? '1 edit is' : `${props.total} edits are`} not saved yet. They stay on screen and are retried until the workspace takes them.</strong>
      <ul>
        {props.unsaved.map((e) => (
          <li key={e.key}>
            {e.what} is not saved yet ({e.problem}); retrying in {Math.max(0.1, Math.round((e.retryInS ?? 0) * 10) / 10)} s
          </li>
        ))}
      </ul>
    </div>
  )
}

export function Toast(props: { message: { kind: 'error' | 'info'; text: string } | null }) {
  const m = props.message
  if (!m) return null
  return (
    <div className={`toast toast-${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'}>
      {m.text}
    </div>
  )
}
