import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { listWindow, scrollTopToReveal } from './listWindow'

/**
 * A list in its own scroll box that renders only the rows in view (fixed row
 * height, set in CSS to the same `rowHeight`): the span list of a 10k-span
 * layer stays about forty elements, so repainting it after a hotkey costs the
 * screen, not the layer. `renderRow` returns the row's <li>. `revealIndex`
 * scrolls that row into view when it changes (the selected span).
 */
export function VirtualList<T>(props: {
  items: readonly T[]
  rowHeight: number
  /** The box's height cap in px; shorter lists take their own height. */
  maxHeight: number
  renderRow: (item: T, index: number) => ReactNode
  revealIndex?: number | null
  label?: string
}) {
  const { items, rowHeight, maxHeight } = props
  const boxRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const height = Math.min(items.length * rowHeight, maxHeight)
  const win = listWindow(items.length, rowHeight, scrollTop, height)

  // Bring the revealed row into view (the selection moved by keyboard or in the article), from
  // the scroll position we track and the height we set, never a DOM read: a read here would force
  // a layout in the middle of a hotkey's repaint. The write waits for the next frame.
  const scrolled = useRef(scrollTop)
  scrolled.current = scrollTop
  useEffect(() => {
    if (props.revealIndex == null || props.revealIndex < 0) return
    const to = scrollTopToReveal(props.revealIndex, rowHeight, scrolled.current, height)
    if (to === null) return
    const frame = requestAnimationFrame(() => {
      if (boxRef.current) boxRef.current.scrollTop = to
      setScrollTop(to)
    })
    return () => cancelAnimationFrame(frame)
  }, [props.revealIndex, rowHeight, height])

  const rows: ReactNode[] = []
  for (let i = win.first; i < win.end; i++) rows.push(props.renderRow(items[i], i))
  return (
    <div ref={boxRef} className="vlist" style={{ height }} aria-label={props.label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul style={{ height: items.length * rowHeight, paddingTop: win.first * rowHeight }}>{rows}</ul>
    </div>
  )
}
