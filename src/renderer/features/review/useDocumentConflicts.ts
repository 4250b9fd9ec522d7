import { useCallback, useEffect, useRef, useState } from 'react'
import type { TeamConflict } from '../../../shared/api/methods/conflicts'
import { call } from '../../api/client'

/** How often an open document asks for its sync conflicts: a background sync can bring new ones while it is on screen. */
export const CONFLICT_POLL_MS = 3_000

const sameList = (a: TeamConflict[], b: TeamConflict[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The document's sync conflicts, read when it opens and again every few
 * seconds (one local read of a small table; skipped while the window is
 * hidden). `onArrived` is told when a conflict this view had not shown
 * appears: the sync that made it also changed the document under the view.
 */
export function useDocumentConflicts(documentId: number, onArrived: () => void): { conflicts: TeamConflict[]; error: string | null; load(): void } {
  const [conflicts, setConflicts] = useState<TeamConflict[]>([])
  const [error, setError] = useState<string | null>(null)
  const shown = useRef<{ documentId: number; ids: Set<number> } | null>(null)
  const arrived = useRef(onArrived)
  arrived.current = onArrived

  const load = useCallback(() => {
    call('conflicts.list', { documentId })
      .then((list) => {
        const before = shown.current?.documentId === documentId ? shown.current.ids : null
        shown.current = { documentId, ids: new Set(list.map((c) => c.id)) }
        setConflicts((old) => (sameList(old, list) ? old : list))
        setError(null)
        if (before && list.some((c) => !before.has(c.id))) arrived.current()
      })
      .catch((e: Error) => setError(e.message))
  }, [documentId])

  useEffect(() => {
    load()
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') load()
    }, CONFLICT_POLL_MS)
    return () => clearInterval(timer)
  }, [load])

  return { conflicts, error, load }
}
