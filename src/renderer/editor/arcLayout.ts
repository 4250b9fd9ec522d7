/**
 * Relation arcs, brat style, as a pure function from span boxes to SVG paths.
 *
 * Each arc rises from its head span, runs along a rail above the text line and
 * drops onto its tail span, where the arrowhead is. Rails on the same line are
 * stacked by level, shortest arcs lowest, so nested and crossing arcs do not
 * overlap. An arc between spans on different lines is drawn as two brackets:
 * from the head to the line's edge (towards the tail) and from the opposite
 * edge of the tail's line to the tail. An arc whose other end is not laid out
 * (its chunk is not mounted) becomes a stub bracket to the edge on the side the
 * missing span lies, so it still reads as "continues there".
 */
export interface SpanBox {
  left: number
  right: number
  top: number
  bottom: number
  /** Where an arc meets the span when a label tag sits above it: the tag's top and centre (the text's box still decides the line). */
  anchorTop?: number
  anchorX?: number
}

export interface ArcAnchor {
  /** Article offset of the span; gives the direction of an end that has no box. */
  start: number
  /** The span's first box in layer coordinates; null when it is not on screen. */
  box: SpanBox | null
}

export interface ArcRelation {
  id: number
  label: string
  headId: number
  tailId: number
}

export interface ArcLayoutOptions {
  /** Right edge of the text lines (the layer's width when `left` is 0). */
  width: number
  /** Left edge of the text lines; 0 when omitted. */
  left?: number
  /** Rail height of level 0 above the line top. */
  baseHeight: number
  /** Extra height per level. */
  levelHeight: number
  /** Highest level; arcs beyond share it. */
  maxLevel: number
  /** Boxes whose tops differ by less than this are on one line. */
  lineTolerance: number
  /** Estimated width of one label character, for keeping labels apart. */
  labelCharWidth: number
}

export const DEFAULT_ARC_OPTIONS: Omit<ArcLayoutOptions, 'width'> = {
  baseHeight: 7,
  levelHeight: 7,
  maxLevel: 3,
  lineTolerance: 6,
  labelCharWidth: 6,
}

export type ArcKind = 'line' | 'split' | 'stub'

export interface ArcSegmentLayout {
  /** SVG path of the segment's stroke. */
  d: string
  level: number
  /** Rail y of the segment. */
  railY: number
}

export interface LaidArc {
  id: number
  label: string
  kind: ArcKind
  segments: ArcSegmentLayout[]
  /** Arrowhead (a closed triangle) at the tail, when the tail is laid out. */
  arrow: string | null
  labelX: number
  labelY: number
}

interface Segment {
  arc: number
  line: number
  /** The two ends: x, the y of the end (a span top, or the line top at an edge), and whether it is an edge. */
  a: { x: number; y: number; edge: boolean }
  b: { x: number; y: number; edge: boolean }
  labelled: boolean
  lo: number
  hi: number
  level: number
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString()

/** Groups box tops into lines: tops within `tol` of the previous one share a line. */
function lineIndexer(tops: number[], tol: number): (top: number) => number {
  const sorted = [...new Set(tops)].sort((a, b) => a - b)
  const lineOf = new Map<number, number>()
  let line = -1
  let prev = -Infinity
  for (const t of sorted) {
    if (t - prev >= tol) line++
    lineOf.set(t, line)
    prev = t
  }
  return (top) => lineOf.get(top)!
}

export function layoutArcs(relations: readonly ArcRelation[], anchors: ReadonlyMap<number, ArcAnchor>, opts: ArcLayoutOptions): LaidArc[] {
  const tops: number[] = []
  for (const a of anchors.values()) if (a.box) tops.push(a.box.top)
  const lineOf = lineIndexer(tops, opts.lineTolerance)
  const lineTop = new Map<number, number>()
  for (const a of anchors.values()) {
    if (!a.box) continue
    const l = lineOf(a.box.top)
    lineTop.set(l, Math.min(lineTop.get(l) ?? Infinity, a.box.anchorTop ?? a.box.top))
  }
  const left = opts.left ?? 0
  const centre = (b: SpanBox) => b.anchorX ?? (b.left + b.right) / 2
  const endY = (b: SpanBox) => b.anchorTop ?? b.top
  const labelWidth = (label: string) => label.length * opts.labelCharWidth + 8

  const arcs: { rel: ArcRelation; kind: ArcKind; segs: Segment[]; tail: { x: number; y: number } | null }[] = []
  const segments: Segment[] = []
  const add = (arc: number, line: number, a: Segment['a'], b: Segment['b'], labelled: boolean) => {
    let lo = Math.min(a.x, b.x)
    let hi = Math.max(a.x, b.x)
    if (labelled) {
      // A label wider than its rail widens the room the rail claims.
      const w = labelWidth(arcs[arc].rel.label)
      const mid = (lo + hi) / 2
      lo = Math.min(lo, mid - w / 2)
      hi = Math.max(hi, mid + w / 2)
    }
    const s: Segment = { arc, line, a, b, labelled, lo, hi, level: 0 }
    segments.push(s)
    arcs[arc].segs.push(s)
  }

  for (const rel of relations) {
    const head = anchors.get(rel.headId)
    const tail = anchors.get(rel.tailId)
    if (!head || !tail || (!head.box && !tail.box)) continue
    const i = arcs.length
    if (head.box && tail.box) {
      const hl = lineOf(head.box.top)
      const tl = lineOf(tail.box.top)
      const hx = centre(head.box)
      let tx = centre(tail.box)
      const tailEnd = { x: tx, y: endY(tail.box) }
      if (hl === tl) {
        // Arcs between adjacent or identical anchors still need a visible rail.
        if (Math.abs(tx - hx) < 10) tx = hx + (tx >= hx ? 10 : -10)
        tailEnd.x = tx
        arcs.push({ rel, kind: 'line', segs: [], tail: tailEnd })
        add(i, hl, { x: hx, y: endY(head.box), edge: false }, { x: tx, y: endY(tail.box), edge: false }, true)
      } else {
        arcs.push({ rel, kind: 'split', segs: [], tail: tailEnd })
        const down = tl > hl
        const headEdge = down ? opts.width : left
        const tailEdge = down ? left : opts.width
        add(i, hl, { x: hx, y: endY(head.box), edge: false }, { x: headEdge, y: lineTop.get(hl)!, edge: true }, true)
        add(i, tl, { x: tailEdge, y: lineTop.get(tl)!, edge: true }, { x: tx, y: endY(tail.box), edge: false }, false)
      }
    } else {
      const present = (head.box ?? tail.box)!
      const missing = head.box ? tail : head
      const here = head.box ? head : tail
      const edge = missing.start > here.start ? opts.width : left
      const l = lineOf(present.top)
      const x = centre(present)
      arcs.push({ rel, kind: 'stub', segs: [], tail: tail.box ? { x, y: endY(tail.box) } : null })
      if (head.box) add(i, l, { x, y: endY(present), edge: false }, { x: edge, y: lineTop.get(l)!, edge: true }, true)
      else add(i, l, { x: edge, y: lineTop.get(l)!, edge: true }, { x, y: endY(present), edge: false }, true)
    }
  }

  // Levels per line: shortest rails first, each on the lowest free level.
  const byLine = new Map<number, Segment[]>()
  for (const s of segments) {
    const list = byLine.get(s.line)
    if (list) list.push(s)
    else byLine.set(s.line, [s])
  }
  const GAP = 4
  for (const list of byLine.values()) {
    list.sort((p, q) => p.hi - p.lo - (q.hi - q.lo) || p.lo - q.lo || p.arc - q.arc)
    const placed: Segment[] = []
    for (const s of list) {
      let level = 0
      while (level < opts.maxLevel && placed.some((p) => p.level === level && p.lo < s.hi + GAP && s.lo < p.hi + GAP)) level++
      s.level = level
      placed.push(s)
    }
  }

  return arcs.map(({ rel, kind, segs, tail }) => {
    let labelX = 0
    let labelY = 0
    const laid = segs.map((s) => {
      const railY = lineTop.get(s.line)! - (opts.baseHeight + s.level * opts.levelHeight)
      if (s.labelled) {
        // The label stays inside the text column even when its rail is shorter than it, by an edge.
        const half = Math.min(labelWidth(rel.label), opts.width - left) / 2
        labelX = Math.min(Math.max((s.a.x + s.b.x) / 2, left + half), opts.width - half)
        labelY = railY
      }
      return { d: segmentPath(s, railY), level: s.level, railY }
    })
    const arrow = tail ? `M${fmt(tail.x - 3.5)} ${fmt(tail.y - 6)}L${fmt(tail.x)} ${fmt(tail.y)}L${fmt(tail.x + 3.5)} ${fmt(tail.y - 6)}Z` : null
    return { id: rel.id, label: rel.label, kind, segments: laid, arrow, labelX, labelY }
  })
}

/** A rail with rounded shoulders; an edge end is left open (the arc goes on elsewhere). */
function segmentPath(s: Segment, railY: number): string {
  const dir = s.b.x >= s.a.x ? 1 : -1
  const r = Math.min(4, Math.abs(s.b.x - s.a.x) / 2)
  const parts: string[] = []
  if (s.a.edge) parts.push(`M${fmt(s.a.x)} ${fmt(railY)}`)
  else parts.push(`M${fmt(s.a.x)} ${fmt(s.a.y)}`, `L${fmt(s.a.x)} ${fmt(railY + r)}`, `Q${fmt(s.a.x)} ${fmt(railY)} ${fmt(s.a.x + dir * r)} ${fmt(railY)}`)
  if (s.b.edge) parts.push(`L${fmt(s.b.x)} ${fmt(railY)}`)
  else parts.push(`L${fmt(s.b.x - dir * r)} ${fmt(railY)}`, `Q${fmt(s.b.x)} ${fmt(railY)} ${fmt(s.b.x)} ${fmt(railY + r)}`, `L${fmt(s.b.x)} ${fmt(s.b.y)}`)
  return parts.join('')
}
