import type { ConfusionMatrix } from './labelConfusion'

/**
 * The agreement report as it crosses the API and the CLI's --json: plain JSON.
 * Every figure is a number or `null`; a null figure has its reason under the
 * same name in the sibling `reasons` object.
 */
export type FigureValue = number | null
export type Reasons = Record<string, string>

export interface LabelAgreement {
  spanF1Exact: FigureValue
  spanF1Overlap: FigureValue
  /** Spans of this label on each side (documents both annotators opened). */
  spansA: number
  spansB: number
  reasons: Reasons
}

export interface PairAgreement {
  a: string
  b: string
  spanF1Exact: FigureValue
  spanF1Overlap: FigureValue
  relationF1: FigureValue
  cohenKappa: FigureValue
  perLabel: Record<string, LabelAgreement>
  reasons: Reasons
  /** Documents both annotators opened, and the tokens in them. */
  documents: number
  tokens: number
  /** Token-level label confusion (BIO prefixes dropped): rows are `a`, columns `b`. */
  confusion: ConfusionMatrix
}

export interface DocumentAgreement {
  id: number
  externalId: string
  title: string
  /** Mean pairwise exact span F1 over the pairs who both opened the document. */
  score: number
  annotators: number
}

export interface AgreementReport {
  annotators: string[]
  /** Documents at least two of the annotators opened (the ones compared). */
  documents: number
  /** Tokens in those documents (the CoNLL export's tokenizer). */
  tokens: number
  /** The entity labels compared, when filtered; null = all. */
  labels: string[] | null
  pairs: PairAgreement[]
  overall: {
    fleissKappa: FigureValue
    krippendorffAlpha: FigureValue
    reasons: Reasons
    /** Tokens Fleiss' kappa used: those of documents every annotator opened. */
    fleissTokens: number
    /** Tokens Krippendorff's alpha used: those with values from two or more annotators. */
    krippendorffTokens: number
    /** Token-level label confusion summed over every ordered pair (symmetric). */
    confusion: ConfusionMatrix
  }
  /** The documents with the lowest agreement, lowest first (at most 20). */
  lowestDocuments: DocumentAgreement[]
  /** Things the figures left out, said plainly (e.g. nested spans BIO cannot tag). */
  notes: string[]
}
