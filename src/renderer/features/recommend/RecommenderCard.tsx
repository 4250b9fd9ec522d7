import type { LabelType } from '../../../shared/domain/model'
import type { Evaluation } from '../../../shared/recommend/recommender'
import type { RecommenderConfig } from '../../../shared/recommend/settings'
import { PatternSource } from './PatternSource'
import { englishMapping, unknownTargets } from './recommenderDraft'
import type { KindInfo } from './recommenderDraft'
import { ScoresTable } from './ScoresTable'

export interface CardStatus {
  /** Plain words from the last check or evaluation: the server is down, slow, answers garbage; a bad pattern line. */
  problem?: string
  /** The last "Try" found this many suggestions. */
  tried?: number
  /** Left out of suggestions by the F1 threshold. */
  belowThreshold?: boolean
}

/** One recommender: its switch, its settings, its last scores and any problem in plain words. */
export function RecommenderCard(props: {
  info: KindInfo
  config: RecommenderConfig
  labels: LabelType[]
  evaluation?: Evaluation
  status: CardStatus
  invalid: string[]
  onChange: (patch: Partial<RecommenderConfig>) => void
}) {
  const { info, config: c, status } = props
  const id = `rc-${info.kind}`
  const entityLabels = props.labels.filter((l) => l.kind === 'entity')
  const timeout = (
    <label className="rc-field rc-field--short">
      <span>Timeout (s)</span>
      <input type="number" min={0.1} max={600} step={0.5} value={(c.timeoutMs ?? (info.kind === 'openai' ? 120_000 : 30_000)) / 1000} onChange={(e) => props.onChange({ timeoutMs: Math.round(Number(e.target.value) * 1000) || undefined })} />
    </label>
  )
  return (
    <section className={`rc-card${c.enabled ? ' rc-card--on' : ''}`} data-recommender={info.kind} aria-labelledby={`${id}-title`}>
      <header className="rc-card-head">
        <div>
          <h2 id={`${id}-title`}>{info.title}</h2>
          <p className="rc-blurb">{info.blurb}</p>
        </div>
        <label className="rc-switch" title={c.enabled ? 'On: its suggestions are shown' : 'Off'}>
          <input type="checkbox" role="switch" checked={c.enabled} onChange={(e) => props.onChange({ enabled: e.target.checked })} aria-label={`${info.title} on`} />
          <span className="rc-switch-track" aria-hidden />
        </label>
      </header>
      {info.kind === 'patterns' && <PatternSource file={c.file ?? ''} onFile={(file) => props.onChange({ file })} />}
      {(info.kind === 'ls-backend' || info.kind === 'openai') && (
        <div className="rc-fields">
          <label className="rc-field">
            <span>URL</span>
            <input type="url" placeholder={info.kind === 'openai' ? 'http://127.0.0.1:11434/v1' : 'http://127.0.0.1:9090'} value={c.url ?? ''} onChange={(e) => props.onChange({ url: e.target.value })} spellCheck={false} />
          </label>
          {info.kind === 'openai' && (
            <label className="rc-field rc-field--mid">
              <span>Model</span>
              <input type="text" placeholder="llama3.1" value={c.model ?? ''} onChange={(e) => props.onChange({ model: e.target.value })} spellCheck={false} />
            </label>
          )}
          {timeout}
        </div>
      )}
      {info.kind === 'english' && <MappingTable mapping={englishMapping(c)} labels={entityLabels} onChange={(mapping) => props.onChange({ mapping })} />}
      {props.invalid.map((m) => (
        <p key={m} className="rc-invalid" role="alert">
          {m}
        </p>
      ))}
      {status.problem && (
        <p className="rc-problem" role="alert" data-testid={`problem-${info.kind}`}>
          {status.problem}
        </p>
      )}
      {status.tried !== undefined && !status.problem && <p className="rc-tried muted">{status.tried === 1 ? '1 suggestion' : `${status.tried} suggestions`} in the tried document.</p>}
      {status.belowThreshold && <p className="rc-tried muted">Its F1 is below the threshold: it is not asked for suggestions.</p>}
      {props.evaluation && <ScoresTable evaluation={props.evaluation} />}
    </section>
  )
}

/** The English model's labels mapped to the schema's (or dropped). */
function MappingTable(props: { mapping: Record<string, string>; labels: LabelType[]; onChange: (m: Record<string, string>) => void }) {
  const unknown = new Set(unknownTargets(props.mapping, props.labels))
  return (
    <table className="rc-mapping">
      <thead>
        <tr>
          <th scope="col">Model label</th>
          <th scope="col">Schema label</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(props.mapping).map(([from, to]) => (
          <tr key={from}>
            <td>
              <code>{from}</code>
            </td>
            <td>
              <select value={to} onChange={(e) => props.onChange({ ...props.mapping, [from]: e.target.value })} aria-label={`${from} becomes`}>
                <option value="">(dropped)</option>
                {unknown.has(to) && <option value={to}>{to} (not in the schema)</option>}
                {props.labels.map((l) => (
                  <option key={l.name} value={l.name}>
                    {l.name}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
