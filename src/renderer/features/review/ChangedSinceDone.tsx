const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/**
 * Said on a review marked done whose annotators changed their layers since (ReviewData.changedSinceDone): the review
 * stays done and its gold (what a gold export writes) as the reviewer left it, because reopening by itself would undo
 * the reviewer's finish; Reopen (Shift+R) takes the changes in.
 */
export function ChangedSinceDone(props: { changed: number; onReopen: () => void }) {
  return (
    <div className="review-changed" role="status" data-testid="review-changed-since-done">
      <span>
        <strong>Review done, but annotators changed it since:</strong> {plural(props.changed, 'item')} {props.changed === 1 ? 'differs' : 'differ'} now. Gold
        and its export stay as they were at the finish.
      </span>
      <button className="btn btn-small" onClick={props.onReopen} title="Reopen the review (Shift+R)">
        Reopen to review them <kbd>Shift</kbd>+<kbd>R</kbd>
      </button>
    </div>
  )
}
