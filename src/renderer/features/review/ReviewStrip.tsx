import type { ReviewData } from '../../../shared/api/methods/review'
import type { MergedModel } from './mergedModel'
import { ReviewKeys } from './ReviewKeys'

const count = (n: number, one: string) => `${one}${n === 1 ? '' : 's'}`

/** The review's figures (disagreements, open, agreed, gold), the annotators with their marks, and the keys. */
export function ReviewStrip(props: { data: ReviewData; model: MergedModel; keysOpen: boolean; onToggleKeys: () => void }) {
  const { data, model } = props
  const total = model.disagreements.length
  return (
    <div className="review-strip">
      <span className="stat" data-testid="disagreement-count">
        <strong>{total}</strong> {count(total, 'disagreement')}
      </span>
      <span className={`stat stat-open${model.open === 0 ? ' zero' : ''}`} data-testid="open-count">
        <strong>{model.open}</strong> open
      </span>
      <span className="stat">
        <strong>{model.agreedSpans}</strong> agreed {count(model.agreedSpans, 'span')}, <strong>{model.agreedRelations}</strong> {count(model.agreedRelations, 'relation')}
      </span>
      <span className="stat stat-gold" data-testid="gold-count">
        gold: <strong>{data.gold.spans.length}</strong> {count(data.gold.spans.length, 'span')}, <strong>{data.gold.relations.length}</strong>{' '}
        {count(data.gold.relations.length, 'relation')}
      </span>
      <span className="legend" aria-label="Annotators">
        {data.layers.map((l) => (
          <span key={l.annotator} className="who-chip" title={l.annotator}>
            <span className="who-mark">{model.marks.get(l.annotator)}</span>
            {l.annotator}
          </span>
        ))}
      </span>
      <ReviewKeys open={props.keysOpen} onToggle={props.onToggleKeys} />
    </div>
  )
}
