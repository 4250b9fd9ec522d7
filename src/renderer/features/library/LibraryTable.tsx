import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { LibrarySort } from '../../../shared/api/methods/documents'
import { libraryColumns } from './libraryColumns'
import type { ColumnKey } from './libraryColumns'
import { LibraryRow, SkeletonRow } from './LibraryRow'
import type { LibraryPages } from './useLibraryPages'
import { virtualWindow } from './virtualWindow'

interface Column {
  key: ColumnKey
  label: string
  sort?: LibrarySort
  className?: string
}
const COLUMNS: Column[] = [
  { key: 'title', label: 'Title', sort: 'title' },
  { key: 'id', label: 'Id', sort: 'externalId' },
  { key: 'length', label: 'Characters', sort: 'length', className: 'num' },
  { key: 'spans', label: 'Spans', sort: 'spans', className: 'num' },
  { key: 'relations', label: 'Relations', className: 'num' },
  { key: 'layers', label: 'Layers', sort: 'layers' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'review', label: 'Review' },
]

/** The rendered width of an id in the id cell's font (12 px monospace), measured once per id. */
let measure: CanvasRenderingContext2D | null | undefined
function idTextWidth(id: string): number {
  if (measure === undefined) {
    measure = document.createElement('canvas').getContext('2d')
    if (measure) measure.font = `12px ${getComputedStyle(document.documentElement).getPropertyValue('--font-mono') || 'monospace'}`
  }
  return measure ? measure.measureText(id).width : id.length * 7.3
}

interface Props {
  pages: LibraryPages
  rowHeight: number
  sort: LibrarySort | undefined
  dir: 'asc' | 'desc'
  /** Click on a column: ascending, then descending, then back to corpus order. */
  onSort(sort: LibrarySort | undefined, dir: 'asc' | 'desc'): void
  empty: React.ReactNode
  /** Changes whenever the view does: scroll back to the top. */
  viewKey: string
}

/**
 * The document table, virtualized: fixed-height rows, only those in and near
 * the viewport mounted, spacer rows standing in for the rest, so a million
 * documents cost what a screenful does. Pages load as rows come into view.
 */
export function LibraryTable({ pages, rowHeight, sort, dir, onSort, empty, viewKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [width, setWidth] = useState(1200)
  // The widest id seen since the library opened: the column only grows, so it never jumps back and forth while scrolling.
  const [idWidth, setIdWidth] = useState(0)

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const measure = () => {
      setHeight(el.clientHeight)
      setWidth(el.clientWidth)
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
    setScrollTop(0)
  }, [viewKey])

  const n = pages.rowCount
  const { first, last, topSpace, bottomSpace } = virtualWindow(n, rowHeight, height, scrollTop)
  const { want } = pages
  useEffect(() => {
    want(first, Math.max(first, last))
  }, [want, first, last])

  // A mark once the first rows of a view are on screen (benchmarks and tests read it; free otherwise).
  const firstLoaded = pages.rowAt(0) !== undefined
  useEffect(() => {
    // After the next frame's paint: a rAF runs before painting, a task queued from it runs after.
    if (firstLoaded) requestAnimationFrame(() => setTimeout(() => performance.mark('spanwright:library-rows', { detail: viewKey })))
  }, [firstLoaded, viewKey])

  const { narrow, widths } = libraryColumns(width, idWidth)
  const columns = narrow ? COLUMNS.filter((c) => widths[c.key] > 0) : COLUMNS
  const rows: React.ReactNode[] = []
  let longest = ''
  for (let i = first; i <= last; i++) {
    const d = pages.rowAt(i)
    if (d && d.externalId.length > longest.length) longest = d.externalId
    rows.push(d ? <LibraryRow key={d.id} d={d} height={rowHeight} changedSinceDone={pages.changedSinceDone(d.id)} showLength={!narrow} /> : <SkeletonRow key={`s${i}`} height={rowHeight} columns={columns.length} />)
  }
  useLayoutEffect(() => {
    if (longest) setIdWidth((w) => Math.max(w, idTextWidth(longest)))
  }, [longest])
  const click = (c: Column) => {
    if (!c.sort) return
    if (sort !== c.sort) onSort(c.sort, 'asc')
    else if (dir === 'asc') onSort(c.sort, 'desc')
    else onSort(undefined, 'asc')
  }

  return (
    <div className="doc-scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="library-scroller">
      <table className={`doc-table${narrow ? ' doc-table--narrow' : ''}`} data-testid="library" aria-rowcount={n}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: widths[c.key] }} data-column={c.key} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.className} aria-sort={c.sort && sort === c.sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => click(c)}>
                    {c.label}
                    <span className="sort-arrow" aria-hidden>
                      {sort === c.sort ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {topSpace > 0 && <tr className="spacer" style={{ height: topSpace }} aria-hidden />}
          {rows}
          {bottomSpace > 0 && <tr className="spacer" style={{ height: bottomSpace }} aria-hidden />}
          {n === 0 && !pages.loading && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
