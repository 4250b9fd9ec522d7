import { Fragment } from 'react'
import { REVIEW_SHORTCUTS } from '../../components/help/shortcuts'

/** The review's keys: a button in the strip that opens the full list (also `?`). */
export function ReviewKeys(props: { open: boolean; onToggle: () => void }) {
  return (
    <span className="review-keys">
      <button className="btn btn-small" onClick={props.onToggle} aria-expanded={props.open} title="Keyboard shortcuts (?)">
        Keys <kbd>?</kbd>
      </button>
      {props.open && (
        <div className="review-keys-card" role="dialog" aria-label="Review keys" data-testid="review-keys">
          {REVIEW_SHORTCUTS.map((g) => (
            <dl key={g.title}>
              {g.shortcuts.map((s) => (
                <div key={s.action} className="help-row">
                  <dt>
                    {s.keys.map((combo, i) => (
                      <Fragment key={i}>
                        {i > 0 && <span className="help-or"> or </span>}
                        {combo.map((k) => (
                          <kbd key={k}>{k}</kbd>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{s.action}</dd>
                </div>
              ))}
            </dl>
          ))}
        </div>
      )}
    </span>
  )
}
