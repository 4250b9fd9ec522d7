import { useCallback, useEffect, useMemo, useState } from 'react'
import type { EditorHandle } from '../../editor/editorTypes'
import { findInDocument } from './textSearch'

/**
 * The in-document search (`/`): the query, its hits, the emphasised one
 * (brought into view as it moves) and whether "label all matches" is being
 * previewed.
 */
export function useDocumentSearch(text: string | null, handle: { current: EditorHandle | null }) {
  const [search, setSearch] = useState<{ query: string; active: number; labelAll?: boolean } | null>(null)
  const found = useMemo(() => (text !== null && search ? findInDocument(text, search.query) : null), [text, search?.query])
  const activeHit = found?.hits.length ? Math.min(search?.active ?? 0, found.hits.length - 1) : null
  const step = useCallback(
    (dir: 1 | -1) => {
      const n = found?.hits.length ?? 0
      if (n) setSearch((s) => s && { ...s, active: (Math.min(s.active, n - 1) + dir + n) % n })
    },
    [found],
  )
  const activeHitStart = activeHit !== null ? found!.hits[activeHit].start : null
  useEffect(() => {
    if (activeHitStart !== null) handle.current?.scrollToOffset(activeHitStart)
  }, [activeHitStart])
  return {
    search,
    found,
    activeHit,
    step,
    setOpen: (open: boolean) => setSearch((s) => (open ? (s ?? { query: '', active: 0 }) : null)),
    setQuery: (query: string) => setSearch({ query, active: 0 }),
    setLabelAll: (labelAll: boolean) => setSearch((s) => s && { ...s, labelAll }),
  }
}
