/**
 * Lanes for the label tags drawn above the text. A tag sits over its span's
 * first character and is out of the text's flow, so two tags close together
 * on a line would cover each other; each tag takes the lowest lane whose last
 * tag ends before it starts. Positions are estimated in characters (a tag's
 * letter is about `charRatio` of a text character), which needs no layout read:
 * the lanes come from offsets alone, so a repaint never measures the page.
 * Tags on different lines (paragraphs) never share a lane's bookkeeping.
 */
export interface TaggedSpan {
  id: number
  start: number
  end: number
  label: string
}

export interface TagLaneOptions {
  /** Lanes drawn; tags beyond share the highest. */
  maxLanes: number
  /** Width of one tag letter in text characters. */
  charRatio: number
  /** A tag's padding and gap, in text characters. */
  padding: number
}

export const TAG_LANE_OPTIONS: TagLaneOptions = { maxLanes: 3, charRatio: 0.85, padding: 1.2 }

/** `lineOf(offset)`: the paragraph an offset is in. Spans in any order. */
export function tagLanes(spans: readonly TaggedSpan[], lineOf: (offset: number) => number, opts: TagLaneOptions = TAG_LANE_OPTIONS): Map<number, number> {
  // Start order; at one start the shorter (inner) span's tag is nearest the text, as in brat.
  const order = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id)
  const lanes = new Map<number, number>()
  let line = -1
  let laneEnds: number[] = []
  for (const s of order) {
    const l = lineOf(s.start)
    if (l !== line) {
      line = l
      laneEnds = []
    }
    let lane = 0
    while (lane < laneEnds.length && laneEnds[lane] > s.start) lane++
    if (lane >= opts.maxLanes) lane = opts.maxLanes - 1
    laneEnds[lane] = Math.max(laneEnds[lane] ?? 0, s.start + s.label.length * opts.charRatio + opts.padding)
    lanes.set(s.id, lane)
  }
  return lanes
}
