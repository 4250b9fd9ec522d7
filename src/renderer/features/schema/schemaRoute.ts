import { useEffect, useState } from 'react'

export const SCHEMA_HREF = '#/schema'

/** True while the address is #/schema (kept here so the app's document routes stay untouched). */
export function useSchemaRoute(): boolean {
  const [on, setOn] = useState(() => window.location.hash === SCHEMA_HREF)
  useEffect(() => {
    const update = () => setOn(window.location.hash === SCHEMA_HREF)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return on
}
