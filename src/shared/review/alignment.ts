/**
 * Aligning several annotators' layers of one document, for the review view and
 * pre-merge. Spans are grouped by the text they label (transitively, across every layer): a discontinuous span
 * labels its fragments only, so a span in its gap is another place, not a rival reading of it;
 * a group is agreed when every layer holds the same items (start, end, fragments, label),
 * else it says how they differ. Relations are compared by `relationKey` (their
 * ends' extents and their label), so a relation between spans that differ only in
 * label still matches: the one definition agreement's relation F1 uses too.
 */
import { relationEndsKey } from '../agreement/relationIdentity'
import type { RelationEnd } from '../agreement/relationIdentity'
import { fragmentsKey } from '../agreement/spanMatching'

export interface AlignSpan {
  id: number
  start: number
  end: number
  label: string
  /** A discontinuous span's fragments; absent or null when contiguous. */
  fragments?: readonly (readonly [number, number])[] | null
}

export interface AlignRelation {
  id: number
  headId: number
  tailId: number
  label: string
}

export interface AlignLayer {
  annotator: string
  spans: AlignSpan[]
  relations: AlignRelation[]
}

/** agreed: all the same; label: same extents, other labels; boundary: other extents; missing: some layer has nothing here. */
export type Difference = 'agreed' | 'label' | 'boundary' | 'missing'

export interface AlignedSpan extends AlignSpan {
  annotator: string
}

export interface SpanGroup {
  /** Stable within one alignment: `s<start>-<end>` (groups label no character in common, so no two start alike). */
  key: string
  /** The range the group's spans cover together (a discontinuous span's gap may hold other groups). */
  start: number
  end: number
  difference: Difference
  items: AlignedSpan[]
  /** Annotators with no span in the group. */
  missing: string[]
}

export interface AlignedRelation extends AlignRelation {
  annotator: string
}

export interface RelationGroup {
  /** `r` and relationEndsKey: `r<head start>:<head end>><tail start>:<tail end>`. */
  key: string
  head: RelationEnd
  tail: RelationEnd
  difference: Exclude<Difference, 'boundary'>
  items: AlignedRelation[]
  missing: string[]
}

export interface Alignment {
  annotators: string[]
  spanGroups: SpanGroup[]
  relationGroups: RelationGroup[]
}

type KeyedSpan = { start: number; end: number; label: string; fragments?: readonly (readonly [number, number])[] | null }

/** The identity of a span across layers: `start:end:label`, a discontinuous span's fragments after its end (`0:29;0-4;19-29:ANAT`). */
export function spanKey(s: KeyedSpan): string {
  return `${s.start}:${s.end}${fragmentsKey(s)}:${s.label}`
}

function extentKey(s: Omit<KeyedSpan, 'label'>): string {
  return `${s.start}:${s.end}${fragmentsKey(s)}`
}

/** The multiset of keys of one annotator's items, sorted, as one string. */
function signature<T extends { annotator: string }>(items: T[], annotator: string, key: (x: T) => string): string {
  return items
    .filter((i) => i.annotator === annotator)
    .map(key)
    .sort()
    .join('|')
}

function classify<T extends { annotator: string }>(annotators: string[], items: T[], full: (x: T) => string, extent?: (x: T) => string) {
  const missing = annotators.filter((a) => !items.some((i) => i.annotator === a))
  if (missing.length) return { difference: 'missing' as const, missing }
  const sigs = new Set(annotators.map((a) => signature(items, a, full)))
  if (sigs.size === 1) return { difference: 'agreed' as const, missing }
  if (extent) {
    const extents = new Set(annotators.map((a) => signature(items, a, extent)))
    if (extents.size > 1) return { difference: 'boundary' as const, missing }
  }
  return { difference: 'label' as const, missing }
}

/** The characters a span labels, as ranges: a discontinuous span's fragments in text order, else its one range. */
export function piecesOf(s: { start: number; end: number; fragments?: readonly (readonly [number, number])[] | null }): [number, number][] {
  if (!s.fragments || s.fragments.length < 2) return [[s.start, s.end]]
  return s.fragments.map(([a, b]): [number, number] => [a, b]).sort((x, y) => x[0] - y[0] || x[1] - y[1])
}

/** Whether two spans label a character in common: a span inside a discontinuous span's gap shares none with it. */
export function sharesText(a: Parameters<typeof piecesOf>[0], b: Parameters<typeof piecesOf>[0]): boolean {
  if (!(a.start < b.end && b.start < a.end)) return false
  const pb = piecesOf(b)
  return piecesOf(a).some(([s, e]) => pb.some(([t, f]) => s < f && t < e))
}

/**
 * Spans sorted by start, in groups that label text in common, transitively. The pieces (fragments, or the span's
 * range) are swept in text order: a piece starting before the reach of the run so far joins that run's span; spans
 * are then joined through their pieces (union-find). Groups come in order of their first span.
 */
function groupsByText(all: AlignedSpan[]): AlignedSpan[][] {
  const parent = all.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])))
  const pieces = all.flatMap((s, i) => piecesOf(s).map(([a, b]) => ({ a, b, i })))
  pieces.sort((x, y) => x.a - y.a || y.b - x.b || x.i - y.i)
  let run = -1
  let reach = -1
  for (const p of pieces) {
    if (run >= 0 && p.a < reach) parent[find(p.i)] = find(run)
    else {
      run = p.i
      reach = p.b
    }
    reach = Math.max(reach, p.b)
  }
  const groups = new Map<number, AlignedSpan[]>()
  all.forEach((s, i) => {
    const root = find(i)
    const g = groups.get(root)
    if (g) g.push(s)
    else groups.set(root, [s])
  })
  return [...groups.values()]
}

/** A relation end's extent: a discontinuous end keeps its fragments (relation identity holds them). */
const endOf = (s: AlignSpan): RelationEnd => (s.fragments && s.fragments.length > 1 ? { start: s.start, end: s.end, fragments: s.fragments } : { start: s.start, end: s.end })

/** Aligns the layers' spans and relations; groups come in text order. */
export function alignLayers(layers: AlignLayer[]): Alignment {
  const annotators = layers.map((l) => l.annotator)
  const all: AlignedSpan[] = layers.flatMap((l) => l.spans.map((s) => ({ ...s, annotator: l.annotator })))
  all.sort((a, b) => a.start - b.start || b.end - a.end || a.annotator.localeCompare(b.annotator))

  const spanGroups: SpanGroup[] = groupsByText(all).map((items) => {
    const start = items[0].start
    const end = Math.max(...items.map((i) => i.end))
    const { difference, missing } = classify(annotators, items, spanKey, extentKey)
    return { key: `s${start}-${end}`, start, end, difference, items, missing }
  })

  // Relations group by their ends' extents (relationIdentity.ts); within a group they agree when their labels do.
  const spanOf = new Map<string, AlignSpan>()
  for (const l of layers) for (const s of l.spans) spanOf.set(`${l.annotator}#${s.id}`, s)
  const byEnds = new Map<string, AlignedRelation[]>()
  const ends = new Map<string, RelationGroup['head'][]>()
  for (const l of layers) {
    for (const r of l.relations) {
      const head = spanOf.get(`${l.annotator}#${r.headId}`)
      const tail = spanOf.get(`${l.annotator}#${r.tailId}`)
      if (!head || !tail) continue
      const key = `r${relationEndsKey(head, tail)}`
      if (!byEnds.has(key)) {
        byEnds.set(key, [])
        ends.set(key, [endOf(head), endOf(tail)])
      }
      byEnds.get(key)!.push({ ...r, annotator: l.annotator })
    }
  }
  const relationGroups: RelationGroup[] = [...byEnds].map(([key, items]) => {
    const [head, tail] = ends.get(key)!
    const { difference, missing } = classify(annotators, items, (r) => r.label)
    return { key, head, tail, difference: difference === 'boundary' ? 'label' : difference, items, missing }
  })
  relationGroups.sort((a, b) => a.head.start - b.head.start || a.tail.start - b.tail.start || a.key.localeCompare(b.key))
  return { annotators, spanGroups, relationGroups }
}

/** One candidate for gold: an item (span or relation) and the annotators who have it. */
export interface Consensus<T> {
  item: T
  supporters: string[]
}

/**
 * The spans at least `quorum` annotators share exactly (start, end, fragments, label),
 * each once, with the first supporter's item as its source. An annotator
 * counts once per key; rejected items (by `${annotator}#${id}`) do not count.
 */
export function spanConsensus(alignment: Alignment, quorum: number, rejected: ReadonlySet<string> = new Set()): Consensus<AlignedSpan>[] {
  const out: Consensus<AlignedSpan>[] = []
  for (const g of alignment.spanGroups) out.push(...consensus(g.items, spanKey, quorum, rejected))
  return out
}

/** The relations at least `quorum` annotators share (same label between spans of the same extents). */
export function relationConsensus(alignment: Alignment, quorum: number, rejected: ReadonlySet<string> = new Set()): Consensus<AlignedRelation>[] {
  const out: Consensus<AlignedRelation>[] = []
  for (const g of alignment.relationGroups) out.push(...consensus(g.items, (r) => r.label, quorum, rejected))
  return out
}

function consensus<T extends { annotator: string; id: number }>(items: T[], key: (x: T) => string, quorum: number, rejected: ReadonlySet<string>): Consensus<T>[] {
  const byKey = new Map<string, Consensus<T>>()
  for (const i of items) {
    if (rejected.has(`${i.annotator}#${i.id}`)) continue
    const k = key(i)
    const c = byKey.get(k)
    if (!c) byKey.set(k, { item: i, supporters: [i.annotator] })
    else if (!c.supporters.includes(i.annotator)) c.supporters.push(i.annotator)
  }
  return [...byKey.values()].filter((c) => c.supporters.length >= quorum)
}
