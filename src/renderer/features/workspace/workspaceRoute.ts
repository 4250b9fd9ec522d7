import { useHashIs } from '../../app/useHashRoute'

export const WORKSPACE_HREF = '#/workspace'

/** True while the address is #/workspace (the backups screen). */
export function useWorkspaceRoute(): boolean {
  return useHashIs(WORKSPACE_HREF)
}
