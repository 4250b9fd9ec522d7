import { useEffect, useMemo, useState } from 'react'
import type { AgreementReport } from '../../../shared/agreement/report'
import type { Annotator, LabelType } from '../../../shared/domain/model'
import { call, newRequestId } from '../../api/client'
import { AgreementFigure as Figure, pairName } from './AgreementFigure'
import { LowestAgreementTable, PerLabelTable } from './AgreementTables'
import { ChangedReviews } from './ChangedReviews'
import { ConfusionHeatmap } from './ConfusionHeatmap'
import './review.css'

/**
 * The agreement dashboard: the figures `spanwright agreement` prints (span F1
 * exact and overlap, relation F1, Cohen's kappa per pair; Fleiss' kappa and
 * Krippendorff's alpha overall), per label, a confusion heat-map, and the
 * documents with the lowest agreement, each linking into its review.
 */
export function AgreementView(props: { labels: LabelType[] }) {
  const [annotators, setAnnotators] = useState<Annotator[]>([])
  const [layered, setLayered] = useState<string[] | null>(null)
  const [chosenAnnotators, setChosenAnnotators] = useState<string[]>([])
  const [chosenLabels, setChosenLabels] = useState<string[]>([])
  const [report, setReport] = useState<AgreementReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pairIndex, setPairIndex] = useState(-1)
  /** A run still computing after a moment (its id cancels it; a quick one never shows Cancel), or null. */
  const [running, setRunning] = useState<string | null>(null)
  const entityLabels = useMemo(() => props.labels.filter((l) => l.kind === 'entity'), [props.labels])

  useEffect(() => {
    call('annotators.list', {})
      .then((list) => setAnnotators(list.filter((a) => a.kind === 'human')))
      .catch((e: Error) => setError(e.message))
  }, [])

  useEffect(() => {
    let live = true
    const runId = newRequestId()
    setError(null)
    const slow = setTimeout(() => live && setRunning(runId), 400)
    call('review.agreement', {
      runId,
      ...(chosenAnnotators.length ? { annotators: chosenAnnotators } : {}),
      ...(chosenLabels.length ? { labels: chosenLabels } : {}),
    })
      .then((r) => {
        if (!live) return
        setReport(r)
        // Unfiltered, the report names every annotator with a layer: the ones worth a chip (not a reviewer who has none).
        if (!chosenAnnotators.length) setLayered(r.annotators)
        setPairIndex((i) => (i >= r.pairs.length ? -1 : i))
      })
      .catch((e: Error) => live && setError(e.message))
      .finally(() => {
        clearTimeout(slow)
        if (live) setRunning(null)
      })
    // A run nobody waits for any more (other filters, another screen) is stopped, not left computing.
    return () => {
      live = false
      clearTimeout(slow)
      setRunning(null)
      void call('review.cancelAgreement', { runId }).catch(() => undefined)
    }
  }, [chosenAnnotators, chosenLabels])

  const toggle = (list: string[], set: (l: string[]) => void, name: string) => set(list.includes(name) ? list.filter((x) => x !== name) : [...list, name])
  const pair = report && pairIndex >= 0 ? report.pairs[pairIndex] : undefined
  const labelRows = useMemo(() => {
    if (!report) return []
    const names = new Set<string>()
    for (const p of report.pairs) for (const l of Object.keys(p.perLabel)) names.add(l)
    return [...names].sort()
  }, [report])
  const colors = useMemo(() => Object.fromEntries(props.labels.map((l) => [l.name, l.color])), [props.labels])

  return (
    <section className="dashboard" data-testid="agreement-dashboard">
      <div className="library-head">
        <div>
          <h1>Agreement</h1>
          <p className="muted" data-testid="agreement-scope">
            {report
              ? `${report.documents} document${report.documents === 1 ? '' : 's'} · ${report.tokens.toLocaleString()} tokens · ${report.annotators.join(', ') || 'no annotators'}`
              : 'Computing…'}
          </p>
          {running && (
            <button className="btn" onClick={() => void call('review.cancelAgreement', { runId: running }).catch(() => undefined)} data-testid="agreement-cancel">
              Cancel
            </button>
          )}
        </div>
      </div>
      <div className="filters">
        <div className="filter-row">
          <span className="filter-name">Annotators</span>
          {annotators.filter((a) => !layered || layered.includes(a.name) || chosenAnnotators.includes(a.name)).map((a) => (
            <button key={a.id} className={`chip${chosenAnnotators.includes(a.name) ? ' chip-on' : ''}`} onClick={() => toggle(chosenAnnotators, setChosenAnnotators, a.name)}>
              {a.name}
            </button>
          ))}
          <span className="muted filter-hint">{chosenAnnotators.length ? '' : 'all'}</span>
        </div>
        <div className="filter-row">
          <span className="filter-name">Labels</span>
          {entityLabels.map((l) => (
            <button
              key={l.id}
              className={`chip chip-label-filter${chosenLabels.includes(l.name) ? ' chip-on' : ''}`}
              style={{ ['--c' as string]: l.color }}
              onClick={() => toggle(chosenLabels, setChosenLabels, l.name)}
            >
              <span className="swatch" />
              {l.name}
            </button>
          ))}
          <span className="muted filter-hint">{chosenLabels.length ? '' : 'all'}</span>
        </div>
      </div>
      <ChangedReviews />
      {error && <div className="panel-error">{error}</div>}
      {report && (
        <>
          <div className="cards">
            <div className="card">
              <div className="card-name">
                Fleiss' <span className="greek">κ</span>
              </div>
              <Figure name="fleissKappa" value={report.overall.fleissKappa} reasons={report.overall.reasons} testId="fleiss" />
              <div className="card-sub">{report.overall.fleissKappa === null ? report.overall.reasons.fleissKappa : `${report.overall.fleissTokens.toLocaleString()} tokens, all annotators`}</div>
            </div>
            <div className="card">
              <div className="card-name">
                Krippendorff's <span className="greek">α</span> (nominal)
              </div>
              <Figure name="krippendorffAlpha" value={report.overall.krippendorffAlpha} reasons={report.overall.reasons} testId="krippendorff" />
              <div className="card-sub">
                {report.overall.krippendorffAlpha === null ? report.overall.reasons.krippendorffAlpha : `${report.overall.krippendorffTokens.toLocaleString()} tokens, missing values allowed`}
              </div>
            </div>
            <div className="card">
              <div className="card-name">Pairs</div>
              <span className="figure">{report.pairs.length}</span>
              <div className="card-sub">{report.annotators.length} annotators</div>
            </div>
          </div>

          <h2>Pairwise</h2>
          <table className="doc-table fig-table" data-testid="pairs-table">
            <thead>
              <tr>
                <th>Pair</th>
                <th className="num">Documents</th>
                <th className="num">Span F1 exact</th>
                <th className="num">Span F1 overlap</th>
                <th className="num">Relation F1</th>
                <th className="num">
                  Cohen's <span className="greek">κ</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.pairs.map((p, i) => (
                <tr key={pairName(p)} className={i === pairIndex ? 'selected' : ''} onClick={() => setPairIndex(i === pairIndex ? -1 : i)} data-testid="pair-row" data-pair={`${p.a},${p.b}`}>
                  <td>
                    <strong>{p.a}</strong> × <strong>{p.b}</strong>
                  </td>
                  <td className="num">{p.documents}</td>
                  {(['spanF1Exact', 'spanF1Overlap', 'relationF1', 'cohenKappa'] as const).map((k) => (
                    <td key={k} className="num">
                      <Figure name={k} value={p[k]} reasons={p.reasons} testId={`pair-${k}`} />
                      {p[k] === null && <div className="reason">{p.reasons[k]}</div>}
                    </td>
                  ))}
                </tr>
              ))}
              {!report.pairs.length && (
                <tr>
                  <td colSpan={6} className="empty">
                    Agreement needs at least two annotators with layers on the same documents.
                  </td>
                </tr>
              )}
            </tbody>
          </table>

          {/* Past two pairs the per-label table needs the full width; the confusion matrix goes below it. */}
          <div className={`dash-grid${report.pairs.length > 2 ? ' dash-grid--stacked' : ''}`}>
            <div>
              <h2>Per label (span F1 exact / overlap)</h2>
              <PerLabelTable report={report} labelRows={labelRows} colors={colors} />
            </div>
            <div>
              <h2>
                Confusion {pair ? `(${pairName(pair)}: rows ${pair.a}, columns ${pair.b})` : '(all pairs, tokens)'}
              </h2>
              <ConfusionHeatmap matrix={pair ? pair.confusion : report.overall.confusion} colors={colors} />
              <p className="muted small">Click a pair above to see its own matrix. Counts are tokens (BIO prefixes dropped).</p>
            </div>
          </div>

          <h2>Lowest agreement</h2>
          <LowestAgreementTable documents={report.lowestDocuments} />
          {report.notes.length > 0 && (
            <ul className="notes muted">
              {report.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
