import { useCallback, useEffect, useRef, useState } from 'react'
import type { TeamSyncState } from '../../../shared/api/methods/team'
import { call } from '../../api/client'

/** How often the screen reads the state (a local read, no server round trip): quickly while a sync runs. */
const POLL_MS = 1_000
const POLL_SYNCING_MS = 400

/** The sync state, polled while the screen is open, and a setter for the answers of team.* calls. */
export function useTeamState(): { state: TeamSyncState | null; error: string | null; set(s: TeamSyncState): void; now: number } {
  const [state, setState] = useState<TeamSyncState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const syncing = useRef(false)
  const set = useCallback((s: TeamSyncState) => {
    syncing.current = s.syncing
    setState(s)
  }, [])
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      call('team.state', {})
        .then((s) => {
          if (stopped) return
          set(s)
          setError(null)
        })
        .catch((e: Error) => !stopped && setError(e.message))
        .finally(() => {
          if (stopped) return
          setNow(Date.now())
          timer = setTimeout(tick, syncing.current ? POLL_SYNCING_MS : POLL_MS)
        })
    }
    tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [set])
  return { state, error, set, now }
}
