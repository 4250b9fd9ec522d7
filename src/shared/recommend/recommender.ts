/**
 * The one small interface every recommender sits behind (string matcher,
 * patterns, the English model, model servers): train on span changes, suggest
 * spans for a document, and be scored against an annotator's own documents.
 * Offsets are UTF-16, end exclusive, like everything inside the program.
 */

/** A proposed span. `score` is in [0, 1]: how sure the recommender is. */
export interface Suggestion {
  start: number
  end: number
  label: string
  score: number
  /** The recommender's name (`string-matcher`, `patterns:file.jsonl`, `english`, …). */
  recommender: string
}

/** A labelled span of a document: gold data for evaluation, or existing spans to suggest around. */
export interface LabelledSpan {
  start: number
  end: number
  label: string
}

/**
 * One change of a layer, as the undo history records it: a span was created or
 * deleted (an update is a delete of the old and a create of the new). Only the
 * span's surface text and label matter to a learner.
 */
export interface SpanChange {
  kind: 'create' | 'delete'
  text: string
  label: string
}

export interface RecommenderDocument {
  id: number | string
  text: string
  /** Only suggestions overlapping [from, to) are wanted (the part on screen); a recommender may still give more. */
  range?: { from: number; to: number }
  /** Where the layer already has spans: no suggestion overlapping one is offered. */
  spans?: readonly { start: number; end: number }[]
}

/** A document with its gold spans, for evaluation. */
export interface GoldDocument {
  id: number | string
  text: string
  spans: readonly LabelledSpan[]
}

/** One cross-validation fold: learn from `train`, be scored on `test`. */
export interface Fold {
  train: readonly GoldDocument[]
  test: readonly GoldDocument[]
}

export interface Scores {
  precision: number
  recall: number
  f1: number
  /** Exact matches (start, end and label). */
  tp: number
  fp: number
  fn: number
}

export interface Evaluation {
  recommender: string
  documents: number
  folds: number
  overall: Scores
  perLabel: Record<string, Scores>
}

export interface Recommender {
  readonly name: string
  /** Whether `train` does anything (decides cross-validation versus a plain score). */
  readonly learns: boolean
  train(changes: Iterable<SpanChange>): void
  suggest(document: RecommenderDocument): Suggestion[]
  evaluate(folds: readonly Fold[]): Evaluation
}

/** Spans given as creates: how a learner is trained on existing documents. */
export function* createsOf(docs: Iterable<GoldDocument>): Iterable<SpanChange> {
  for (const d of docs) for (const s of d.spans) yield { kind: 'create', text: d.text.slice(s.start, s.end), label: s.label }
}

/**
 * A recommender that answers later (a model server, a model package): the same
 * shape, with `suggest` returning a promise that `signal` can cancel. Such
 * recommenders do not learn from Spanwright's changes.
 */
export interface AsyncRecommender {
  readonly name: string
  readonly learns: false
  /** The model's version as its server reports it, once known. */
  readonly version: string | null
  suggest(document: RecommenderDocument, signal?: AbortSignal): Promise<Suggestion[]>
  evaluate(folds: readonly Fold[], signal?: AbortSignal): Promise<Evaluation>
}
