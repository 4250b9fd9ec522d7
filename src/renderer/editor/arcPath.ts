/** A rail's two ends: x, the y where it meets a span (a tag's top), and whether it is the text's edge instead. */
export interface RailEnds {
  a: { x: number; y: number; edge: boolean }
  b: { x: number; y: number; edge: boolean }
}

export const fmt = (n: number) => (Math.round(n * 10) / 10).toString()

/**
 * One rail of an arc as an SVG path, with rounded shoulders. An end at the text's edge meets the margin rail at
 * `mx`: an outgoing one (b) turns into it and, when `to` is given, runs along it to y `to`, where it turns into the
 * next rail (`join`, a split arc) or stops (a stub, whose arrowhead is drawn apart). An incoming one (a) starts
 * there: coming down (or up) the margin from `to` when given (a stub whose head is not laid out), else from the
 * corner its first rail drew.
 */
export function railPath(s: RailEnds, railY: number, mx: number, to?: number, join = false): string {
  const x1 = s.a.edge ? mx : s.a.x
  const x2 = s.b.edge ? mx : s.b.x
  const dir = x2 >= x1 ? 1 : -1
  const r = Math.min(4, Math.abs(x2 - x1) / 2)
  const parts: string[] = []
  if (s.a.edge) {
    if (to !== undefined) {
      const v = Math.sign(railY - to) || 1
      const rv = Math.min(4, Math.abs(railY - to) / 2)
      parts.push(`M${fmt(mx)} ${fmt(to)}`, `L${fmt(mx)} ${fmt(railY - v * rv)}`, `Q${fmt(mx)} ${fmt(railY)} ${fmt(mx + dir * rv)} ${fmt(railY)}`)
    } else parts.push(`M${fmt(mx - r)} ${fmt(railY)}`)
  } else parts.push(`M${fmt(s.a.x)} ${fmt(s.a.y)}`, `L${fmt(s.a.x)} ${fmt(railY + r)}`, `Q${fmt(s.a.x)} ${fmt(railY)} ${fmt(s.a.x + dir * r)} ${fmt(railY)}`)
  if (s.b.edge) {
    if (to === undefined) parts.push(`L${fmt(mx)} ${fmt(railY)}`)
    else {
      const v = Math.sign(to - railY) || 1
      const rv = Math.min(4, Math.abs(to - railY) / 2)
      parts.push(`L${fmt(mx - rv)} ${fmt(railY)}`, `Q${fmt(mx)} ${fmt(railY)} ${fmt(mx)} ${fmt(railY + v * rv)}`)
      if (join) parts.push(`L${fmt(mx)} ${fmt(to - v * rv)}`, `Q${fmt(mx)} ${fmt(to)} ${fmt(mx - rv)} ${fmt(to)}`)
      else parts.push(`L${fmt(mx)} ${fmt(to)}`)
    }
  } else parts.push(`L${fmt(s.b.x - dir * r)} ${fmt(railY)}`, `Q${fmt(s.b.x)} ${fmt(railY)} ${fmt(s.b.x)} ${fmt(railY + r)}`, `L${fmt(s.b.x)} ${fmt(s.b.y)}`)
  return parts.join('')
}
