import { useHashIs } from '../../app/useHashRoute'

export const TEAM_HREF = '#/team'

/** True while the address is #/team (the Team screen). */
export function useTeamRoute(): boolean {
  return useHashIs(TEAM_HREF)
}
