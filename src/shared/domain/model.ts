import { z } from 'zod'

/**
 * The data model as it crosses the API boundary: plain JSON values only, so the
 * IPC and HTTP transports behave the same. Offsets are UTF-16, end exclusive.
 */

export const LabelKind = z.enum(['entity', 'relation'])
export type LabelKind = z.infer<typeof LabelKind>

export const DocStatus = z.enum(['todo', 'in_progress', 'done'])
export type DocStatus = z.infer<typeof DocStatus>

/** A label name as used in schemas and files: no whitespace, as brat and CoNLL need; no `:`, which brat reads as `TYPE:ID`. */
export const LabelName = z
  .string()
  .min(1, 'a label name cannot be empty')
  .max(64, 'a label name is at most 64 characters')
  .regex(/^[^\s]+$/u, 'a label name cannot contain whitespace')
  // JavaScript's \s lacks NEL and U+001C..U+001F, which Python's str.split() and str.splitlines() break at: a CoNLL tag
  // B-P\u0085R read as two columns, a brat T line as two lines.
  .regex(/^\P{Cc}+$/u, 'a label name cannot contain control characters (CoNLL, Hugging Face and brat readers split at some)')
  .regex(/^[^:]+$/u, 'a label name cannot contain ":" (brat reads TYPE:ID)')

/** An attribute name or value as brat writes it (`A1 NAME ID VALUE`): one word, no `:`. */
const AttributeWord = z
  .string()
  .min(1, 'an attribute name or value cannot be empty')
  .max(64, 'an attribute name or value is at most 64 characters')
  .regex(/^[^\s:]+$/u, 'an attribute name or value cannot contain whitespace or ":" (brat writes NAME ID VALUE)')

/**
 * An annotator name: no whitespace, slashes or control characters (names are printed by the CLI, where an ESC
 * would be a terminal command, and become folder names in exports). The API and every import reader use it.
 */
export const ANNOTATOR_NAME_CHARACTERS = /^[^\s/\\\p{Cc}]+$/u

/**
 * What a document id may not hold: the control characters an annotator name may not (C0, DEL and C1, NEL among them:
 * the same `\p{Cc}`), and the line and paragraph separators U+2028 and U+2029, which an annotator name refuses as
 * whitespace. A terminal acts on an ESC the CLI prints, and a line-based reader (Python's str.splitlines(), a CoNLL
 * or TSV reader) breaks at a CR, NEL or U+2028. Spaces and format characters (a zero-width joiner, a bidi mark) stay:
 * ids are file names and other tools' ids, and the folder exports keep such characters out of file names (fileNames.ts).
 */
const DOCUMENT_ID_REFUSED = /[\p{Cc}\u2028\u2029]/u

/** Why `id` cannot be a document id (naming the first character refused as U+XXXX), or null. Every import checks it. */
export function documentIdProblem(id: string): string | null {
  const bad = DOCUMENT_ID_REFUSED.exec(id)
  if (!bad) return null
  const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  // JSON.stringify escapes C0 (\n, \u001b) but leaves DEL, C1 and U+2028 raw: those are escaped too.
  const shown = JSON.stringify(id).replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return `document id ${shown} holds ${code}: a document id cannot contain control characters or line breaks (a terminal or a line-based reader would act on them); give the document another id`
}

export const AnnotatorName = z
  .string()
  .trim()
  .min(1, 'an annotator name cannot be empty')
  .max(80, 'an annotator name is at most 80 characters')
  .regex(ANNOTATOR_NAME_CHARACTERS, 'an annotator name cannot contain whitespace, slashes or control characters')

export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')

/**
 * The one attribute name refused: as an object key `__proto__` is the prototype, not a key, so the span attributes
 * that would carry it are refused by the API (shared/api/validate.ts) and dropped by any `obj[name] = value`; a schema
 * attribute of that name could never be set. Said when the attribute is defined (API, schema files) or imported.
 */
export const UNUSABLE_ATTRIBUTE_NAME = '__proto__'
export const UNUSABLE_ATTRIBUTE_REASON = `an attribute cannot be named "${UNUSABLE_ATTRIBUTE_NAME}" (as an object key it is the prototype, so its values could never be stored)`

const AttributeName = AttributeWord.refine((n) => n !== UNUSABLE_ATTRIBUTE_NAME, UNUSABLE_ATTRIBUTE_REASON)

export const AttributeDef = z.discriminatedUnion('type', [
  z.object({ name: AttributeName, type: z.literal('boolean') }),
  z.object({ name: AttributeName, type: z.literal('enum'), values: z.array(AttributeWord).min(1).max(50) }),
])
export type AttributeDef = z.infer<typeof AttributeDef>

export interface LabelType {
  id: number
  kind: LabelKind
  name: string
  color: string
  hotkey: string | null
  description: string
  /** Relation labels only: allowed entity label names for head and tail; empty = any. */
  headTypes: string[]
  tailTypes: string[]
  attributes: AttributeDef[]
}

export interface DocumentSummary {
  id: number
  externalId: string
  title: string
  length: number
  spanCount: number
  relationCount: number
  status: DocStatus
}

export interface DocumentRecord {
  id: number
  externalId: string
  title: string
  text: string
  textHash: string
  meta: Record<string, unknown>
}

/**
 * What a span stands for: a plain entity mention, or an event's trigger (brat E
 * lines: the event is its trigger span plus role relations from it).
 */
export const SpanKind = z.enum(['entity', 'trigger'])
export type SpanKind = z.infer<typeof SpanKind>

/**
 * What a relation stands for: a binary relation (brat R), an event role from a
 * trigger to its argument (brat E), or a link in an equivalence set (brat `*`).
 */
export const RelationKind = z.enum(['binary', 'role', 'equiv'])
export type RelationKind = z.infer<typeof RelationKind>

export type AttributeValue = string | number | boolean
export const AttributeValueSchema = z.union([z.string().max(1000), z.number().finite(), z.boolean()])
export const Attributes = z.record(z.string().min(1).max(64), AttributeValueSchema)

export interface Span {
  id: number
  documentId: number
  annotator: string
  label: string
  start: number
  end: number
  /** Discontinuous spans (brat `0 5;16 23`): the fragments, UTF-16; null when contiguous. */
  fragments: [number, number][] | null
  kind: SpanKind
  attributes: Record<string, AttributeValue>
  note: string
  /** Normalization id, `resource:id` (brat N `Wikipedia:534366`). */
  norm: string | null
  /** The normalized entry's name as the resource gives it (brat N text, `Barack Obama`). */
  normText: string | null
  /** Where an item came from (import id, or for gold its source annotator). */
  sourceId: string | null
  createdAt: string
  /** Gold items only: whose item it was and who accepted it (absent elsewhere). */
  provenance?: Provenance
  /** An accepted suggestion: the recommender that proposed it, its score and model version (absent for a span made by hand). */
  suggestedBy?: SuggestionSource
  /**
   * An event (kind 'trigger') that is not its trigger's own span: the span it
   * names as trigger (brat: several E lines on one T, or an E whose type
   * differs from its T's). Absent or null: the span is its own trigger.
   */
  triggerId?: number | null
}

/** Which recommender proposed an accepted span, how sure it was, and which model version. */
export interface SuggestionSource {
  recommender: string
  score: number
  version: string | null
}

/** Where a gold item came from: the source layer's item, who accepted it into gold, and when. */
export interface Provenance {
  annotator: string
  /** The source item's id (its row id in this workspace, or as exported). */
  itemId: string
  acceptedBy: string
  acceptedAt: string
  /** Accepted with a changed label or boundary. */
  edited: boolean
}

export interface Relation {
  id: number
  documentId: number
  annotator: string
  label: string
  headId: number
  tailId: number
  kind: RelationKind
  attributes: Record<string, AttributeValue>
  note: string
  sourceId: string | null
  createdAt: string
  provenance?: Provenance
}

/** The adjudicated layer is the annotator of kind 'gold' with this name. */
export const GOLD_ANNOTATOR = 'gold'

export interface Annotator {
  id: number
  name: string
  kind: 'human' | 'gold'
}
