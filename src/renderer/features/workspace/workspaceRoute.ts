import { useEffect, useState } from 'react'

export const WORKSPACE_HREF = '#/workspace'

/** True while the address is #/workspace (the backups screen). */
export function useWorkspaceRoute(): boolean {
  const [on, setOn] = useState(() => window.location.hash === WORKSPACE_HREF)
  useEffect(() => {
    const update = () => setOn(window.location.hash === WORKSPACE_HREF)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return on
}
