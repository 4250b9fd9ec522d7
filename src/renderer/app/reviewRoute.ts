import { useEffect, useState } from 'react'

export const AGREEMENT_HREF = '#/agreement'

/** The review screens' routes: #/review/<external id> and #/agreement (kept here so the app's own routes stay untouched). */
export type ReviewRoute = { name: 'review'; externalId: string } | { name: 'agreement' } | null

export function parseReviewHash(hash: string): ReviewRoute {
  if (hash === AGREEMENT_HREF || hash.startsWith(`${AGREEMENT_HREF}?`)) return { name: 'agreement' }
  const m = /^#\/review\/(.+)$/.exec(hash)
  if (!m) return null
  try {
    return { name: 'review', externalId: decodeURIComponent(m[1]) }
  } catch {
    return null
  }
}

export function reviewHref(externalId: string): string {
  return `#/review/${encodeURIComponent(externalId)}`
}

export function useReviewRoute(): ReviewRoute {
  const [route, setRoute] = useState(() => parseReviewHash(window.location.hash))
  useEffect(() => {
    const update = () => setRoute(parseReviewHash(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return route
}
