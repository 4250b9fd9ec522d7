import type { ReviewData } from '../../../shared/api/methods/review'
import type { Relation, Span } from '../../../shared/domain/model'
import { spanKey } from '../../../shared/review/alignment'
import type { Difference } from '../../../shared/review/alignment'

/** One annotator's item in a disagreement: what the reviewer accepts, edits or rejects. */
export interface Candidate {
  kind: 'span' | 'relation'
  id: number
  annotator: string
  label: string
  start: number
  end: number
  /** Relations: the head and tail extents. */
  head?: { start: number; end: number }
  tail?: { start: number; end: number }
  rejected: boolean
  inGold: boolean
}

/** A place where the layers differ, in text order: a span group or a relation group. */
export interface Disagreement {
  key: string
  kind: 'span' | 'relation'
  difference: Exclude<Difference, 'agreed'>
  start: number
  end: number
  candidates: Candidate[]
  missing: string[]
  /** Gold already covers it (an overlapping gold span, or a gold relation between the same extents). */
  resolved: boolean
  /** Span ids (in the merged paint) to emphasise when this disagreement is current. */
  spanIds: number[]
}

export interface MergedModel {
  spans: Span[]
  relations: Relation[]
  decorate: Record<number, { className?: string; title?: string }>
  disagreements: Disagreement[]
  agreedSpans: number
  agreedRelations: number
}

const extent = (s: { start: number; end: number }) => `${s.start}:${s.end}`

/**
 * The merged view of a review: one text, each agreed item drawn once (solid),
 * each differing item of every annotator drawn and marked (dashed), relations
 * re-pointed at the drawn spans; and the disagreements to step through.
 */
export function buildMergedModel(data: ReviewData): MergedModel {
  const spanById = new Map<number, Span>()
  for (const l of data.layers) for (const s of l.spans) spanById.set(s.id, s)
  const goldKeys = new Set(data.gold.spans.map(spanKey))
  const goldById = new Map(data.gold.spans.map((s) => [s.id, s]))
  const goldRelations = new Set(
    data.gold.relations.map((r) => {
      const h = goldById.get(r.headId)
      const t = goldById.get(r.tailId)
      return h && t ? `${extent(h)}>${extent(t)}:${r.label}` : ''
    }),
  )
  const goldExtents = new Set(
    data.gold.relations.map((r) => {
      const h = goldById.get(r.headId)
      const t = goldById.get(r.tailId)
      return h && t ? `${extent(h)}>${extent(t)}` : ''
    }),
  )
  const rejectedSpans = new Set(data.rejected.spans)
  const rejectedRelations = new Set(data.rejected.relations)

  const spans: Span[] = []
  const decorate: MergedModel['decorate'] = {}
  /** Every span id of any layer → the id drawn for it. */
  const drawn = new Map<number, number>()
  const disagreements: Disagreement[] = []
  let agreedSpans = 0

  for (const g of data.alignment.spanGroups) {
    if (g.difference === 'agreed') {
      const rep = new Map<string, number>()
      for (const item of g.items) {
        const key = spanKey(item)
        const first = rep.get(key)
        if (first === undefined) {
          rep.set(key, item.id)
          spans.push(spanById.get(item.id)!)
          const inGold = goldKeys.has(key)
          decorate[item.id] = {
            className: `sw-span--agreed${inGold ? ' sw-span--in-gold' : ''}`,
            title: `${item.label}: agreed by ${data.alignment.annotators.join(', ')}${inGold ? ' · in gold' : ''}`,
          }
          drawn.set(item.id, item.id)
          agreedSpans++
        } else drawn.set(item.id, first)
      }
      continue
    }
    const who = g.items.map((i) => `${i.annotator}: ${i.label}`).join(' · ') + (g.missing.length ? ` · missing: ${g.missing.join(', ')}` : '')
    const candidates: Candidate[] = []
    for (const item of g.items) {
      spans.push(spanById.get(item.id)!)
      drawn.set(item.id, item.id)
      const rejected = rejectedSpans.has(item.id)
      const inGold = goldKeys.has(spanKey(item))
      decorate[item.id] = {
        className: `sw-span--differs sw-span--${g.difference}${rejected ? ' sw-span--rejected' : ''}${inGold ? ' sw-span--in-gold' : ''}`,
        title: `${item.annotator} labelled ${item.label}${rejected ? ' (rejected)' : ''}\n${who}`,
      }
      candidates.push({ kind: 'span', id: item.id, annotator: item.annotator, label: item.label, start: item.start, end: item.end, rejected, inGold })
    }
    const resolved = data.gold.spans.some((s) => s.start < g.end && g.start < s.end)
    disagreements.push({
      key: g.key,
      kind: 'span',
      difference: g.difference,
      start: g.start,
      end: g.end,
      candidates,
      missing: g.missing,
      resolved,
      spanIds: g.items.map((i) => i.id),
    })
  }

  const relationById = new Map<number, Relation>()
  for (const l of data.layers) for (const r of l.relations) relationById.set(r.id, r)
  const relations: Relation[] = []
  let agreedRelations = 0
  for (const g of data.alignment.relationGroups) {
    const shown = g.difference === 'agreed' ? g.items.slice(0, 1) : g.items
    for (const item of shown) {
      const r = relationById.get(item.id)!
      const headId = drawn.get(r.headId)
      const tailId = drawn.get(r.tailId)
      if (headId !== undefined && tailId !== undefined) relations.push({ ...r, headId, tailId })
    }
    if (g.difference === 'agreed') {
      agreedRelations++
      continue
    }
    const ends = `${g.head.start}:${g.head.end}>${g.tail.start}:${g.tail.end}`
    disagreements.push({
      key: g.key,
      kind: 'relation',
      difference: g.difference,
      start: Math.min(g.head.start, g.tail.start),
      end: Math.max(g.head.end, g.tail.end),
      candidates: g.items.map((item) => ({
        kind: 'relation',
        id: item.id,
        annotator: item.annotator,
        label: item.label,
        start: Math.min(g.head.start, g.tail.start),
        end: Math.max(g.head.end, g.tail.end),
        head: g.head,
        tail: g.tail,
        rejected: rejectedRelations.has(item.id),
        inGold: goldRelations.has(`${ends}:${item.label}`),
      })),
      missing: g.missing,
      resolved: goldExtents.has(ends),
      spanIds: g.items.flatMap((i) => {
        const r = relationById.get(i.id)!
        return [drawn.get(r.headId), drawn.get(r.tailId)].filter((x): x is number => x !== undefined)
      }),
    })
  }
  disagreements.sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'span' ? -1 : 1))
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id)
  return { spans, relations, decorate, disagreements, agreedSpans, agreedRelations }
}
