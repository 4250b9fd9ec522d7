import type { ReviewData } from '../../../shared/api/methods/review'
import type { Relation, Span } from '../../../shared/domain/model'
import { spanKey } from '../../../shared/review/alignment'
import { decideReview } from '../../../shared/review/decisions'
import type { DecidedDisagreement, Reading } from '../../../shared/review/decisions'
import { annotatorMarks } from './annotatorMarks'

export type { Reading } from '../../../shared/review/decisions'

/** A place where the layers differ, in text order, with its readings and what to emphasise when it is current. */
export interface Disagreement extends DecidedDisagreement {
  /** Span ids (in the merged paint) to emphasise when this disagreement is current. */
  spanIds: number[]
}

export interface MergedModel {
  spans: Span[]
  relations: Relation[]
  decorate: Record<number, { className?: string; title?: string; tag?: string }>
  disagreements: Disagreement[]
  /** Disagreements with a reading still open. */
  open: number
  agreedSpans: number
  agreedRelations: number
  /** Annotator name → the short mark the tags use (`a`, `b`, or a longer prefix when names share a first letter). */
  marks: Map<string, string>
}

const STATE_CLASS: Record<Reading['state'], string> = { open: '', accepted: ' sw-span--accepted', rejected: ' sw-span--rejected' }
const STATE_TEXT: Record<Reading['state'], string> = { open: '', accepted: ' · accepted', rejected: ' · rejected' }

/**
 * The merged view of a review: one text; each agreed item drawn once (solid);
 * each distinct differing reading drawn once (dashed) with a tag naming the
 * annotators who gave it (`PERSON · a b`); relations one per reading,
 * re-pointed at the drawn spans; and the disagreements, decided against gold
 * and the rejections, to step through.
 */
export function buildMergedModel(data: ReviewData): MergedModel {
  const marks = annotatorMarks(data.alignment.annotators)
  const decided = decideReview(data)
  const spanById = new Map<number, Span>()
  for (const l of data.layers) for (const s of l.spans) spanById.set(s.id, s)
  const goldKeys = new Set(data.gold.spans.map(spanKey))

  const spans: Span[] = []
  const decorate: MergedModel['decorate'] = {}
  /** Every span id of any layer → the id drawn for it. */
  const drawn = new Map<number, number>()
  let agreedSpans = 0
  for (const g of data.alignment.spanGroups) {
    if (g.difference !== 'agreed') continue
    const rep = new Map<string, number>()
    for (const item of g.items) {
      const key = spanKey(item)
      const first = rep.get(key)
      if (first !== undefined) {
        drawn.set(item.id, first)
        continue
      }
      rep.set(key, item.id)
      spans.push(spanById.get(item.id)!)
      const inGold = goldKeys.has(key)
      decorate[item.id] = {
        className: `sw-span--agreed${inGold ? ' sw-span--in-gold' : ''}`,
        title: `${item.label}: agreed by ${data.alignment.annotators.join(', ')}${inGold ? ' · in gold' : ''}`,
      }
      drawn.set(item.id, item.id)
      agreedSpans++
    }
  }

  const disagreements: Disagreement[] = []
  for (const d of decided.disagreements) {
    if (d.kind !== 'span') continue
    for (const r of d.readings) {
      const id = r.itemIds[0]
      for (const other of r.itemIds) drawn.set(other, id)
      spans.push(spanById.get(id)!)
      const who = r.annotators.map((a) => marks.get(a)).join(' ')
      decorate[id] = {
        className: `sw-span--differs sw-span--${d.difference}${STATE_CLASS[r.state]}`,
        title: `${r.label} by ${r.annotators.join(', ')}${STATE_TEXT[r.state]}${d.missing.length ? `\nnothing here: ${d.missing.join(', ')}` : ''}`,
        tag: `${r.label} · ${who}`,
      }
    }
    disagreements.push({ ...d, spanIds: d.readings.map((r) => r.itemIds[0]) })
  }

  const relationById = new Map<number, Relation>()
  for (const l of data.layers) for (const r of l.relations) relationById.set(r.id, r)
  const relations: Relation[] = []
  const shown = new Set<string>()
  const show = (id: number) => {
    const r = relationById.get(id)!
    const headId = drawn.get(r.headId)
    const tailId = drawn.get(r.tailId)
    if (headId === undefined || tailId === undefined) return []
    // Identical readings drawn once: two arcs on one rail would print their labels over each other.
    const key = `${headId}>${tailId}:${r.label}`
    if (!shown.has(key)) {
      shown.add(key)
      relations.push({ ...r, headId, tailId })
    }
    return [headId, tailId]
  }
  let agreedRelations = 0
  for (const g of data.alignment.relationGroups) {
    if (g.difference !== 'agreed') continue
    show(g.items[0].id)
    agreedRelations++
  }
  for (const d of decided.disagreements) {
    if (d.kind !== 'relation') continue
    const ends = d.readings.flatMap((r) => show(r.itemIds[0]))
    disagreements.push({ ...d, spanIds: [...new Set(ends)] })
  }
  disagreements.sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'span' ? -1 : 1))
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id)
  return { spans, relations, decorate, disagreements, open: decided.open, agreedSpans, agreedRelations, marks }
}

/** The first reading still open at or after `from` (wrapping), else -1. */
export function nextOpenReading(d: Disagreement | undefined, from: number): number {
  if (!d) return -1
  const n = d.readings.length
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n
    if (d.readings[i].state === 'open') return i
  }
  return -1
}

/** The next disagreement with an open reading after `from` (wrapping), else -1. */
export function nextOpenDisagreement(list: Disagreement[], from: number): number {
  const n = list.length
  for (let k = 1; k <= n; k++) {
    const i = (((from + k) % n) + n) % n
    if (!list[i].resolved) return i
  }
  return -1
}
