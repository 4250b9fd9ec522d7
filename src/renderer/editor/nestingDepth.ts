/**
 * Underline depth per span so overlapping spans never draw over each other:
 * spans are placed shortest first, each at the lowest depth no overlapping,
 * already placed span uses. A span containing another therefore sits below it
 * (its underline further from the text), and any two overlapping spans get
 * different depths.
 */
export interface Interval {
  id: number
  start: number
  end: number
}

export function nestingDepths(spans: readonly Interval[]): Map<number, number> {
  const depth = new Map<number, number>()
  if (spans.length === 0) return depth
  // Spans sorted by start, and the longest span: the candidates overlapping s
  // all start in (s.start - maxLen, s.end), found by binary search.
  const byStart = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id)
  const starts = byStart.map((s) => s.start)
  let maxLen = 0
  for (const s of spans) maxLen = Math.max(maxLen, s.end - s.start)
  const firstAtOrAfter = (v: number) => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (starts[mid] < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const order = [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || a.id - b.id)
  for (const s of order) {
    const used = new Set<number>()
    for (let i = firstAtOrAfter(s.start - maxLen + 1); i < byStart.length && byStart[i].start < s.end; i++) {
      const t = byStart[i]
      if (t === s || t.end <= s.start) continue
      const d = depth.get(t.id)
      if (d !== undefined) used.add(d)
    }
    let d = 0
    while (used.has(d)) d++
    depth.set(s.id, d)
  }
  return depth
}
