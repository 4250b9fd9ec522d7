import { useEffect, useState } from 'react'
import type { Annotator } from '../../../shared/domain/model'
import { ApiCallError, call } from '../../api/client'

/** Asks once who is annotating; the name is remembered in the workspace settings and stamped on every span. */
export function AnnotatorGate(props: { current: string | null; onChoose: (name: string) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState(props.current ?? '')
  const [known, setKnown] = useState<Annotator[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    call('annotators.list', {}).then((a) => setKnown(a.filter((x) => x.kind === 'human')), () => undefined)
  }, [])
  const submit = async (value: string) => {
    setError(null)
    try {
      await props.onChoose(value.trim())
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message.replace(/^session\.setAnnotator: name: /, '') : String(e))
    }
  }
  return (
    <div className="gate">
      <form
        className="gate-card"
        onSubmit={(e) => {
          e.preventDefault()
          void submit(name)
        }}
      >
        <h1>Who is annotating?</h1>
        <p className="muted">Your name is stamped on every span you create, so colleagues' layers stay apart.</p>
        <label htmlFor="annotator-name">Annotator name</label>
        <input id="annotator-name" autoFocus value={name} placeholder="e.g. alice" onChange={(e) => setName(e.target.value)} />
        {error && <p className="form-error">{error}</p>}
        {known.length > 0 && (
          <div className="known">
            <span className="muted">In this workspace:</span>
            {known.map((a) => (
              <button type="button" key={a.id} className="chip" onClick={() => void submit(a.name)}>
                {a.name}
              </button>
            ))}
          </div>
        )}
        <div className="gate-actions">
          {props.onCancel && (
            <button type="button" className="btn" onClick={props.onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
            Start annotating
          </button>
        </div>
      </form>
    </div>
  )
}
