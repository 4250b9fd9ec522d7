import type { DesktopMethod, DesktopResults } from '../../shared/api/desktop'
import type { MenuAction } from '../../shared/api/menuActions'
import { isMenuAction } from '../../shared/api/menuActions'
import type { Reply } from '../../shared/api/errors'
import { ApiCallError } from './client'

/** True in the desktop app (the preload's bridge is there); false in a browser. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.spanwright !== undefined
}

/** A desktop.* call (native dialogs, the file manager), through the preload's one invoke. */
export async function desktopCall<M extends DesktopMethod>(method: M, args: Record<string, unknown> = {}): Promise<DesktopResults[M]> {
  const bridge = window.spanwright
  if (!bridge) throw new ApiCallError({ code: 'unavailable', message: `${method} is only in the desktop app` })
  const reply = (await bridge.invoke(method, args)) as Reply<DesktopResults[M]>
  if (!reply.ok) throw new ApiCallError(reply.error)
  return reply.value
}

/** Subscribes to the application menu's commands (desktop only; a no-op in a browser). */
export function onMenuAction(listener: (action: MenuAction) => void): () => void {
  const bridge = window.spanwright
  if (!bridge?.onMenu) return () => {}
  return bridge.onMenu((a) => isMenuAction(a) && listener(a))
}

/** The on-disk paths of dropped files (desktop); files without one (e.g. from a browser) are left out. */
export function droppedPaths(files: readonly File[]): string[] {
  const bridge = window.spanwright
  if (!bridge?.pathForFile) return []
  return files.map((f) => bridge.pathForFile!(f)).filter((p) => p.length > 0)
}
