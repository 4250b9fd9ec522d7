/**
 * Relation arcs, brat style, as a pure function from span boxes to SVG paths.
 *
 * Each arc rises from its head span, runs along a rail above the text line and
 * drops onto its tail span, where the arrowhead is. Rails on the same line are
 * stacked by level, shortest arcs lowest, so nested and crossing arcs do not
 * overlap. An arc between spans on different lines is one unbroken path: from
 * the head along its line's rail to the text's right edge, into the margin,
 * down (or up) a rail in the margin to the tail's line, and back along that
 * line's rail to the tail, as brat and INCEpTION draw them. (It used to stop at
 * the right edge and start again at the left one, which read as cut.) Margin
 * rails of arcs whose spans of lines overlap take separate lanes. An arc whose
 * other end is not laid out (its chunk is not mounted) runs into the margin and
 * on towards that end, ending in an arrowhead when the missing end is its tail,
 * so it reads as "continues there".
 */
import { fmt, railPath } from './arcPath'

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
  /** How far right of `width` the margin rails may go (the layer's right edge); `width + 40` when omitted. */
  margin?: number
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
  /** The rails on the text lines; a split or stub arc's first one also runs its margin rail. */
  segments: ArcSegmentLayout[]
  /** A split or stub arc's rail in the margin: its x and its vertical extent. */
  marginRail?: { x: number; top: number; bottom: number }
  /** Arrowhead (a closed triangle) at the tail, when the tail is laid out, or at the end of the margin rail pointing on to a tail that is not. */
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

/** From the text's right edge to the first margin lane, and between lanes. */
const MARGIN_GAP = 10
const LANE = 5
/** How far a stub's margin rail runs on towards its missing end. */
const STUB = 22

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

  // `away`: a stub's missing end lies below (1) or above (-1) the line its present end is on.
  const arcs: { rel: ArcRelation; kind: ArcKind; segs: Segment[]; tail: { x: number; y: number } | null; away?: 1 | -1 }[] = []
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

  const edge = opts.width
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
        // Both lines' rails run to the right edge; the margin rail joins them.
        arcs.push({ rel, kind: 'split', segs: [], tail: tailEnd })
        add(i, hl, { x: hx, y: endY(head.box), edge: false }, { x: edge, y: lineTop.get(hl)!, edge: true }, true)
        add(i, tl, { x: edge, y: lineTop.get(tl)!, edge: true }, { x: tx, y: endY(tail.box), edge: false }, false)
      }
    } else {
      const present = (head.box ?? tail.box)!
      const missing = head.box ? tail : head
      const here = head.box ? head : tail
      const l = lineOf(present.top)
      const x = centre(present)
      arcs.push({ rel, kind: 'stub', segs: [], tail: tail.box ? { x, y: endY(tail.box) } : null, away: missing.start > here.start ? 1 : -1 })
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
  const railY = (s: Segment) => lineTop.get(s.line)! - (opts.baseHeight + s.level * opts.levelHeight)

  // Margin rails: each split or stub arc's vertical extent; shortest first, each in the innermost lane free over it.
  const margin = arcs.map(({ kind, segs, away }) => {
    if (kind === 'line') return null
    const y1 = railY(segs[0])
    const y2 = kind === 'split' ? railY(segs[1]) : y1 + away! * STUB
    return { top: Math.min(y1, y2), bottom: Math.max(y1, y2), x: 0 }
  })
  const lanes = Math.max(1, Math.floor(((opts.margin ?? edge + 40) - edge - MARGIN_GAP) / LANE) + 1)
  const inLane: { top: number; bottom: number }[][] = []
  for (const m of margin.filter((m) => m !== null).sort((p, q) => p.bottom - p.top - (q.bottom - q.top) || p.top - q.top)) {
    let lane = 0
    while (lane < lanes - 1 && inLane[lane]?.some((o) => o.top < m.bottom + 3 && m.top < o.bottom + 3)) lane++
    ;(inLane[lane] ??= []).push(m)
    m.x = edge + MARGIN_GAP + lane * LANE
  }

  return arcs.map(({ rel, kind, segs, tail, away }, n) => {
    let labelX = 0
    let labelY = 0
    const m = margin[n]
    const laid = segs.map((s, k) => {
      const y = railY(s)
      if (s.labelled) {
        // The label stays inside the text column even when its rail is shorter than it, by an edge.
        const half = Math.min(labelWidth(rel.label), opts.width - left) / 2
        labelX = Math.min(Math.max((s.a.x + s.b.x) / 2, left + half), opts.width - half)
        labelY = y
      }
      // The first segment of a split arc runs down (or up) the margin rail and turns into the second one's rail;
      // a stub's runs on towards its missing end.
      const to = !m ? undefined : kind === 'split' ? (k === 0 ? railY(segs[1]) : undefined) : y + away! * STUB
      return { d: railPath(s, y, m?.x ?? edge, to, kind === 'split'), level: s.level, railY: y }
    })
    let arrow: string | null = null
    if (tail) arrow = `M${fmt(tail.x - 3.5)} ${fmt(tail.y - 6)}L${fmt(tail.x)} ${fmt(tail.y)}L${fmt(tail.x + 3.5)} ${fmt(tail.y - 6)}Z`
    else if (m && away) {
      // The tail is not laid out: the margin rail ends in an arrowhead pointing on towards it.
      const tip = away > 0 ? m.bottom : m.top
      arrow = `M${fmt(m.x - 3.5)} ${fmt(tip - away * 6)}L${fmt(m.x)} ${fmt(tip)}L${fmt(m.x + 3.5)} ${fmt(tip - away * 6)}Z`
    }
    return { id: rel.id, label: rel.label, kind, segments: laid, ...(m ? { marginRail: { x: m.x, top: m.top, bottom: m.bottom } } : {}), arrow, labelX, labelY }
  })
}

