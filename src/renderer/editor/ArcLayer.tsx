import { memo } from 'react'
import type { LaidArc } from './arcLayout'

export interface DragLine {
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * The SVG layer over the article holding the relation arcs: one group per
 * relation (its rail segments, arrowhead and label), and while a relation is
 * being dragged out, a dashed line from the head span to the pointer. The
 * layer ignores the pointer except on arcs and labels, so text under it stays
 * selectable.
 */
export const ArcLayer = memo(function ArcLayer(props: {
  arcs: LaidArc[]
  selectedRelationId: number | null
  drag: DragLine | null
  onRelationClick?: (id: number) => void
}) {
  return (
    <svg className="sw-arcs" aria-label="Relations">
      {props.arcs.map((a) => {
        const selected = a.id === props.selectedRelationId
        const w = a.label.length * 6.2 + 8
        return (
          <g
            key={a.id}
            className={`sw-arc${selected ? ' sw-arc--selected' : ''} sw-arc--${a.kind}`}
            data-relation-id={a.id}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => props.onRelationClick?.(a.id)}
          >
            <title>{a.label}</title>
            {a.segments.map((s, i) => (
              <g key={i}>
                <path className="sw-arc-hit" d={s.d} />
                <path className="sw-arc-line" d={s.d} />
              </g>
            ))}
            {a.arrow && <path className="sw-arc-arrow" d={a.arrow} />}
            <rect className="sw-arc-label-bg" x={a.labelX - w / 2} y={a.labelY - 6.5} width={w} height={13} rx={3} />
            <text className="sw-arc-label" x={a.labelX} y={a.labelY + 3.5} textAnchor="middle">
              {a.label}
            </text>
          </g>
        )
      })}
      {props.drag && <line className="sw-arc-drag" x1={props.drag.x1} y1={props.drag.y1} x2={props.drag.x2} y2={props.drag.y2} />}
    </svg>
  )
})
