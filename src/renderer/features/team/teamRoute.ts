import { useEffect, useState } from 'react'

export const TEAM_HREF = '#/team'

/** True while the address is #/team (the Team screen). */
export function useTeamRoute(): boolean {
  const [on, setOn] = useState(() => window.location.hash === TEAM_HREF)
  useEffect(() => {
    const update = () => setOn(window.location.hash === TEAM_HREF)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return on
}
