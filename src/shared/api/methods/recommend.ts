import { z } from 'zod'
import { AnnotatorName, LabelName } from '../../domain/model'
import type { Span } from '../../domain/model'
import type { Evaluation } from '../../recommend/recommender'
import type { EvaluationReport, SuggestReport } from '../../recommend/report'
import { RecommenderSettings } from '../../recommend/settings'
import { def, Offset, returns, RowId } from '../define'
import { RunId } from './review'

const Layer = { documentId: RowId, annotator: AnnotatorName }

/** A suggestion as it is accepted: where, which label, and who proposed it how surely. */
export const AcceptedSuggestion = z
  .strictObject({
    start: Offset,
    end: Offset,
    label: LabelName,
    recommender: z.string().min(1).max(500),
    score: z.number().min(0).max(1),
    version: z.string().max(200).nullable(),
  })
  .refine((s) => s.start < s.end, { message: 'start must be before end', path: ['end'] })

/** What a cancel found: whether a run with that id was running, and how far it had got (documents done of total). */
export interface RecommendCancel {
  cancelled: boolean
  done: number
  total: number | null
}

export const recommendMethods = {
  /**
   * Suggestions for one document of an annotator, from the workspace's enabled recommenders (rejected ones left out); `range`: only those on screen.
   * Given a `runId`, `recommend.cancel` stops it (a model server's request is aborted); it then answers `cancelled`.
   */
  'recommend.suggestions': def(
    z.strictObject({ ...Layer, range: z.strictObject({ from: Offset, to: Offset }).optional(), runId: RunId.optional() }),
    returns<SuggestReport>(),
  ),
  /** Accepts one suggestion, or all of a document's at once: one undoable change either way. */
  'recommend.accept': def(z.strictObject({ ...Layer, suggestions: z.array(AcceptedSuggestion).min(1).max(5000) }), returns<Span[]>()),
  /** Rejects a suggestion: it is not offered again to this annotator in this document. */
  'recommend.reject': def(
    z.strictObject({ ...Layer, start: Offset, end: Offset, label: LabelName, recommender: z.string().min(1).max(500) }),
    returns<{ rejected: true }>(),
  ),
  'recommend.settings.get': def(z.strictObject({}), returns<{ settings: RecommenderSettings; scores: Record<string, Evaluation> }>()),
  'recommend.settings.set': def(RecommenderSettings, returns<RecommenderSettings>()),
  /** Scores the enabled recommenders against the annotator's done documents (cross-validation for learners) and saves the scores. */
  /** Given a `runId`, `recommend.cancel` stops it between documents: it answers `cancelled` and the saved scores stay as they were. */
  'recommend.evaluate': def(z.strictObject({ annotator: AnnotatorName, runId: RunId.optional() }), returns<EvaluationReport>()),
  /** Stops a running `recommend.suggestions` or `recommend.evaluate` given this run id; a run that is not (or no longer) running is `cancelled: false`. */
  'recommend.cancel': def(z.strictObject({ runId: RunId }), returns<RecommendCancel>()),
  /** Keeps an uploaded or pasted pattern file beside the workspace (checked line by line first); its path goes into the patterns recommender's settings. */
  'recommend.patterns.save': def(z.strictObject({ name: z.string().min(1).max(500), text: z.string().max(20_000_000) }), returns<{ file: string; patterns: number }>()),
}
