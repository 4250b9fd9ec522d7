import { AppError } from '../../../shared/api/errors'
import { documentFolds } from '../../../shared/recommend/evaluation'
import type { Evaluation, Fold, GoldDocument } from '../../../shared/recommend/recommender'
import { StringMatcher } from '../../../shared/recommend/stringMatcher'
import { recommenderName } from '../../../shared/recommend/settings'
import type { RecommenderConfig } from '../../../shared/recommend/settings'
import type { Store } from '../../store/store'
import { buildRecommender } from './buildRecommenders'
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
 * (a read-only workspace).
 */
export async function evaluate(store: Store, req: { annotator: string; recommenders?: RecommenderConfig[]; k?: number; save?: boolean; signal?: AbortSignal }): Promise<EvaluationReport> {
  const docs = goldDocuments(store, req.annotator)
  const { configs } = chosenRecommenders(store, req.recommenders)
  const cv = documentFolds(docs, req.k ?? 5)
  const all: Fold[] = docs.length ? [{ train: [], test: docs }] : []
  const evaluations: Evaluation[] = []
  const problems: RecommenderProblem[] = []
  const notes: string[] = []
  if (!docs.length) notes.push(`${req.annotator} has no documents marked done: nothing to score against`)
  for (const c of configs) {
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
      evaluations.push(await r.evaluate(all, req.signal))
    } catch (e) {
      problems.push({ recommender: name, message: e instanceof Error ? e.message : String(e) })
    }
  }
  if (req.save !== false && evaluations.length) {
    const rs = store.recommend
    store.transaction(() => rs.setScores({ ...rs.scores(), ...Object.fromEntries(evaluations.map((e) => [e.recommender, e])) }))
  }
  return { annotator: req.annotator, documents: docs.length, evaluations, problems, notes }
}
