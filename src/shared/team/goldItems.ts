import { z } from 'zod'
import type { CellValue } from './changeLog'

/**
 * The gold layer travels item by item, not as one layer: several reviewers
 * write it, and two of them editing different items of one document must not
 * collide. Each gold span and relation carries a uid (random, set when the item
 * is created, the same on every desktop) and a server version; a push of one
 * item is compare-and-set on that item's version only.
 */
export type GoldItemKind = 'span' | 'relation' | 'status' | 'review' | 'rejection'

/** The uid of a document's gold status item (the gold layer's todo / in progress / done, one per document). */
export const GOLD_STATUS_UID = 'status'
/** The uid of a document's review status item (unreviewed / in review / adjudicated; reviewers write it, like gold). */
export const REVIEW_STATUS_UID = 'review'

/** A gold span without its local ids: the label by name, the trigger span by uid, every other column as stored. */
export interface GoldSpanContent {
  label: string
  trigger: string | null
  cells: Record<string, CellValue>
}

/** A gold relation: head and tail by uid. */
export interface GoldRelationContent {
  label: string
  head: string
  tail: string
  cells: Record<string, CellValue>
}

/** A relation as a conflict keeps it aside: with the spans it named then, so taking it back can put a deleted one back too. */
export interface KeptGoldRelation extends GoldRelationContent {
  spans?: Record<string, GoldSpanContent>
}

/** The gold layer's status of the document. */
export interface GoldStatusContent {
  status: string
}

/** The document's review status. Who set it travels beside it (the server's updated_by), not in it: two reviewers setting the same status agree. */
export interface ReviewStatusContent {
  review: string
}

/** A reviewer's rejection of an annotator's item (uid `rej|` + the item's key); null: not rejected. */
export interface RejectionContent {
  rejected: true
}

export type GoldItemContent = GoldSpanContent | GoldRelationContent | GoldStatusContent | ReviewStatusContent | RejectionContent

/** Names a gold item across desktops: the document's external id and the item's uid. */
export interface GoldItemKey {
  documentId: string
  uid: string
}

/** A local edit of one gold item waiting to be pushed; content null: the item was deleted. */
export interface OutgoingGoldItem extends GoldItemKey {
  kind: GoldItemKind
  changeId: string
  baseVersion: number | null
  content: GoldItemContent | null
}

/** A gold item as the server holds it (content null: deleted, kept as a tombstone so the deletion travels). */
export interface ServerGoldItem extends GoldItemKey {
  kind: GoldItemKind
  /** Who wrote this version (the server's role name), when known. */
  by?: string
  version: number
  seq: number
  content: GoldItemContent | null
}

/** Key order does not matter (jsonb on the server reorders keys). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, canonical(x)]),
    )
  return v
}

export function sameGoldContent(a: GoldItemContent | null, b: GoldItemContent | null): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

/**
 * Compare-and-set on one gold item. A write made on the version the server
 * still holds lands as the next version. A write made on an older version is a
 * conflict, unless the server already holds exactly this content (two
 * reviewers made the same change, or a deletion cascaded on both sides): then
 * there is nothing to keep aside, and the desktop takes the server's version.
 */
export type GoldPushDecision = { kind: 'write'; version: number } | { kind: 'same'; version: number } | { kind: 'conflict' }

export function goldPushDecision(
  baseVersion: number | null,
  server: { version: number; content: GoldItemContent | null } | null,
  mine: GoldItemContent | null,
): GoldPushDecision {
  const serverVersion = server?.version ?? null
  if (baseVersion === serverVersion) return { kind: 'write', version: (serverVersion ?? 0) + 1 }
  if (server && sameGoldContent(mine, server.content)) return { kind: 'same', version: server.version }
  return { kind: 'conflict' }
}

const Cell = z.union([z.string(), z.number(), z.null()])
const Cells = z.record(z.string(), Cell)
const Offset = z.number().int().nonnegative()
const Uid = z.string().min(1).max(1000)
const Label = z.string().min(1).max(200)
const SpanContent = z.strictObject({ label: Label, trigger: Uid.nullable(), cells: Cells.and(z.object({ start: Offset, end: Offset })) })
const RelationContent = z.strictObject({ label: Label, head: Uid, tail: Uid, cells: Cells })
const StatusContent = z.strictObject({ status: z.enum(['todo', 'in_progress', 'done']) })
const ReviewContent = z.strictObject({ review: z.enum(['unreviewed', 'in_review', 'adjudicated']) })
const RejectionSchema = z.strictObject({ rejected: z.literal(true) })
const SCHEMAS = { span: SpanContent, relation: RelationContent, status: StatusContent, review: ReviewContent, rejection: RejectionSchema }

/**
 * What is wrong with a gold item pulled from the server, or null. Row-level
 * security lets only reviewers write gold items, but not what is in them: a
 * buggy or hostile client can store anything, and one bad item must not stop a
 * pull. A deletion (null) is always well-formed.
 */
export function goldItemProblem(kind: GoldItemKind, content: unknown, textLength: number): string | null {
  if (content === null) return null
  const schema = SCHEMAS[kind] as z.ZodType | undefined
  if (!schema) return `unknown kind of gold item: ${String(kind)}`
  const parsed = schema.safeParse(content)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return `${issue.path.join('.') || 'content'}: ${issue.message}`
  }
  if (kind === 'span') {
    const { start, end } = (parsed.data as GoldSpanContent).cells as { start: number; end: number }
    if (!(start < end && end <= textLength)) return `${start}-${end} is not a range of the document (${textLength} characters)`
  }
  return null
}

/** "gold span 3f2a… of doc-1", for reports. */
export function goldItemName(k: GoldItemKey & { kind: GoldItemKind }): string {
  if (k.kind === 'status') return `the gold status of ${k.documentId}`
  if (k.kind === 'review') return `the review status of ${k.documentId}`
  if (k.kind === 'rejection') return `the rejection of ${describeRejectionKey(k.uid)} in ${k.documentId}`
  return `gold ${k.kind} ${k.uid.slice(0, 8)} of ${k.documentId}`
}

/** "carol's span 23-42:ORG" for the uid `rej|carol|span|23-42:ORG`; "(the 2nd of identical ones)" for a key ending in `#1`. */
export function describeRejectionKey(uid: string): string {
  const [, annotator, kind, ...rest] = uid.split('|')
  const m = /^(.*)#(\d+)$/.exec(rest.join('|'))
  const [what, nth] = m ? [m[1], ` (the ${ordinal(Number(m[2]) + 1)} of identical ones)`] : [rest.join('|'), '']
  return `${annotator ?? '?'}'s ${kind ?? 'item'} ${what}${nth}`
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`
