import { createsOf } from './recommender'
import type { Evaluation, Fold, GoldDocument, LabelledSpan, Recommender, Scores } from './recommender'

/** Precision, recall and F1 from counts; 0 where undefined (nothing proposed, nothing to find). */
export function scoresOf(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp ? tp / (tp + fp) : 0
  const recall = tp + fn ? tp / (tp + fn) : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1, tp, fp, fn }
}

/** Exact-match counts (start, end, label) of one document, added per label into `counts`. */
export function countMatches(gold: readonly LabelledSpan[], predicted: readonly LabelledSpan[], counts: Map<string, [number, number, number]>): void {
  const key = (s: LabelledSpan) => `${s.start}:${s.end}:${s.label}`
  const goldByKey = new Map(gold.map((s) => [key(s), s.label]))
  const predByKey = new Map(predicted.map((s) => [key(s), s.label]))
  const bump = (label: string, i: 0 | 1 | 2) => {
    const c = counts.get(label) ?? [0, 0, 0]
    c[i]++
    counts.set(label, c)
  }
  for (const [k, label] of predByKey) bump(label, goldByKey.has(k) ? 0 : 1)
  for (const [k, label] of goldByKey) if (!predByKey.has(k)) bump(label, 2)
}

/** Per-label and overall (micro-averaged) scores from per-label counts. */
export function summarize(recommender: string, documents: number, folds: number, counts: Map<string, [number, number, number]>): Evaluation {
  let tp = 0
  let fp = 0
  let fn = 0
  const sorted = [...counts].sort(([a], [b]) => a.localeCompare(b))
  for (const [, c] of sorted) {
    tp += c[0]
    fp += c[1]
    fn += c[2]
  }
  // From entries: assigning to {} lost a label named __proto__ (it set the prototype instead).
  const perLabel: Record<string, Scores> = Object.fromEntries(sorted.map(([label, c]) => [label, scoresOf(...c)]))
  return { recommender, documents, folds, overall: scoresOf(tp, fp, fn), perLabel }
}

/**
 * Document-level folds for k-fold cross-validation: documents are dealt round
 * robin (in the order given), each lands in exactly one test set, and a fold's
 * training set is every other document. k is capped by the number of documents;
 * fewer than two documents give no folds (nothing to learn from).
 */
export function documentFolds(docs: readonly GoldDocument[], k = 5): Fold[] {
  const n = Math.min(k, docs.length)
  if (n < 2) return []
  const folds: Fold[] = []
  for (let f = 0; f < n; f++) {
    folds.push({ train: docs.filter((_, i) => i % n !== f), test: docs.filter((_, i) => i % n === f) })
  }
  return folds
}

/**
 * Scores a recommender over folds: for each fold a fresh one (from `make`) is
 * trained on the fold's training documents and suggests on its test documents;
 * suggestions are compared with the gold spans by exact match. A recommender
 * that does not learn is simply scored on every test document.
 */
export function evaluateRecommender(make: () => Recommender, folds: readonly Fold[]): Evaluation {
  const counts = new Map<string, [number, number, number]>()
  let name = ''
  let documents = 0
  for (const fold of folds) {
    const r = make()
    name = r.name
    if (r.learns) r.train(createsOf(fold.train))
    for (const doc of fold.test) {
      documents++
      countMatches(doc.spans, r.suggest({ id: doc.id, text: doc.text }), counts)
    }
  }
  return summarize(name || make().name, documents, folds.length, counts)
}

/** The same for a recommender that answers later: each test document is asked in turn. */
export async function evaluateAsync(r: { name: string; suggest(d: GoldDocument, signal?: AbortSignal): Promise<LabelledSpan[]> }, folds: readonly Fold[], signal?: AbortSignal): Promise<Evaluation> {
  const counts = new Map<string, [number, number, number]>()
  let documents = 0
  for (const fold of folds) {
    for (const doc of fold.test) {
      documents++
      countMatches(doc.spans, await r.suggest({ id: doc.id, text: doc.text, spans: [] }, signal), counts)
    }
  }
  return summarize(r.name, documents, folds.length, counts)
}
