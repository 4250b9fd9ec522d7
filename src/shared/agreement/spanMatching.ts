/** A span as the matchers see it: a labelled range in UTF-16 offsets, end exclusive. */
export interface MatchSpan {
  start: number
  end: number
  label: string
  /** A discontinuous span's fragments (UTF-16, in `start`..`end`); absent or null when contiguous. */
  fragments?: readonly (readonly [number, number])[] | null
}

/** One-to-one pairs of indices into the two span lists: `a[i]` matched with `b[pairs.get(i)]`. */
export type SpanMatching = Map<number, number>

export type MatchMode = 'exact' | 'overlap'

/**
 * `;a-b;c-d`: a discontinuous span's fragments in text order, '' for a contiguous span (no fragments, or one).
 * Part of a span's identity: fragments over the same range as a contiguous span label other words.
 */
export function fragmentsKey(s: { fragments?: readonly (readonly [number, number])[] | null }): string {
  const f = s.fragments
  if (!f || f.length < 2) return ''
  return [...f]
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .map(([a, b]) => `;${a}-${b}`)
    .join('')
}

const exactKey = (s: MatchSpan) => `${s.start}:${s.end}${fragmentsKey(s)}:${s.label}`

/**
 * Exact matching: same start, end, fragments and label. Duplicates match one-to-one, in
 * order, so two identical spans on one side and one on the other make one match.
 */
export function matchExact(a: readonly MatchSpan[], b: readonly MatchSpan[]): SpanMatching {
  const free = new Map<string, number[]>()
  for (let j = b.length - 1; j >= 0; j--) {
    const k = exactKey(b[j])
    const list = free.get(k)
    if (list) list.push(j)
    else free.set(k, [j])
  }
  const pairs: SpanMatching = new Map()
  for (let i = 0; i < a.length; i++) {
    const j = free.get(exactKey(a[i]))?.pop()
    if (j !== undefined) pairs.set(i, j)
  }
  return pairs
}

/**
 * Overlap matching: same label and ranges sharing at least one character
 * (a discontinuous span's characters are its fragments'),
 * one-to-one. Exact matches are taken first; then the remaining candidate pairs
 * are taken greedily by largest overlap (ties: larger Jaccard ratio, then the
 * earlier spans), skipping spans already used. Greedy rather than optimal
 * (maximum bipartite) matching: it is what INCEpTION and seqeval-style tools do,
 * it is deterministic, and it differs from the optimum only in chains of
 * partial overlaps, where it can pair one fewer. Pass `exact` when the caller
 * already has the exact matching of the same lists.
 */
export function matchOverlap(a: readonly MatchSpan[], b: readonly MatchSpan[], exact: SpanMatching = matchExact(a, b)): SpanMatching {
  const pairs = new Map(exact)
  const usedB = new Set(pairs.values())
  // b's unmatched spans by start, with the longest length, to find candidates by binary search.
  const order: number[] = []
  let maxLen = 0
  for (let j = 0; j < b.length; j++) {
    if (usedB.has(j)) continue
    order.push(j)
    maxLen = Math.max(maxLen, b[j].end - b[j].start)
  }
  order.sort((x, y) => b[x].start - b[y].start)
  const candidates: { i: number; j: number; overlap: number; jaccard: number }[] = []
  for (let i = 0; i < a.length; i++) {
    if (pairs.has(i)) continue
    const s = a[i]
    // Candidates start in (s.start - maxLen, s.end).
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (b[order[mid]].start <= s.start - maxLen) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < order.length && b[order[k]].start < s.end; k++) {
      const t = b[order[k]]
      if (t.label !== s.label || t.end <= s.start) continue
      const overlap = sharedCharacters(s, t)
      // A span in the gap between a discontinuous span's fragments shares no character with it.
      if (overlap <= 0) continue
      const union = characters(s) + characters(t) - overlap
      candidates.push({ i, j: order[k], overlap, jaccard: overlap / union })
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || y.jaccard - x.jaccard || x.i - y.i || x.j - y.j)
  for (const c of candidates) {
    if (pairs.has(c.i) || usedB.has(c.j)) continue
    pairs.set(c.i, c.j)
    usedB.add(c.j)
  }
  return pairs
}

/** A span's ranges: a discontinuous span's fragments, else its start..end. */
const ranges = (s: MatchSpan): readonly (readonly [number, number])[] => (s.fragments && s.fragments.length > 1 ? s.fragments : [[s.start, s.end]])

/** How many characters a span covers (its fragments' lengths: they do not overlap). */
const characters = (s: MatchSpan): number => ranges(s).reduce((n, [a, b]) => n + b - a, 0)

/** How many characters two spans share, fragment by fragment (for contiguous spans: their ranges' overlap). */
function sharedCharacters(s: MatchSpan, t: MatchSpan): number {
  let n = 0
  for (const [a, b] of ranges(s)) for (const [c, d] of ranges(t)) n += Math.max(0, Math.min(b, d) - Math.max(a, c))
  return n
}

export function matchSpans(mode: MatchMode, a: readonly MatchSpan[], b: readonly MatchSpan[]): SpanMatching {
  return mode === 'exact' ? matchExact(a, b) : matchOverlap(a, b)
}
