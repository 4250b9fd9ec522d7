import { memo } from 'react'
import { pillWidth } from './arcLabels'
import type { LaidArc } from './arcLayout'
import { fmt } from './arcPath'

export interface DragLine {
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * The SVG layer over the article holding the relation arcs: one group per
 * relation (its rail segments, arrowhead and label pills: a split arc's on
 * both its lines, in the relation
 * type's colour), and while a relation is being dragged out, a dashed curve
 * from the head span's tag to the pointer. The
 * layer ignores the pointer except on arcs and labels, so text under it stays
 * selectable.
 */
/** The guide shown while a relation is dragged out: a curve that rises above the lines, so it never strikes through the words. */
export function dragPath(d: DragLine): string {
  const lift = Math.max(28, Math.min(90, Math.abs(d.x2 - d.x1) / 4))
  const top = Math.min(d.y1, d.y2) - lift
  return `M${d.x1} ${d.y1}C${d.x1} ${top} ${d.x2} ${top} ${d.x2} ${d.y2}`
}

export const ArcLayer = memo(function ArcLayer(props: {
  arcs: LaidArc[]
  /** Relation type -> #rrggbb: each arc is drawn in its type's colour. */
  colors?: Record<string, string>
  selectedRelationId: number | null
  drag: DragLine | null
  onRelationClick?: (id: number) => void
}) {
  return (
    <svg className="sw-arcs" aria-label="Relations">
      {props.arcs.map((a) => {
        const selected = a.id === props.selectedRelationId
        const w = pillWidth(a.label)
        const color = props.colors?.[a.label]
        return (
          <g
            key={a.id}
            style={color ? ({ '--c': color } as React.CSSProperties) : undefined}
            className={`sw-arc${selected ? ' sw-arc--selected' : ''} sw-arc--${a.kind}`}
            data-relation-id={a.id}
            data-margin={a.marginRail ? `${fmt(a.marginRail.x)} ${fmt(a.marginRail.top)} ${fmt(a.marginRail.bottom)}` : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => props.onRelationClick?.(a.id)}
          >
            <title>{a.label}</title>
            {a.segments.map((s, i) => (
              <g key={i} data-rail={`${fmt(s.railY)} ${fmt(s.x1)} ${fmt(s.x2)}`}>
                <path className="sw-arc-hit" d={s.d} />
                <path className="sw-arc-line" d={s.d} />
              </g>
            ))}
            {a.arrow && <path className="sw-arc-arrow" d={a.arrow} />}
            {a.labels.map((l) => (
              <g key={l.part} data-label-part={l.part}>
                <rect className="sw-arc-label-bg" x={l.x - w / 2} y={l.y - 6.5} width={w} height={13} rx={6.5} />
                <text className="sw-arc-label" x={l.x} y={l.y + 3.5} textAnchor="middle">
                  {a.label}
                </text>
              </g>
            ))}
          </g>
        )
      })}
      {props.drag && (
        <g data-relation-guide="">
          <path className="sw-arc-drag" d={dragPath(props.drag)} />
          <circle className="sw-arc-drag-end" cx={props.drag.x2} cy={props.drag.y2} r={3} />
        </g>
      )}
    </svg>
  )
})
