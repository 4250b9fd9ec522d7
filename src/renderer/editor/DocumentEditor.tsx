import { TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { EditorContent, useEditor } from '@tiptap/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { measureArcInputs } from './arcAnchors'
import { ArcLayer } from './ArcLayer'
import type { DragLine } from './ArcLayer'
import { DEFAULT_ARC_OPTIONS, layoutArcs } from './arcLayout'
import { layOutRestWhenIdle } from './deferredLayout'
import type { LaidArc } from './arcLayout'
import { lineElement } from './chunking'
import { ARTICLE_NODES, textToDoc } from './documentNodes'
import type { DocumentEditorProps } from './editorTypes'
import { PositionMap } from './positionMap'
import { scrollPointIntoView } from './scrollToRange'
import { caretOffset, selectionOffsets } from './selectionOffsets'
import { applyDecorations, buildDecorations, dispatchWithoutSelectionRecheck, SpanDecorations } from './spanDecorations'
import { SpanIndex } from './spanIndex'
import { firstLineIsTitle } from './titleLine'
import { rangeCovers, visibleLineRange } from './viewportWindow'
import type { LineRange } from './viewportWindow'

/** Arc rails above the label tags: room for three levels between the lines (see .article line-height with data-arcs). */
const ARC_OPTIONS = { ...DEFAULT_ARC_OPTIONS, baseHeight: 7, levelHeight: 8, maxLevel: 2 }

/**
 * The read-only article view: one TipTap editor over the whole immutable text
 * (no paging), with the layer painted as decorations and the relations drawn
 * as arcs in an SVG layer over it. Only the lines near the viewport (one
 * screen above and below) are decorated and only arcs with an end there are
 * laid out; scrolling moves that window (once per animation frame). A change
 * of the layer repaints the same window without measuring it again.
 * Signals readiness (data attribute and a performance mark) once the first
 * window is painted.
 */
export function DocumentEditor(props: DocumentEditorProps) {
  const { text, paint } = props
  const map = useMemo(() => new PositionMap(text), [text])
  const titleLine = useMemo(() => firstLineIsTitle(text, props.title), [text, props.title])
  // Built once per text: the options object below is evaluated on every render, though read only at creation.
  const content = useMemo(() => textToDoc(text, map.chunkLines), [text, map])
  const index = useMemo(() => new SpanIndex(paint.spans), [paint.spans])
  const rootRef = useRef<HTMLDivElement>(null)
  const readyRef = useRef(false)
  const rangeRef = useRef<LineRange | null>(null)
  const [arcs, setArcs] = useState<LaidArc[]>([])
  const [drag, setDrag] = useState<DragLine | null>(null)
  // Set while a relation drag has moved, so its release is not also a click.
  const dragMoved = useRef(false)
  // The latest committed props for handlers registered once (scroll, resize, the handle). Set in a layout effect,
  // not during render: a render React sets aside (a deferred one, started before an edit was saved) must not leave
  // its older paint here for the next repaint to draw.
  const latest = useRef({ paint, index, map, props })
  useLayoutEffect(() => {
    latest.current = { paint, index, map, props }
  })

  const editor = useEditor(
    {
      editable: false,
      injectCSS: false,
      shouldRerenderOnTransaction: false,
      // Of TipTap's core extensions a read-only view needs Editable (editable: false) and the clipboard's text
      // serializer: keys, drop, paste, delete and focus events are for editing, and nothing here runs a TipTap
      // command (readOnlyView.spec). Left out, creating the editor took 8.5 instead of 13.2 ms (median of 15).
      enableCoreExtensions: { keymap: false, tabindex: false, drop: false, paste: false, delete: false, focusEvents: false, textDirection: false, commands: false },
      extensions: [...ARTICLE_NODES, SpanDecorations],
      content,
      editorProps: { attributes: { class: 'article', 'aria-label': 'Document text', spellcheck: 'false', translate: 'no' } },
    },
    [text],
  )

  const layoutArcLayer = useCallback(() => {
    const root = rootRef.current
    if (!root || !editor || editor.isDestroyed) return
    const { paint, index } = latest.current
    const input = measureArcInputs(root, editor.view.dom, paint.relations, index)
    setArcs(input.relations.length ? layoutArcs(input.relations, input.anchors, { ...ARC_OPTIONS, left: input.left, width: input.width, margin: input.margin }) : [])
  }, [editor])

  const arcFrame = useRef(0)
  const scheduleArcs = useCallback(() => {
    cancelAnimationFrame(arcFrame.current)
    arcFrame.current = requestAnimationFrame(layoutArcLayer)
  }, [layoutArcLayer])

  /** Decorates the lines near the viewport; `force` repaints even when the window has not moved. */
  const paintWindow = useCallback(
    (force: boolean) => {
      if (!editor || editor.isDestroyed) return
      const view = editor.view
      const { paint, index, map } = latest.current
      // Hysteresis: decorate one screen around the viewport, and redo it only once the
      // screen plus half a screen is no longer inside what is decorated. (A wider window
      // redecorates less often but each time relayouts more text: the longest scroll frame grew.)
      // A forced repaint (the layer changed, not the scroll) keeps the decorated window: measuring
      // it again would force a layout of the changed DOM before the new paint is even applied.
      if (!force && rangeCovers(rangeRef.current, visibleLineRange(view.dom, window.innerHeight / 2, map.chunkLines))) return
      const range = force && rangeRef.current ? rangeRef.current : visibleLineRange(view.dom, window.innerHeight, map.chunkLines)
      rangeRef.current = range
      const lines = map.lines
      const from = range.last >= range.first ? lines[range.first].start : 0
      const to = range.last >= range.first ? lines[range.last].start + lines[range.last].length + 1 : 0
      latest.current.props.onWindowChange?.(from, Math.min(to, latest.current.props.text.length))
      // A repaint can land between a selection and its selectionchange event (a suggestions reply, a save):
      // tell the editor of the page's selection first, or it would redraw its older one over it.
      const selected = syncSelectionFromPage(view, window.getSelection())
      applyDecorations(view, buildDecorations(view.state.doc, map, paint, index, from, to))
      // Redrawn text under the selection drops the page's selection; put it back from the editor's.
      if (selected && !pageSelectionIsEditors(view)) restorePageSelection(view)
      scheduleArcs()
    },
    [editor, scheduleArcs],
  )

  // Repaint whenever what is painted changes.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    paintWindow(true)
    if (readyRef.current) return
    readyRef.current = true
    rootRef.current?.setAttribute('data-document-ready', 'true')
    performance.mark('spanwright:document-ready')
    const view = editor.view
    props.onReady?.({
      selectionOffsets: () => selectionOffsets(view, latest.current.map, text),
      scrollToOffset: (offset) => {
        const m = latest.current.map
        const paragraph = lineElement(view.dom, m.lineOf(offset), m.chunkLines)
        if (!paragraph) return
        const { node, offset: at } = view.domAtPos(m.toPos(offset))
        scrollPointIntoView(paragraph, node, at)
        paintWindow(false)
      },
      caretOffset: () => caretOffset(view, latest.current.map),
      selectRange: (start, end) => {
        const m = latest.current.map
        const paragraph = lineElement(view.dom, m.lineOf(end), m.chunkLines)
        const b = view.domAtPos(m.toPos(end))
        if (paragraph) scrollPointIntoView(paragraph, b.node, b.offset)
        paintWindow(false)
        // The editor's own selection too: a later repaint (a scroll, a changed layer) redraws the selection
        // from the editor's state, which would otherwise put back an older one.
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, m.toPos(start), m.toPos(end))))
        // Positions are read after the repaint: decorations may have rewrapped the text nodes.
        const a = view.domAtPos(m.toPos(start))
        const z = view.domAtPos(m.toPos(end))
        const range = document.createRange()
        range.setStart(a.node, a.offset)
        range.setEnd(z.node, z.offset)
        const sel = window.getSelection()
        sel?.removeAllRanges()
        sel?.addRange(range)
      },
    })
  }, [editor, map, index, paint, paintWindow])

  // Lines far from the screen are laid out once the first screen is painted and the page is idle (deferredLayout.ts).
  useEffect(() => (editor && rootRef.current ? layOutRestWhenIdle(rootRef.current) : undefined), [editor])

  // Follow scrolling (of whichever container scrolls) and resizing, once per frame.
  useEffect(() => {
    const root = rootRef.current
    if (!editor || !root) return
    let frame = 0
    const onScroll = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        paintWindow(false)
      })
    }
    const resize = new ResizeObserver(() => {
      paintWindow(false)
      scheduleArcs()
    })
    resize.observe(root)
    window.addEventListener('scroll', onScroll, { capture: true, passive: true })
    window.addEventListener('resize', onScroll)
    return () => {
      cancelAnimationFrame(frame)
      cancelAnimationFrame(arcFrame.current)
      resize.disconnect()
      window.removeEventListener('scroll', onScroll, { capture: true })
      window.removeEventListener('resize', onScroll)
    }
  }, [editor, paintWindow, scheduleArcs])

  // Relation by mouse: press on a span's label tag, release over another span or its tag.
  const startDrag = (e: React.MouseEvent) => {
    const tag = (e.target as HTMLElement).closest<HTMLElement>('[data-tag-for]')
    const root = rootRef.current
    if (!tag || !root || e.button !== 0 || !latest.current.props.onSpanDragOnto) return
    e.preventDefault()
    const headId = Number(tag.dataset.tagFor)
    const origin = root.getBoundingClientRect()
    const t = tag.getBoundingClientRect()
    const x1 = (t.left + t.right) / 2 - origin.left
    const y1 = t.top - origin.top
    dragMoved.current = false
    const onMove = (m: MouseEvent) => {
      dragMoved.current = true
      const o = root.getBoundingClientRect()
      setDrag({ x1: x1 + origin.left - o.left, y1: y1 + origin.top - o.top, x2: m.clientX - o.left, y2: m.clientY - o.top })
    }
    const onUp = (u: MouseEvent) => {
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
      setDrag(null)
      if (!dragMoved.current) return
      dragMoved.current = false
      const target = (u.target as HTMLElement | null)?.closest?.<HTMLElement>('[data-span-id], [data-tag-for]')
      const tailId = Number(target?.dataset.spanId ?? target?.dataset.tagFor ?? NaN)
      if (Number.isFinite(tailId) && tailId !== headId) latest.current.props.onSpanDragOnto?.(headId, tailId)
    }
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
  }

  return (
    <div
      ref={rootRef}
      className="document-root"
      data-document-ready="false"
      data-arcs={paint.relations.length > 0 ? 'true' : 'false'}
      data-title-line={titleLine ? 'true' : 'false'}
      onMouseDown={startDrag}
      onMouseUp={(e) => {
        const sel = window.getSelection()
        // The editor learns of a new page selection only on the next selectionchange event; a repaint before
        // then (the click selecting a span) would put its old selection back. Tell it now.
        if (editor && !editor.isDestroyed) syncSelectionFromPage(editor.view, sel)
        if ((sel && !sel.isCollapsed) || dragMoved.current) return
        const suggestion = (e.target as HTMLElement).closest<HTMLElement>('[data-suggestion], [data-suggestion-tag]')
        if (suggestion) return props.onSuggestionClick?.(Number(suggestion.dataset.suggestion ?? suggestion.dataset.suggestionTag))
        const hit = (e.target as HTMLElement).closest<HTMLElement>('[data-span-id]')
        const tag = (e.target as HTMLElement).closest<HTMLElement>('[data-tag-for]')
        const id = tag?.dataset.tagFor ?? hit?.dataset.spanId
        if (id) props.onSpanClick?.(Number(id), e.nativeEvent)
      }}
    >
      <EditorContent editor={editor} />
      <ArcLayer arcs={arcs} colors={paint.colors} selectedRelationId={paint.selectedRelationId} drag={drag} onRelationClick={props.onRelationClick} />
    </div>
  )
}

function selectionInside(view: EditorView, sel: Selection | null): sel is Selection {
  return !!sel && !!sel.anchorNode && !!sel.focusNode && view.dom.contains(sel.anchorNode) && view.dom.contains(sel.focusNode)
}

/** Makes the editor's selection the page's (when the page's is inside the article), so a repaint keeps it; true when there is a selection of text there. */
function syncSelectionFromPage(view: EditorView, sel: Selection | null): boolean {
  if (!selectionInside(view, sel)) return false
  try {
    const anchor = view.posAtDOM(sel.anchorNode!, sel.anchorOffset)
    const head = view.posAtDOM(sel.focusNode!, sel.focusOffset)
    const cur = view.state.selection
    if (cur.anchor !== anchor || cur.head !== head) dispatchWithoutSelectionRecheck(view, () => view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head))))
    return anchor !== head
  } catch {
    // a position inside a label tag: nothing to sync
    return false
  }
}

/** Whether the page's selection is still the editor's (a redraw may have dropped or collapsed it). */
function pageSelectionIsEditors(view: EditorView): boolean {
  const sel = window.getSelection()
  if (!selectionInside(view, sel)) return false
  try {
    const cur = view.state.selection
    return view.posAtDOM(sel.anchorNode!, sel.anchorOffset) === cur.anchor && view.posAtDOM(sel.focusNode!, sel.focusOffset) === cur.head
  } catch {
    return false
  }
}

/** Draws the editor's selection as the page's (after a redraw replaced the text nodes it was in). */
function restorePageSelection(view: EditorView): void {
  const { anchor, head } = view.state.selection
  const a = view.domAtPos(anchor)
  const h = view.domAtPos(head)
  window.getSelection()?.setBaseAndExtent(a.node, a.offset, h.node, h.offset)
}
