// Apart from desktop.ts (zod), so the renderer's first script can use it without the schemas.
/** What the application menu asks the window to do (sent from main, handled by the renderer). */
export const MENU_ACTIONS = ['import', 'export', 'undo', 'redo', 'toggle-theme', 'open-backups'] as const
export type MenuAction = (typeof MENU_ACTIONS)[number]

export function isMenuAction(v: unknown): v is MenuAction {
  return typeof v === 'string' && (MENU_ACTIONS as readonly string[]).includes(v)
}
