import type { LineError } from '../../../shared/formats/importRecord'
import { dialogWords } from './dialogWords'

const SHOWN = 200

/** Bad lines as `file:line: reason`, the way the CLI prints them, so they can be found in an editor. */
export function LineErrorList({ errors, title }: { errors: LineError[]; title: string }) {
  if (!errors.length) return null
  return (
    <div className="line-errors" data-testid="line-errors">
      <div className="line-errors-head">
        <span className="error-dot" aria-hidden />
        {title}
      </div>
      <ol>
        {errors.slice(0, SHOWN).map((e, i) => (
          <li key={i}>
            <code className="where">
              {e.file.split(/[\\/]/).pop()}
              {e.place ? '' : `:${e.line}`}
            </code>
            <span>{dialogWords(e.reason)}</span>
          </li>
        ))}
      </ol>
      {errors.length > SHOWN && <p className="muted">… and {(errors.length - SHOWN).toLocaleString()} more</p>}
    </div>
  )
}
