import { useCallback, useMemo, useRef } from 'react'
import type { ReviewData, ReviewLayer } from '../../../shared/api/methods/review'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle, EditorPaint } from '../../editor/editorTypes'
import type { Disagreement } from './mergedModel'

/** The paragraph at the top of a scrolled column, and how far into it (0-1) the top is. */
function topParagraph(scroller: HTMLElement): { index: number; fraction: number } | null {
  const paragraphs = scroller.querySelectorAll<HTMLElement>('.article > p')
  if (!paragraphs.length) return null
  const top = scroller.getBoundingClientRect().top
  let lo = 0
  let hi = paragraphs.length - 1
  // The first paragraph whose bottom is below the column's top.
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (paragraphs[mid].getBoundingClientRect().bottom <= top) lo = mid + 1
    else hi = mid
  }
  const r = paragraphs[lo].getBoundingClientRect()
  return { index: lo, fraction: r.height ? Math.min(1, Math.max(0, (top - r.top) / r.height)) : 0 }
}

function scrollToParagraph(scroller: HTMLElement, at: { index: number; fraction: number }): void {
  const p = scroller.querySelectorAll<HTMLElement>('.article > p')[at.index]
  if (!p) return
  const r = p.getBoundingClientRect()
  scroller.scrollTop += r.top + at.fraction * r.height - scroller.getBoundingClientRect().top
}

function Column(props: {
  layer: ReviewLayer
  gold?: boolean
  text: string
  colors: Record<string, string>
  differing: Set<number>
  rejected: Set<number>
  highlight: number[]
  onReady: (h: EditorHandle) => void
  onScroll: (el: HTMLElement) => void
}) {
  const { layer } = props
  const paint: EditorPaint = useMemo(() => {
    const decorate: EditorPaint['decorate'] = {}
    for (const s of layer.spans) {
      decorate[s.id] = props.gold
        ? { className: 'sw-span--gold', title: s.provenance ? `${s.label} from ${s.provenance.annotator}, accepted by ${s.provenance.acceptedBy}` : s.label }
        : props.differing.has(s.id)
          ? {
              className: `sw-span--differs${props.rejected.has(s.id) ? ' sw-span--rejected' : ''}`,
              title: `${layer.annotator}: ${s.label} (differs${props.rejected.has(s.id) ? ', rejected' : ''})`,
            }
          : { className: 'sw-span--agreed', title: `${layer.annotator}: ${s.label} (agreed)` }
    }
    return { spans: layer.spans, relations: layer.relations, colors: props.colors, selectedSpanId: null, selectedRelationId: null, highlightSpanIds: props.highlight, decorate }
  }, [layer, props.gold, props.colors, props.differing, props.rejected, props.highlight])
  return (
    <div className={`review-column${props.gold ? ' review-column--gold' : ''}`} data-testid={`column-${layer.annotator}`}>
      <div className="column-head">
        <span className="avatar">{layer.annotator.slice(0, 1).toUpperCase()}</span>
        <strong>{props.gold ? 'Gold' : layer.annotator}</strong>
        <span className="muted">
          {layer.spans.length} spans · {layer.relations.length} relations
        </span>
      </div>
      <div className="column-scroll" onScroll={(e) => props.onScroll(e.currentTarget)}>
        <DocumentEditor text={props.text} paint={paint} onReady={props.onReady} />
      </div>
    </div>
  )
}

/**
 * Each annotator in a column, the gold layer last; the columns scroll together
 * paragraph by paragraph (the same paragraph at the top of each, however its
 * labels wrap it).
 */
export function SideBySide(props: { data: ReviewData; colors: Record<string, string>; highlight: Disagreement | undefined; onReady: (i: number, h: EditorHandle) => void }) {
  const { data } = props
  const scrollers = useRef(new Set<HTMLElement>())
  const syncing = useRef<HTMLElement | null>(null)
  const differing = useMemo(() => {
    const ids = new Set<number>()
    for (const g of data.alignment.spanGroups) if (g.difference !== 'agreed') for (const i of g.items) ids.add(i.id)
    return ids
  }, [data])
  const rejected = useMemo(() => new Set(data.rejected.spans), [data])
  const highlight = useMemo(() => {
    if (!props.highlight) return []
    const h = props.highlight
    const ids: number[] = []
    for (const l of [...data.layers, data.gold]) for (const s of l.spans) if (s.start < h.end && h.start < s.end) ids.push(s.id)
    return ids
  }, [props.highlight, data])

  const onScroll = useCallback((el: HTMLElement) => {
    scrollers.current.add(el)
    if (syncing.current && syncing.current !== el) return
    syncing.current = el
    const at = topParagraph(el)
    if (at) for (const other of document.querySelectorAll<HTMLElement>('.review-columns .column-scroll')) if (other !== el) scrollToParagraph(other, at)
    requestAnimationFrame(() => (syncing.current = null))
  }, [])

  const columns = [...data.layers.map((l) => ({ layer: l, gold: false })), { layer: data.gold, gold: true }]
  return (
    <div className="review-columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
      {columns.map((c, i) => (
        <Column
          key={c.layer.annotator}
          layer={c.layer}
          gold={c.gold}
          text={data.document.text}
          colors={props.colors}
          differing={differing}
          rejected={rejected}
          highlight={highlight}
          onReady={(h) => props.onReady(i, h)}
          onScroll={onScroll}
        />
      ))}
    </div>
  )
}
