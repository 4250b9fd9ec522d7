import { AppError } from '../../../shared/api/errors'
import { documentFolds, evaluateAsync } from '../../../shared/recommend/evaluation'
import type { Evaluation, Fold, GoldDocument } from '../../../shared/recommend/recommender'
import { StringMatcher } from '../../../shared/recommend/stringMatcher'
import { recommenderName } from '../../../shared/recommend/settings'
import type { RecommenderConfig } from '../../../shared/recommend/settings'
import type { Store } from '../../store/store'
import { buildRecommender } from './buildRecommenders'
import { nextTurn } from './recommendRuns'
import { chosenRecommenders } from './recommendService'
import type { EvaluationReport, RecommenderProblem } from '../../../shared/recommend/report'

export type { EvaluationReport }

/** The annotator's done documents, with their spans, as gold. */
export function goldDocuments(store: Store, annotatorName: string): GoldDocument[] {
  const annotator = store.annotators.byName(annotatorName)
  if (!annotator) throw new AppError('not_found', `no annotator named ${JSON.stringify(annotatorName)} in this workspace`)
  const rs = store.recommend
  return rs.doneDocuments(annotator.id).map((id) => ({
    id,
    text: store.documents.byId(id)!.text,
    spans: store.spans.layer(id, annotator.id).map((s) => ({ start: s.start, end: s.end, label: s.label })),
  }))
}

/**
 * Scores each recommender against the annotator's own done documents, as
 * INCEpTION does: a learning one by document-level k-fold cross-validation
 * (trained on the other folds only), the others on every document. Exact match
 * (start, end, label); precision, recall and F1 per label and overall. Scores
 * are saved for the threshold and the Recommenders screen unless `save` is false
 * (a read-only workspace). Each document is scored on its own turn of the event
 * loop: `signal` (a cancel) stops the run there, or aborts a model server's
 * request; a cancelled run saves nothing (the scores saved before stay).
 */
export async function evaluate(
  store: Store,
  req: { annotator: string; recommenders?: RecommenderConfig[]; k?: number; save?: boolean; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<EvaluationReport> {
  const docs = goldDocuments(store, req.annotator)
  const { configs } = chosenRecommenders(store, req.recommenders)
  const cv = documentFolds(docs, req.k ?? 5)
  const all: Fold[] = docs.length ? [{ train: [], test: docs }] : []
  const evaluations: Evaluation[] = []
  const problems: RecommenderProblem[] = []
  const notes: string[] = []
  if (!docs.length) notes.push(`${req.annotator} has no documents marked done: nothing to score against`)
  // Steps: each recommender scores each done document once.
  const total = docs.length * configs.length
  let done = 0
  req.onProgress?.(0, total)
  const stopIfAsked = () => {
    if (req.signal?.aborted) throw cancelledEvaluation(done, total)
  }
  for (const [i, c] of configs.entries()) {
    stopIfAsked()
    const name = recommenderName(c)
    try {
      if (c.kind === 'string-matcher') {
        if (!cv.length) {
          if (docs.length) notes.push(`${name}: cross-validation needs at least 2 done documents`)
          continue
        }
        evaluations.push(new StringMatcher().evaluate(cv))
        continue
      }
      if (!all.length) continue
      const r = await buildRecommender(store, c, req.annotator)
      const scored = async (d: Fold['test'][number], signal?: AbortSignal) => {
        stopIfAsked()
        const got = await r.suggest(d, signal)
        req.onProgress?.(++done, total)
        await nextTurn()
        return got
      }
      evaluations.push(await evaluateAsync({ name: r.name, suggest: scored }, all, req.signal))
    } catch (e) {
      if (req.signal?.aborted) throw cancelledEvaluation(done, total)
      problems.push({ recommender: name, message: e instanceof Error ? e.message : String(e) })
    } finally {
      done = (i + 1) * docs.length
      req.onProgress?.(done, total)
    }
  }
  if (req.save !== false && evaluations.length) {
    const rs = store.recommend
    store.transaction(() => rs.setScores({ ...rs.scores(), ...Object.fromEntries(evaluations.map((e) => [e.recommender, e])) }))
  }
  return { annotator: req.annotator, documents: docs.length, evaluations, problems, notes }
}

function cancelledEvaluation(done: number, total: number): AppError {
  return new AppError('cancelled', `evaluation cancelled after ${done} of ${total} steps (each recommender scores each done document once); the saved scores were not changed`, { done, total })
}
