import { useCallback, useEffect, useState } from 'react'
import type { LabelType } from '../../../shared/domain/model'
import type { Evaluation } from '../../../shared/recommend/recommender'
import type { EvaluationReport } from '../../../shared/recommend/report'
import type { RecommenderSettings } from '../../../shared/recommend/settings'
import { ApiCallError, call, newRequestId } from '../../api/client'
import { configOf, draftProblems, KINDS, recommenderName, withConfig } from './recommenderDraft'
import { RecommenderCard } from './RecommenderCard'
import type { CardStatus } from './RecommenderCard'
import './recommenders.css'

interface Check {
  /** What was checked, for the line above the cards. */
  summary: string
  status: Record<string, CardStatus>
}

/**
 * The Recommenders screen (#/recommenders, loaded on demand): each kind of
 * recommender switched on or off for the workspace with its settings, the F1
 * threshold, "Try" (the enabled ones on the first document: a server that is
 * down, slow or answers garbage is named in plain words) and "Evaluate" (scores
 * against the annotator's done documents, kept for the threshold).
 */
export default function RecommendersView(props: { annotator: string; labels: LabelType[] }) {
  const [saved, setSaved] = useState<RecommenderSettings | null>(null)
  const [draft, setDraft] = useState<RecommenderSettings | null>(null)
  const [scores, setScores] = useState<Record<string, Evaluation>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'try' | 'evaluate' | null>(null)
  const [check, setCheck] = useState<Check | null>(null)
  const [report, setReport] = useState<EvaluationReport | null>(null)
  /** The run of Try or Evaluate going on now: its id stops it (a model server's request is let go at once). */
  const [runId, setRunId] = useState<string | null>(null)

  useEffect(() => {
    call('recommend.settings.get', {}).then(
      (r) => {
        setSaved(r.settings)
        setDraft(r.settings)
        setScores(r.scores)
      },
      (e: Error) => setError(e.message),
    )
  }, [])

  const dirty = !!draft && JSON.stringify(draft) !== JSON.stringify(saved)
  const problems = draft ? draftProblems(draft) : []

  /** Saves the draft when it changed; false (with the reason shown) when it could not be. */
  const save = useCallback(async (): Promise<boolean> => {
    if (!draft || !dirty) return true
    if (draftProblems(draft).length) return false
    try {
      const s = await call('recommend.settings.set', draft)
      setSaved(s)
      setDraft(s)
      setError(null)
      return true
    } catch (e) {
      setError(`The settings were not saved: ${(e as Error).message}`)
      return false
    }
  }, [draft, dirty])

  const run = async (what: 'save' | 'try' | 'evaluate') => {
    setBusy(what)
    const id = newRequestId()
    try {
      if (!(await save()) || what === 'save') return
      setRunId(id)
      if (what === 'try') setCheck(await tryFirstDocument(props.annotator, draft!, id))
      else {
        const r = await call('recommend.evaluate', { annotator: props.annotator, runId: id })
        setReport(r)
        setScores((s) => ({ ...s, ...Object.fromEntries(r.evaluations.map((e) => [e.recommender, e])) }))
        const status: Record<string, CardStatus> = {}
        for (const p of r.problems) status[p.recommender] = { problem: p.message }
        setCheck({ summary: `Evaluated against ${r.documents} done ${r.documents === 1 ? 'document' : 'documents'} of ${r.annotator}.`, status })
      }
    } catch (e) {
      // A cancel is what the user asked for: said plainly, not as an error.
      if (e instanceof ApiCallError && e.error.code === 'cancelled') setCheck({ summary: `${capitalized(e.message)}.`, status: {} })
      else setError((e as Error).message)
    } finally {
      setRunId(null)
      setBusy(null)
    }
  }

  // Leaving the screen stops a run nobody waits for.
  useEffect(() => () => void (runId && call('recommend.cancel', { runId }).catch(() => undefined)), [runId])

  if (!draft) return <div className={error ? 'panel-error' : 'app-loading'}>{error ?? 'Loading the recommenders…'}</div>
  return (
    <section className="rc-screen" data-testid="recommenders-screen">
      <header className="rc-head">
        <div>
          <h1>Recommenders</h1>
          <p className="muted">Suggestions in the document view come from the recommenders switched on here, for everyone in this workspace. A suggestion is only ever a proposal: Enter accepts it, x rejects it for good.</p>
        </div>
        <div className="rc-actions">
          <button type="button" className="btn" disabled={!!busy || !dirty} onClick={() => setDraft(saved)}>
            Discard
          </button>
          <button type="button" className="btn btn-primary" disabled={!!busy || !dirty || problems.length > 0} onClick={() => void run('save')} data-testid="save-recommenders">
            {busy === 'save' ? 'Saving…' : dirty ? 'Save' : 'Saved'}
          </button>
        </div>
      </header>

      <div className="rc-toolbar">
        <label className="rc-threshold">
          <span>Skip a recommender whose F1 is below</span>
          <input type="number" min={0} max={1} step={0.05} value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })} aria-label="F1 threshold" />
          <span className="muted">(0: always ask)</span>
        </label>
        <span className="rc-toolbar-gap" />
        <button type="button" className="btn" disabled={!!busy || problems.length > 0} onClick={() => void run('try')} title="Ask the switched-on recommenders for suggestions on the first document">
          {busy === 'try' ? 'Trying…' : 'Try on a document'}
        </button>
        <button type="button" className="btn btn-primary" disabled={!!busy || problems.length > 0} onClick={() => void run('evaluate')} data-testid="evaluate-recommenders">
          {busy === 'evaluate' ? 'Evaluating…' : 'Evaluate'}
        </button>
        {runId && (
          <button type="button" className="btn" onClick={() => void call('recommend.cancel', { runId }).catch(() => undefined)} data-testid="cancel-recommenders-run">
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="rc-error" role="alert">
          {error}
        </p>
      )}
      {problems.some((p) => p.kind === '') && <p className="rc-error">{problems.find((p) => p.kind === '')!.message}</p>}
      {check && (
        <p className="rc-summary muted" data-testid="recommenders-summary">
          {check.summary}
          {report?.notes.length ? ` ${report.notes.join('; ')}.` : ''}
        </p>
      )}

      <div className="rc-cards">
        {KINDS.map((info) => {
          const config = configOf(draft, info.kind)
          const name = recommenderName(config)
          return (
            <RecommenderCard
              key={info.kind}
              info={info}
              config={config}
              labels={props.labels}
              evaluation={scores[name]}
              status={check?.status[name] ?? {}}
              invalid={problems.filter((p) => p.kind === info.kind).map((p) => p.message)}
              onChange={(patch) => setDraft((d) => d && withConfig(d, info.kind, patch))}
            />
          )
        })}
      </div>
    </section>
  )
}

/** Asks the saved, switched-on recommenders for the first document's suggestions: per recommender, a count or the problem. */
async function tryFirstDocument(annotator: string, settings: RecommenderSettings, runId: string): Promise<Check> {
  const [doc] = await call('documents.list', { annotator, limit: 1 })
  if (!doc) return { summary: 'The workspace has no documents to try the recommenders on.', status: {} }
  const r = await call('recommend.suggestions', { documentId: doc.id, annotator, runId })
  const status: Record<string, CardStatus> = {}
  for (const c of settings.recommenders.filter((x) => x.enabled)) status[recommenderName(c)] = { tried: 0 }
  for (const s of r.suggestions) status[s.recommender] = { tried: (status[s.recommender]?.tried ?? 0) + 1 }
  for (const p of r.problems) status[p.recommender] = { problem: p.message }
  for (const n of r.belowThreshold) status[n] = { belowThreshold: true }
  return { summary: `Tried on “${doc.title || doc.externalId}”: ${r.suggestions.length} ${r.suggestions.length === 1 ? 'suggestion' : 'suggestions'}.`, status }
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
