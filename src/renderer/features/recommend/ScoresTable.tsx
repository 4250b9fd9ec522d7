import type { Evaluation, Scores } from '../../../shared/recommend/recommender'

const pct = (x: number) => `${(x * 100).toFixed(1)}`

function Row(props: { name: string; s: Scores; overall?: boolean }) {
  const { s } = props
  return (
    <tr className={props.overall ? 'rc-scores-overall' : undefined} data-score-label={props.overall ? 'overall' : props.name}>
      <th scope="row">{props.name}</th>
      <td>{pct(s.precision)}</td>
      <td>{pct(s.recall)}</td>
      <td className="rc-f1">
        <span className="rc-f1-bar" style={{ ['--f1' as string]: String(s.f1) }} aria-hidden />
        {pct(s.f1)}
      </td>
      <td className="muted">{s.tp}</td>
      <td className="muted">{s.fp}</td>
      <td className="muted">{s.fn}</td>
    </tr>
  )
}

/** Precision, recall and F1 (in %) per label and overall, with the exact-match counts behind them. */
export function ScoresTable(props: { evaluation: Evaluation }) {
  const e = props.evaluation
  const labels = Object.keys(e.perLabel).sort()
  return (
    <div className="rc-scores">
      <div className="rc-scores-caption muted">
        Scored on {e.documents} done {e.documents === 1 ? 'document' : 'documents'}
        {e.folds > 1 ? ` by ${e.folds}-fold cross-validation` : ''}
      </div>
      <table data-testid={`scores-${e.recommender}`}>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" title="Precision">P %</th>
            <th scope="col" title="Recall">R %</th>
            <th scope="col">F1 %</th>
            <th scope="col" title="Exact matches">TP</th>
            <th scope="col" title="Suggested, not in your layer">FP</th>
            <th scope="col" title="In your layer, not suggested">FN</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <Row key={l} name={l} s={e.perLabel[l]} />
          ))}
          <Row name="All labels" s={e.overall} overall />
        </tbody>
      </table>
    </div>
  )
}
