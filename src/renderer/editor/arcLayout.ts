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
 * rails of arcs whose spans of lines overlap take separate lanes. Such an arc
 * carries its label on both lines, so the tail's line alone says what the
 * relation is. An arc whose
 * other end is not laid out (its chunk is not mounted) runs into the margin and
 * on towards that end, ending in an arrowhead when the missing end is its tail,
 * so it reads as "continues there".
 */
import { pillWidth, separateLabels } from './arcLabels'
import type { PlacedLabel } from './arcLabels'
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
  /** The rail's x extent along its line (to the margin rail's x for an end at the edge). */
  x1: number
  x2: number
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
  /** The (first) label's centre: on the head's line. */
  labelX: number
  labelY: number
  /** Every label pill: one per laid rail, so a split arc is labelled on the head's line and on the tail's (`part`). */
  labels: { x: number; y: number; part: 'head' | 'tail' }[]
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
/** The closest lanes come when the margin is short of room (a stroke is 1.3 px). */
const MIN_LANE = 2
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
        // The tail's line carries the label too: a reader of that line alone sees what the relation is.
        add(i, tl, { x: edge, y: lineTop.get(tl)!, edge: true }, { x: tx, y: endY(tail.box), edge: false }, true)
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
  // Every rail gets a lane of its own where it overlaps another; when more lanes are needed than fit LANE px apart in
  // the margin, they close up (to MIN_LANE px) rather than share one, where two rails would run as one line.
  const room = (opts.margin ?? edge + 40) - edge - MARGIN_GAP
  const fit = Math.max(1, Math.floor(room / MIN_LANE) + 1)
  const rails = margin.filter((m) => m !== null)
  let inLane: { top: number; bottom: number }[][] = []
  const laneOf = new Map<{ top: number; bottom: number; x: number }, number>()
  const assign = (order: typeof rails) => {
    inLane = []
    for (const m of order) {
      let lane = 0
      while (inLane[lane]?.some((o) => o.top < m.bottom + 3 && m.top < o.bottom + 3)) lane++
      ;(inLane[lane] ??= []).push(m)
      laneOf.set(m, lane)
    }
  }
  // Shortest first, so a shorter rail nests inside a longer one; when that needs more lanes than fit, top first,
  // which needs the fewest (as many as rails overlap at one height).
  assign([...rails].sort((p, q) => p.bottom - p.top - (q.bottom - q.top) || p.top - q.top))
  if (inLane.length > fit) assign([...rails].sort((p, q) => p.top - q.top || p.bottom - q.bottom))
  // Past what fits MIN_LANE px apart inside the layer (the review's narrow side-by-side columns), the outermost is shared.
  const lanes = Math.min(inLane.length, fit)
  const step = lanes > 1 ? Math.min(LANE, room / (lanes - 1)) : LANE
  for (const [m, lane] of laneOf) m.x = edge + MARGIN_GAP + Math.min(lane, lanes - 1) * step

  const pills: PlacedLabel[] = []
  const tailPills = new Set<PlacedLabel>()
  const laidArcs = arcs.map(({ rel, kind, segs, tail, away }, n) => {
    const labels: (LaidArc['labels'][number] & { pill: PlacedLabel })[] = []
    const m = margin[n]
    const laid = segs.map((s, k) => {
      const y = railY(s)
      if (s.labelled) {
        // The label stays inside the text column even when its rail is shorter than it, by an edge.
        const half = Math.min(Math.max(labelWidth(rel.label), pillWidth(rel.label)), opts.width - left) / 2
        const x = Math.min(Math.max((s.a.x + s.b.x) / 2, left + half), opts.width - half)
        const end = (e: Segment['a']) => (e.edge ? (m?.x ?? edge) : e.x)
        const pill = { x, y, half: pillWidth(rel.label) / 2, lo: Math.min(end(s.a), end(s.b)), hi: Math.max(end(s.a), end(s.b)) }
        pills.push(pill)
        if (kind === 'split' && k === 1) tailPills.add(pill)
        labels.push({ x, y, part: kind === 'split' && k === 1 ? 'tail' : 'head', pill })
      }
      // The first segment of a split arc runs down (or up) the margin rail and turns into the second one's rail;
      // a stub's runs on towards its missing end.
      const to = !m ? undefined : kind === 'split' ? (k === 0 ? railY(segs[1]) : undefined) : y + away! * STUB
      const ex = (e: Segment['a']) => (e.edge ? (m?.x ?? edge) : e.x)
      return { d: railPath(s, y, m?.x ?? edge, to, kind === 'split'), level: s.level, railY: y, x1: Math.min(ex(s.a), ex(s.b)), x2: Math.max(ex(s.a), ex(s.b)) }
    })
    let arrow: string | null = null
    if (tail) arrow = `M${fmt(tail.x - 3.5)} ${fmt(tail.y - 6)}L${fmt(tail.x)} ${fmt(tail.y)}L${fmt(tail.x + 3.5)} ${fmt(tail.y - 6)}Z`
    else if (m && away) {
      // The tail is not laid out: the margin rail ends in an arrowhead pointing on towards it.
      const tip = away > 0 ? m.bottom : m.top
      arrow = `M${fmt(m.x - 3.5)} ${fmt(tip - away * 6)}L${fmt(m.x)} ${fmt(tip)}L${fmt(m.x + 3.5)} ${fmt(tip - away * 6)}Z`
    }
    return { id: rel.id, label: rel.label, kind, segments: laid, ...(m ? { marginRail: { x: m.x, top: m.top, bottom: m.bottom } } : {}), arrow, labels }
  })
  // Head labels keep their places first; the tails' copies (and any other pill that would be covered) move aside.
  separateLabels(pills.sort((a, b) => Number(tailPills.has(a)) - Number(tailPills.has(b))), left, opts.width)
  return laidArcs.map(({ labels, ...a }) => {
    const shown = labels.map(({ pill, ...l }) => ({ ...l, x: pill.x }))
    return { ...a, labelX: shown[0]?.x ?? 0, labelY: shown[0]?.y ?? 0, labels: shown }
  })
}

