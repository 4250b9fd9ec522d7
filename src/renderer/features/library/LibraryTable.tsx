import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { LibrarySort } from '../../../shared/api/methods/documents'
import { LibraryRow, SkeletonRow } from './LibraryRow'
import type { LibraryPages } from './useLibraryPages'
import { virtualWindow } from './virtualWindow'

interface Column {
  label: string
  sort?: LibrarySort
  className?: string
  width: string
}
const COLUMNS: Column[] = [
  { label: 'Title', sort: 'title', width: 'auto' },
  { label: 'Id', sort: 'externalId', width: '136px' },
  { label: 'Characters', sort: 'length', className: 'num', width: '118px' },
  { label: 'Spans', sort: 'spans', className: 'num', width: '84px' },
  { label: 'Relations', className: 'num', width: '100px' },
  { label: 'Layers', sort: 'layers', width: '110px' },
  { label: 'Status', sort: 'status', width: '128px' },
  { label: 'Review', width: '258px' },
]

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

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const measure = () => setHeight(el.clientHeight)
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

  const rows: React.ReactNode[] = []
  for (let i = first; i <= last; i++) {
    const d = pages.rowAt(i)
    rows.push(d ? <LibraryRow key={d.id} d={d} height={rowHeight} changedSinceDone={pages.changedSinceDone(d.id)} /> : <SkeletonRow key={`s${i}`} height={rowHeight} />)
  }
  const click = (c: Column) => {
    if (!c.sort) return
    if (sort !== c.sort) onSort(c.sort, 'asc')
    else if (dir === 'asc') onSort(c.sort, 'desc')
    else onSort(undefined, 'asc')
  }

  return (
    <div className="doc-scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="library-scroller">
      <table className="doc-table" data-testid="library" aria-rowcount={n}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
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
              <td colSpan={COLUMNS.length} className="empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
