import { useEffect, useState } from 'react'

export const RECOMMENDERS_HREF = '#/recommenders'

/** True while the address is #/recommenders (the Recommenders screen). */
export function useRecommendersRoute(): boolean {
  const [on, setOn] = useState(() => window.location.hash === RECOMMENDERS_HREF)
  useEffect(() => {
    const update = () => setOn(window.location.hash === RECOMMENDERS_HREF)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return on
}
