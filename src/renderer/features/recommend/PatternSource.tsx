import { useRef, useState } from 'react'
import { call } from '../../api/client'

/**
 * Where the pattern file comes from: a path (the desktop app reads it), an
 * upload or a paste (kept beside the workspace by the server, which checks it
 * line by line first: a bad line is named with its number and nothing is kept).
 */
export function PatternSource(props: { file: string; onFile: (file: string) => void }) {
  const [pasting, setPasting] = useState(false)
  const [pasted, setPasted] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null)
  const upload = useRef<HTMLInputElement>(null)

  const keep = async (name: string, text: string) => {
    setBusy(true)
    try {
      const r = await call('recommend.patterns.save', { name, text })
      props.onFile(r.file)
      setOutcome({ ok: true, text: `${r.patterns} ${r.patterns === 1 ? 'pattern' : 'patterns'} kept in ${r.file}. Save to use them.` })
      setPasting(false)
      setPasted('')
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="rc-patterns">
      <label className="rc-field">
        <span>Pattern file</span>
        <input type="text" placeholder="/path/to/patterns.jsonl" value={props.file} onChange={(e) => props.onFile(e.target.value)} spellCheck={false} />
      </label>
      <div className="rc-pattern-actions">
        <button type="button" className="btn rc-small" disabled={busy} onClick={() => upload.current?.click()}>
          Upload a file…
        </button>
        <button type="button" className="btn rc-small" disabled={busy} onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          Paste patterns…
        </button>
        <input
          ref={upload}
          type="file"
          accept=".jsonl,.json,.txt"
          hidden
          aria-label="Pattern file to upload"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void f.text().then((text) => keep(f.name, text))
          }}
        />
      </div>
      {pasting && (
        <div className="rc-paste">
          <textarea value={pasted} onChange={(e) => setPasted(e.target.value)} rows={5} spellCheck={false} aria-label="Patterns, one JSON object per line" placeholder={'{"label":"ORG","pattern":"Islamic State"}\n{"label":"GPE","pattern":[{"LOWER":"brussels"}]}'} />
          <button type="button" className="btn btn-primary rc-small" disabled={busy || !pasted.trim()} onClick={() => void keep('pasted-patterns.jsonl', pasted)}>
            Keep these patterns
          </button>
        </div>
      )}
      {outcome && (
        <p className={outcome.ok ? 'rc-tried muted' : 'rc-problem'} role={outcome.ok ? 'status' : 'alert'} data-testid="pattern-outcome">
          {outcome.text}
        </p>
      )}
    </div>
  )
}
