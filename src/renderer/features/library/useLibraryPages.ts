import { useCallback, useEffect, useRef, useState } from 'react'
import type { LibraryCounts, LibraryEntry } from '../../../shared/api/methods/documents'
import { call } from '../../api/client'
import { takeOrCall } from '../../api/prefetch'
import { whenShownAgain } from '../../components/whenShownAgain'
import { askChangedSinceDone } from './changedSinceDone'
import { countsArgs, pageArgs, PAGE_SIZE } from './libraryRequests'
import type { LibraryView } from './libraryRequests'

export { PAGE_SIZE } from './libraryRequests'
export type { LibraryView } from './libraryRequests'
/** Pages kept in memory; the farthest from the view are dropped first (a corpus can be scrolled end to end). */
const KEEP_PAGES = 30

export interface LibraryPages {
  /** Rows known to exist for this view (the count once known, else what has loaded). */
  rowCount: number
  counts: LibraryCounts | null
  /** The row at an index, or undefined while its page loads. */
  rowAt(index: number): LibraryEntry | undefined
  /** On a review marked done: the items annotators changed since (0: none; undefined until its page's answer). */
  changedSinceDone(documentId: number): number | undefined
  /** Asks for the pages covering these rows (the visible window). */
  want(first: number, last: number): void
  loading: boolean
  error: string | null
}

/**
 * The library as pages fetched on demand: only the rows near the viewport are
 * asked for, and a new view (filters, sort, query) starts over. Counts are asked
 * for beside the first page and never hold it up.
 */
export function useLibraryPages(view: LibraryView, delayMs: number): LibraryPages {
  const key = JSON.stringify(view)
  const viewRef = useRef(view)
  viewRef.current = view
  // The view being fetched (set when the debounce fires) and its pages; what is on
  // screen stays until that view's first page arrives, so typing never blanks the table.
  const active = useRef<{ gen: number; view: LibraryView; pages: Map<number, LibraryEntry[]>; inFlight: Set<number> } | null>(null)
  const shown = useRef(new Map<number, LibraryEntry[]>())
  const pendingCounts = useRef<LibraryCounts | null>(null)
  const generation = useRef(0)
  const changed = useRef(new Map<number, number>())
  // The rows last asked for (the visible window), whose badges are asked again when the library is shown again.
  const wanted = useRef({ first: 0, last: 0 })
  const [, setVersion] = useState(0)
  const [counts, setCounts] = useState<LibraryCounts | null>(null)
  const [loaded, setLoaded] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)

  const fetchPage = useCallback((page: number) => {
    const a = active.current
    if (!a || a.pages.has(page) || a.inFlight.has(page)) return
    a.inFlight.add(page)
    // The opening view's first page was asked for by the boot script (app/boot.ts): taken here once.
    takeOrCall('documents.list', pageArgs(a.view, page))
      .then((rows) => {
        a.inFlight.delete(page)
        if (a.gen !== generation.current) return
        a.pages.set(page, rows)
        evictFar(a.pages, page)
        if (shown.current !== a.pages) {
          // This view's first answer: it replaces the previous view on screen.
          shown.current = a.pages
          setCounts(pendingCounts.current)
          setLoaded(page * PAGE_SIZE + rows.length)
        } else setLoaded((n) => Math.max(n, page * PAGE_SIZE + rows.length))
        setLoading(false)
        setError(null)
        setVersion((v) => v + 1)
        // After the rows, never before them; a failure leaves the badge at "done".
        askChangedSinceDone(rows, changed.current)
          .then((any) => any && a.gen === generation.current && setVersion((v) => v + 1))
          .catch(() => undefined)
      })
      .catch((e: Error) => {
        a.inFlight.delete(page)
        if (a.gen !== generation.current) return
        setLoading(false)
        setError(e.message)
      })
  }, [])

  useEffect(() => {
    const start = () => {
      const gen = ++generation.current
      const v = viewRef.current
      active.current = { gen, view: v, pages: new Map(), inFlight: new Set() }
      pendingCounts.current = null
      fetchPage(0)
      takeOrCall('documents.counts', countsArgs(v))
        .then((c) => {
          if (gen !== generation.current) return
          pendingCounts.current = c
          if (shown.current === active.current?.pages) setCounts(c)
        })
        .catch((e: Error) => gen === generation.current && setError(e.message))
    }
    // Only typing waits; a view opened or changed by a click asks at once (a timer would cost the first rows a task).
    if (delayMs <= 0) return start()
    const t = setTimeout(start, delayMs)
    return () => clearTimeout(t)
    // The key stands for the whole view; delayMs only debounces typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchPage])

  // Shown again (the window back in front, or un-minimised): a review may have been marked done or reopened, and
  // annotators may have changed a done review meanwhile (a sync, the CLI, another window). The visible rows' pages
  // are asked again (the same page query scrolling makes, usually one), then their done reviews, in one call. The
  // status tabs' counts are asked beside the rows and shown with them, so a document marked done elsewhere moves
  // tab in both at once.
  useEffect(
    () =>
      whenShownAgain(async () => {
        const a = active.current
        if (!a || shown.current !== a.pages) return
        const freshCounts = call('documents.counts', countsArgs(a.view)).catch(() => null)
        const rows: LibraryEntry[] = []
        for (let p = Math.floor(wanted.current.first / PAGE_SIZE); p <= Math.floor(wanted.current.last / PAGE_SIZE); p++) {
          if (!a.pages.has(p)) continue
          const fresh = await call('documents.list', pageArgs(a.view, p))
          if (a.gen !== generation.current) return
          a.pages.set(p, fresh)
          rows.push(...fresh)
        }
        // Rows and counts change in one render: a tab never counts what its rows no longer show.
        const c = await freshCounts
        if (a.gen !== generation.current) return
        if (c) {
          pendingCounts.current = c
          setCounts(c)
        }
        setVersion((v) => v + 1)
        await askChangedSinceDone(rows, changed.current)
        if (a.gen === generation.current) setVersion((v) => v + 1)
      }),
    [],
  )

  const status = active.current?.view.status
  const total = counts ? (status ? counts.byStatus[status] : counts.total) : null
  // Until the counts answer, the table is as long as what has loaded (the first page paints without them).
  const rowCount = total ?? loaded
  const want = useCallback(
    (first: number, last: number) => {
      if (shown.current !== active.current?.pages) return // the next view is on its way
      wanted.current = { first, last }
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) if (p * PAGE_SIZE < Math.max(rowCount, 1)) fetchPage(p)
    },
    [fetchPage, rowCount],
  )
  const rowAt = useCallback((i: number) => shown.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], [])
  const changedSinceDone = useCallback((id: number) => changed.current.get(id), [])
  return { rowCount, counts, rowAt, changedSinceDone, want, loading, error }
}

function evictFar(pages: Map<number, LibraryEntry[]>, near: number): void {
  if (pages.size <= KEEP_PAGES) return
  const far = [...pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near))
  for (const p of far.slice(0, pages.size - KEEP_PAGES)) pages.delete(p)
}
