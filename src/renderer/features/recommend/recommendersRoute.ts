import { useHashIs } from '../../app/useHashRoute'

export const RECOMMENDERS_HREF = '#/recommenders'

/** True while the address is #/recommenders (the Recommenders screen). */
export function useRecommendersRoute(): boolean {
  return useHashIs(RECOMMENDERS_HREF)
}
