import { useEffect, useState } from 'react'
import { parseHash } from './route'
import type { Route } from './route'

export { documentHref, parseHash } from './route'
export type { Route } from './route'

/** Hash routing: deep links like #/documents/<external id> work in both transports. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return route
}

/** True while the address is exactly `href` (a screen of its own, such as #/team). */
export function useHashIs(href: string): boolean {
  const [on, setOn] = useState(() => window.location.hash === href)
  useEffect(() => {
    const update = () => setOn(window.location.hash === href)
    update()
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [href])
  return on
}
