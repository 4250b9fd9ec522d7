import { useEffect, useState } from 'react'

export type Route = { name: 'library' } | { name: 'document'; externalId: string }

export function parseHash(hash: string): Route {
  const m = /^#\/documents\/(.+)$/.exec(hash)
  if (m) {
    try {
      return { name: 'document', externalId: decodeURIComponent(m[1]) }
    } catch {
      return { name: 'library' }
    }
  }
  return { name: 'library' }
}

export function documentHref(externalId: string): string {
  return `#/documents/${encodeURIComponent(externalId)}`
}

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
