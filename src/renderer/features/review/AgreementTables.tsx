import type { AgreementReport } from '../../../shared/agreement/report'
import { reviewHref } from '../../app/reviewRoute'
import { AgreementFigure as Figure, pairName } from './AgreementFigure'

/** Span F1 (exact / overlap) per label, a column per pair. */
export function PerLabelTable({ report, labelRows, colors }: { report: AgreementReport; labelRows: string[]; colors: Record<string, string> }) {
  return (
    <table className="doc-table fig-table" data-testid="label-table">
      <thead>
        <tr>
          <th>Label</th>
          {report.pairs.map((p) => (
            <th key={pairName(p)} className="num">
              {pairName(p)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labelRows.map((l) => (
          <tr key={l}>
            <td>
              <span className="chip-label" style={{ ['--c' as string]: colors[l] ?? '#888' }}>
                {l}
              </span>
            </td>
            {report.pairs.map((p) => {
              const f = p.perLabel[l]
              return (
                <td key={pairName(p)} className="num">
                  {f ? (
                    <>
                      <Figure name="spanF1Exact" value={f.spanF1Exact} reasons={f.reasons} bar={false} /> <span className="muted">/</span>{' '}
                      <Figure name="spanF1Overlap" value={f.spanF1Overlap} reasons={f.reasons} bar={false} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The documents with the lowest mean span F1, each linking into its review. */
export function LowestAgreementTable({ documents }: { documents: AgreementReport['lowestDocuments'] }) {
  return (
    <table className="doc-table" data-testid="lowest-table">
      <thead>
        <tr>
          <th>Document</th>
          <th>Id</th>
          <th className="num">Annotators</th>
          <th className="num">Mean span F1 exact</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id} onClick={() => (window.location.hash = reviewHref(d.externalId))}>
            <td className="title-cell">
              <a href={reviewHref(d.externalId)}>{d.title}</a>
            </td>
            <td className="mono muted">{d.externalId}</td>
            <td className="num">{d.annotators}</td>
            <td className="num">
              <Figure name="score" value={d.score} reasons={{}} />
            </td>
            <td>
              <a className="btn btn-small" href={reviewHref(d.externalId)}>
                Review →
              </a>
            </td>
          </tr>
        ))}
        {!documents.length && (
          <tr>
            <td colSpan={5} className="empty">
              No document has two layers yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}
