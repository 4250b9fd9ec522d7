import type { Evaluation } from './recommender'

/** A suggestion as the API gives it (offsets UTF-16, end exclusive; the CLI prints code points). */
export interface SuggestionRow {
  documentId: number
  start: number
  end: number
  label: string
  text: string
  recommender: string
  score: number
  version: string | null
}

/** Why suggestions from a model were dropped, counted (shown beside the suggestions, never silently lost). */
export interface Dropped {
  /** The server's offsets matched its own text in neither code points nor UTF-16. */
  badOffsets: number
  /** The text the model named does not occur in the document. */
  notFound: number
  /** A label the schema does not have (after the mapping). */
  unknownLabel: number
  /** An item of the wrong shape. */
  malformed: number
}

export interface RecommenderProblem {
  recommender: string
  message: string
}

export interface SuggestReport {
  suggestions: SuggestionRow[]
  /** Recommenders that could not answer (down, slow, garbage, a bad pattern file), in plain words. */
  problems: RecommenderProblem[]
  /** Per recommender: items dropped and why. */
  dropped: Record<string, Dropped>
  /** Recommenders left out by the workspace's F1 threshold. */
  belowThreshold: string[]
}

export interface EvaluationReport {
  annotator: string
  /** The annotator's done documents: the gold they are scored against. */
  documents: number
  evaluations: Evaluation[]
  problems: RecommenderProblem[]
  notes: string[]
}
