import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ReviewData, ReviewLayer } from '../../../shared/api/methods/review'
import { decideReview } from '../../../shared/review/decisions'
import { countOf as plural } from '../../../shared/text/plural'
import type { ReadingState } from '../../../shared/review/decisions'
import { DocumentEditor } from '../../editor/DocumentEditor'
import type { EditorHandle, EditorPaint } from '../../editor/editorTypes'
import type { Disagreement } from './mergedModel'
import { columnGrid } from './columnGrid'
import { highlightedSpanIds } from './highlightedSpans'

/** More annotators than this: choose which columns show (gold always does), two at first. Up to it, all fit at 250 px or more on a 1400 px screen. */
const ALL_COLUMNS_UP_TO = 3

/** The paragraph at the top of a scrolled column, and how far into it (0-1) the top is. */
function topParagraph(scroller: HTMLElement): { index: number; fraction: number } | null {
  const paragraphs = scroller.querySelectorAll<HTMLElement>('.article > *')
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
  const p = scroller.querySelectorAll<HTMLElement>('.article > *')[at.index]
  if (!p) return
  const r = p.getBoundingClientRect()
  scroller.scrollTop += r.top + at.fraction * r.height - scroller.getBoundingClientRect().top
}

const STATE_CLASS: Record<ReadingState, string> = { open: '', accepted: ' sw-span--accepted', rejected: ' sw-span--rejected' }

function Column(props: {
  layer: ReviewLayer
  gold?: boolean
  mark: string
  text: string
  colors: Record<string, string>
  states: Map<number, ReadingState>
  highlight: number[]
  focus: number | null
  onScroll: (el: HTMLElement) => void
  onFollow: () => void
}) {
  const { layer, focus } = props
  const handle = useRef<EditorHandle | null>(null)
  const paint: EditorPaint = useMemo(() => {
    const decorate: EditorPaint['decorate'] = {}
    for (const s of layer.spans) {
      const state = props.states.get(s.id)
      decorate[s.id] = props.gold
        ? { className: 'sw-span--gold', title: s.provenance ? `${s.label} from ${s.provenance.annotator}, accepted by ${s.provenance.acceptedBy}` : s.label }
        : state
          ? { className: `sw-span--differs${STATE_CLASS[state]}`, title: `${layer.annotator}: ${s.label} (differs${state === 'open' ? '' : `, ${state}`})` }
          : { className: 'sw-span--agreed', title: `${layer.annotator}: ${s.label} (agreed)` }
    }
    return { spans: layer.spans, relations: layer.relations, colors: props.colors, selectedSpanId: null, selectedRelationId: null, highlightSpanIds: props.highlight, decorate }
  }, [layer, props.gold, props.colors, props.states, props.highlight])
  const follow = useCallback(() => {
    if (focus === null || !handle.current) return
    props.onFollow()
    handle.current.scrollToOffset(focus)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus])
  useEffect(follow, [follow])
  return (
    <div className={`review-column${props.gold ? ' review-column--gold' : ''}`} data-testid={`column-${layer.annotator}`}>
      <div className="column-head" title={`${props.gold ? 'Gold' : layer.annotator}: ${plural(layer.spans.length, 'span')}, ${plural(layer.relations.length, 'relation')}`}>
        <span className="avatar">{props.gold ? 'G' : props.mark}</span>
        <strong>{props.gold ? 'Gold' : layer.annotator}</strong>
        <span className="muted">
          {plural(layer.spans.length, 'span')} · {plural(layer.relations.length, 'relation')}
        </span>
      </div>
      <div className="column-scroll" onScroll={(e) => props.onScroll(e.currentTarget)}>
        <DocumentEditor
          text={props.text}
          paint={paint}
          onReady={(h) => {
            handle.current = h
            follow()
          }}
        />
      </div>
    </div>
  )
}

/**
 * Each annotator in a column, the gold layer last. The columns scroll together
 * paragraph by paragraph, and every column brings the current disagreement
 * into view. With more than three annotators a chooser picks the columns
 * shown (two at first), so each keeps a readable width; in a narrow window
 * the columns narrow, then wrap into rows (columnGrid), never scrolling sideways.
 */
export function SideBySide(props: { data: ReviewData; colors: Record<string, string>; marks: Map<string, string>; highlight: Disagreement | undefined }) {
  const { data } = props
  const rowRef = useRef<HTMLDivElement>(null)
  const syncing = useRef<HTMLElement | null>(null)
  const following = useRef(false)
  const names = data.layers.map((l) => l.annotator)
  const [shown, setShown] = useState<string[]>(() => (names.length > ALL_COLUMNS_UP_TO ? names.slice(0, 2) : names))
  const states = useMemo(() => {
    const m = new Map<number, ReadingState>()
    for (const d of decideReview(data).disagreements) if (d.kind === 'span') for (const r of d.readings) for (const id of r.itemIds) m.set(id, r.state)
    return m
  }, [data])
  const highlight = useMemo(() => {
    return props.highlight ? highlightedSpanIds(props.highlight, [...data.layers, data.gold]) : []
  }, [props.highlight, data])

  const onScroll = useCallback((el: HTMLElement) => {
    // While the columns follow a disagreement each scrolls itself; syncing them then would fight it.
    if (following.current) return
    if (syncing.current && syncing.current !== el) return
    syncing.current = el
    const at = topParagraph(el)
    if (at) for (const other of rowRef.current?.querySelectorAll<HTMLElement>('.column-scroll') ?? []) if (other !== el) scrollToParagraph(other, at)
    requestAnimationFrame(() => (syncing.current = null))
  }, [])
  // Each column brings the disagreement into view itself (so it shows even where layouts differ); their scroll events
  // arrive in the next frame and are ignored; then the others line up with the first column, paragraph by paragraph.
  const followFrame = useRef(0)
  const onFollow = useCallback(() => {
    following.current = true
    cancelAnimationFrame(followFrame.current)
    followFrame.current = requestAnimationFrame(() => {
      followFrame.current = requestAnimationFrame(() => {
        following.current = false
        const [first, ...others] = rowRef.current?.querySelectorAll<HTMLElement>('.column-scroll') ?? []
        const at = first && topParagraph(first)
        if (at) for (const other of others) scrollToParagraph(other, at)
      })
    })
  }, [])

  // The row's width, for columnGrid: the columns narrow to fit it, then wrap into rows, never past its edge.
  const [rowWidth, setRowWidth] = useState(0)
  useEffect(() => {
    const el = rowRef.current
    if (!el) return
    const ro = new ResizeObserver(() => setRowWidth(el.clientWidth))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  const toggle = (name: string) => setShown((s) => (s.includes(name) ? (s.length > 1 ? s.filter((x) => x !== name) : s) : names.filter((n) => n === name || s.includes(n))))
  const layers = data.layers.filter((l) => shown.includes(l.annotator))
  const columns = [...layers.map((l) => ({ layer: l, gold: false })), { layer: data.gold, gold: true }]
  const grid = columnGrid(columns.length, rowWidth)
  return (
    <div className="review-side-by-side">
      {names.length > ALL_COLUMNS_UP_TO && (
        <div className="column-chooser" role="group" aria-label="Columns shown" data-testid="column-chooser">
          <span className="filter-name">Columns</span>
          {names.map((a) => (
            <button key={a} className={`chip${shown.includes(a) ? ' chip-on' : ''}`} aria-pressed={shown.includes(a)} onClick={() => toggle(a)}>
              <span className="who-mark">{props.marks.get(a)}</span> {a}
            </button>
          ))}
          <span className="muted filter-hint">
            {shown.length} of {names.length} shown, with gold
          </span>
        </div>
      )}
      {/* One line height for every column: a layer with relations has taller lines (room for arc rails), so a column
          without any would drift out of line with the others, further down each line. */}
      <div ref={rowRef} className="review-columns" data-arcs={columns.some((c) => c.layer.relations.length > 0) ? 'true' : 'false'} style={{ gridTemplateColumns: `repeat(${grid.perRow}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` }}>
        {columns.map((c) => (
          <Column
            key={c.layer.annotator}
            layer={c.layer}
            gold={c.gold}
            mark={props.marks.get(c.layer.annotator) ?? c.layer.annotator.slice(0, 1)}
            text={data.document.text}
            colors={props.colors}
            states={states}
            highlight={highlight}
            focus={props.highlight ? props.highlight.start : null}
            onScroll={onScroll}
            onFollow={onFollow}
          />
        ))}
      </div>
    </div>
  )
}
