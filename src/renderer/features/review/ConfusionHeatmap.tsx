import type { ConfusionMatrix } from '../../../shared/agreement/labelConfusion'

/**
 * A confusion matrix as a heat-map: each cell shaded by its share of its row
 * (so a rare label's confusions show as clearly as a common one's); the
 * diagonal (agreement) in green, the rest in red. The shade stops at 65% over the panel, so the count keeps the
 * theme's ink at 4.5:1 or more in both themes (white on a half-shaded cell was 2.2:1).
 */
export function ConfusionHeatmap(props: { matrix: ConfusionMatrix; colors: Record<string, string> }) {
  const { labels, counts } = props.matrix
  if (!labels.length) return <p className="muted">No tokens compared.</p>
  return (
    <div className="heatmap" data-testid="confusion-heatmap" style={{ gridTemplateColumns: `auto repeat(${labels.length}, minmax(38px, 1fr))` }}>
      <span className="hm-corner" />
      {labels.map((l) => (
        <span key={`c${l}`} className="hm-col" title={l}>
          {l}
        </span>
      ))}
      {labels.map((row, i) => {
        const total = counts[i].reduce((a, b) => a + b, 0)
        return [
          <span key={`r${row}`} className="hm-row">
            <span className="swatch" style={{ ['--c' as string]: props.colors[row] ?? '#b8bfcc' }} />
            {row}
          </span>,
          ...labels.map((col, j) => {
            const n = counts[i][j]
            const share = total ? n / total : 0
            const hue = i === j ? '34, 139, 84' : '192, 57, 43'
            return (
              <span
                key={`${row}-${col}`}
                className={`hm-cell${n ? '' : ' hm-zero'}`}
                style={{ background: n ? `rgba(${hue}, ${0.08 + share * 0.57})` : undefined }}
                title={`${row} → ${col}: ${n} token${n === 1 ? '' : 's'} (${(share * 100).toFixed(1)}% of ${row})`}
              >
                {n ? n.toLocaleString() : ''}
              </span>
            )
          }),
        ]
      })}
    </div>
  )
}
