/**
 * The reviewer's decisions over an alignment: each place the layers differ,
 * its distinct readings (identical items of several annotators are one
 * reading, with all their names), and whether each reading is decided. A
 * reading is accepted when gold holds it (same extent and label, or a gold item
 * whose provenance names one of its items, as an edited accept does), rejected
 * when every item of it is rejected, and open otherwise. A disagreement is
 * resolved when no reading in it is open, so rejecting the only reading of a
 * "missing" item resolves it as "no annotation". The review view, the service
 * (which refuses "review done" while anything is open) and tests share this.
 */
import type { Alignment, Difference } from './alignment'
import { piecesOf, spanKey } from './alignment'
import { relationKey } from '../agreement/relationIdentity'

export type ReadingState = 'open' | 'accepted' | 'rejected'

type Extent = { start: number; end: number }
/** A reading's extent: a discontinuous span's fragments with it. */
type ReadingExtent = Extent & { fragments?: [number, number][] }

export interface Reading {
  kind: 'span' | 'relation'
  /** Span: spanKey (`start:end:label`, a discontinuous span's fragments after its end); relation: relationKey. */
  key: string
  label: string
  /** A span's extent; a relation's covering extent (head to tail). */
  start: number
  end: number
  /** A discontinuous span reading's fragments, in text order (absent when contiguous): what it labels, not start..end. */
  fragments?: [number, number][]
  head?: Extent
  tail?: Extent
  /** Who gave this reading (each once, in layer order) and their items' ids, in the same layer order. */
  annotators: string[]
  itemIds: number[]
  state: ReadingState
}

export interface DecidedDisagreement {
  key: string
  kind: 'span' | 'relation'
  difference: Exclude<Difference, 'agreed'>
  start: number
  end: number
  /** The distinct readings, most supported first. */
  readings: Reading[]
  /** Annotators with nothing here. */
  missing: string[]
  /** Every reading is accepted or rejected. */
  resolved: boolean
}

export interface ReviewDecisions {
  disagreements: DecidedDisagreement[]
  /** Disagreements with a reading still open. */
  open: number
}

/** What gold and the rejections hold: enough of a Span/Relation to compare by extent, label and provenance. */
export interface DecisionInput {
  alignment: Alignment
  gold: {
    spans: { id: number; start: number; end: number; label: string; fragments?: readonly (readonly [number, number])[] | null; provenance?: { annotator: string; itemId: string } | null }[]
    relations: { headId: number; tailId: number; label: string; provenance?: { annotator: string; itemId: string } | null }[]
  }
  rejected: { spans: number[]; relations: number[] }
}


/** The key of a relation reading: its ends' extents and its label (relationIdentity.ts, as agreement's relation F1). */
export function relationReadingKey(head: Extent, tail: Extent, label: string): string {
  return relationKey(head, tail, label)
}

interface Draft {
  key: string
  label: string
  extent: ReadingExtent
  head?: Extent
  tail?: Extent
  items: { annotator: string; id: number }[]
}

function groupReadings<T extends { annotator: string; id: number; label: string }>(items: T[], keyOf: (i: T) => string, extentOf: (i: T) => ReadingExtent, annotators: string[]): Draft[] {
  const drafts = new Map<string, Draft>()
  for (const i of items) {
    const key = keyOf(i)
    const d = drafts.get(key)
    if (d) d.items.push({ annotator: i.annotator, id: i.id })
    else drafts.set(key, { key, label: i.label, extent: extentOf(i), items: [{ annotator: i.annotator, id: i.id }] })
  }
  const order = (a: string) => annotators.indexOf(a)
  for (const d of drafts.values()) d.items.sort((a, b) => order(a.annotator) - order(b.annotator) || a.id - b.id)
  return [...drafts.values()]
}

function finish(kind: Reading['kind'], drafts: Draft[], accepted: (d: Draft) => boolean, rejected: ReadonlySet<number>): Reading[] {
  const readings = drafts.map((d): Reading => {
    const annotators = [...new Set(d.items.map((i) => i.annotator))]
    const itemIds = d.items.map((i) => i.id)
    const state: ReadingState = accepted(d) ? 'accepted' : itemIds.every((id) => rejected.has(id)) ? 'rejected' : 'open'
    const { start, end, fragments } = d.extent
    return { kind, key: d.key, label: d.label, start, end, ...(fragments ? { fragments } : {}), ...(d.head ? { head: d.head, tail: d.tail } : {}), annotators, itemIds, state }
  })
  return readings.sort((a, b) => b.annotators.length - a.annotators.length || a.start - b.start || b.end - a.end || a.label.localeCompare(b.label))
}

/** Decides every disagreement of an alignment against gold and the rejections; disagreements come in text order, spans before relations. */
export function decideReview(input: DecisionInput): ReviewDecisions {
  const { alignment, gold } = input
  const annotators = alignment.annotators
  const goldSpanKeys = new Set(gold.spans.map(spanKey))
  const goldById = new Map(gold.spans.map((s) => [s.id, s]))
  const goldRelationKeys = new Set<string>()
  for (const r of gold.relations) {
    const h = goldById.get(r.headId)
    const t = goldById.get(r.tailId)
    if (h && t) goldRelationKeys.add(relationReadingKey(h, t, r.label))
  }
  const sources = (items: { provenance?: { annotator: string; itemId: string } | null }[]) =>
    new Set(items.flatMap((i) => (i.provenance ? [`${i.provenance.annotator}#${i.provenance.itemId}`] : [])))
  const spanSources = sources(gold.spans)
  const relationSources = sources(gold.relations)
  const fromSource = (found: Set<string>, d: Draft) => d.items.some((i) => found.has(`${i.annotator}#${i.id}`))
  const rejectedSpans = new Set(input.rejected.spans)
  const rejectedRelations = new Set(input.rejected.relations)

  const disagreements: DecidedDisagreement[] = []
  for (const g of alignment.spanGroups) {
    if (g.difference === 'agreed') continue
    const extentOf = (i: (typeof g.items)[number]) => ({ start: i.start, end: i.end, ...(i.fragments && i.fragments.length > 1 ? { fragments: piecesOf(i) } : {}) })
    const drafts = groupReadings(g.items, spanKey, extentOf, annotators)
    const readings = finish('span', drafts, (d) => goldSpanKeys.has(d.key) || fromSource(spanSources, d), rejectedSpans)
    disagreements.push({ key: g.key, kind: 'span', difference: g.difference, start: g.start, end: g.end, readings, missing: g.missing, resolved: readings.every((r) => r.state !== 'open') })
  }
  for (const g of alignment.relationGroups) {
    if (g.difference === 'agreed') continue
    const extent = { start: Math.min(g.head.start, g.tail.start), end: Math.max(g.head.end, g.tail.end) }
    const drafts = groupReadings(g.items, (r) => relationReadingKey(g.head, g.tail, r.label), () => extent, annotators)
    for (const d of drafts) Object.assign(d, { head: g.head, tail: g.tail })
    const readings = finish('relation', drafts, (d) => goldRelationKeys.has(d.key) || fromSource(relationSources, d), rejectedRelations)
    disagreements.push({ key: g.key, kind: 'relation', difference: g.difference, ...extent, readings, missing: g.missing, resolved: readings.every((r) => r.state !== 'open') })
  }
  disagreements.sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'span' ? -1 : 1))
  return { disagreements, open: disagreements.filter((d) => !d.resolved).length }
}
