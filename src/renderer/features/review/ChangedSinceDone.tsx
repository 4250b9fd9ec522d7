import type { ChangeSinceDone } from '../../../shared/api/methods/review'
import { changeWords } from './changeWords'
import { countOf as plural } from '../../../shared/text/plural'

/** Changes named under the sentence; the count says how many there are in all. */
const SHOWN = 5

/** One change, a link to its place in the review (a layer has no place); the review's keys act there next, not on the link. */
function ChangeItem(props: { change: ChangeSinceDone; text: string; onGo: (c: ChangeSinceDone) => void }) {
  const words = changeWords(props.change, props.text)
  if (props.change.kind === 'layer') return <li>{words}</li>
  return (
    <li>
      <button type="button" className="link-button" onClick={(e) => (e.currentTarget.blur(), props.onGo(props.change))} title="Go to this place in the review">
        {words}
      </button>
    </li>
  )
}

/**
 * Said on a review marked done whose annotators changed their layers since (ReviewData.changedSinceDone): the review
 * stays done and its gold (what a gold export writes) as the reviewer left it, because reopening by itself would undo
 * the reviewer's finish; Reopen (Shift+R) takes the changes in. The first changes are named: a deleted item leaves
 * nothing on screen, and once reopened the review no longer knows what the finish saw.
 */
export function ChangedSinceDone(props: { changed: number; changes?: ChangeSinceDone[]; text: string; onReopen: () => void; onGo: (c: ChangeSinceDone) => void }) {
  const changes = props.changes ?? []
  return (
    <div className="review-changed" role="status" data-testid="review-changed-since-done">
      <div>
        <span>
          <strong>Review done, but annotators changed it since:</strong> {plural(props.changed, 'item')} {props.changed === 1 ? 'differs' : 'differ'} now. Gold
          and its export stay as they were at the finish.
        </span>
        {changes.length > 0 && (
          <ul className="review-changed-items" data-testid="review-changes-since-done">
            {changes.slice(0, SHOWN).map((c, i) => (
              <ChangeItem key={i} change={c} text={props.text} onGo={props.onGo} />
            ))}
            {props.changed > SHOWN && <li className="muted">and {plural(props.changed - SHOWN, 'more change')}</li>}
          </ul>
        )}
      </div>
      <button className="btn btn-small" onClick={props.onReopen} title="Reopen the review (Shift+R)">
        Reopen to review them <kbd>Shift</kbd>+<kbd>R</kbd>
      </button>
    </div>
  )
}

/**
 * Said on a review reopened after a finish (ReviewData.sinceLastFinish): what annotators changed between that finish
 * and now, so the reviewer who reopened it to take them in has the list while working (a deletion leaves nothing on
 * screen). Kept until the review is marked done again.
 */
export function SinceLastFinish(props: { changed: number; changes: ChangeSinceDone[]; text: string; onGo: (c: ChangeSinceDone) => void }) {
  return (
    <details className="review-changed review-changed--open" data-testid="review-since-last-finish" open>
      <summary>
        <strong>Changed since your last finish:</strong> {plural(props.changed, 'item')} ({props.changed > SHOWN ? `the first ${SHOWN} below` : 'below'}). Take them in,
        then mark the review done again.
      </summary>
      <ul className="review-changed-items" data-testid="review-changes-since-last-finish">
        {props.changes.slice(0, SHOWN).map((c, i) => (
          <ChangeItem key={i} change={c} text={props.text} onGo={props.onGo} />
        ))}
        {props.changed > SHOWN && <li className="muted">and {plural(props.changed - SHOWN, 'more change')}</li>}
      </ul>
    </details>
  )
}
