import { useEffect } from 'react'
import type { MenuAction } from '../../shared/api/menuActions'
import { droppedPaths, isDesktop, onMenuAction } from '../api/desktop'
import { WORKSPACE_HREF } from '../features/workspace/workspaceRoute'

/** Undo/Redo from the menu: the same key the editor's own handler answers (its history, not the text field's). */
function pressHistoryKey(redo: boolean): void {
  const mac = /Mac/.test(navigator.platform)
  const init: KeyboardEventInit = { key: redo && !mac ? 'y' : 'z', shiftKey: redo && mac, ctrlKey: !mac, metaKey: mac, bubbles: true, cancelable: true }
  ;(document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', init))
}

/** What a menu command does in the window (pure dispatch over the app's callbacks). */
export function runMenuAction(action: MenuAction, openTransfer: (kind: 'import' | 'export') => void): void {
  if (action === 'import' || action === 'export') openTransfer(action)
  else if (action === 'undo' || action === 'redo') pressHistoryKey(action === 'redo')
  else if (action === 'toggle-theme') document.querySelector<HTMLButtonElement>('.theme-switch')?.click()
  else if (action === 'open-backups') window.location.hash = WORKSPACE_HREF.replace(/^#/, '')
}

/**
 * Desktop only: the application menu's commands, and files dropped on the
 * window, which open the import dialog with their paths (read where they
 * are; nothing is uploaded). In a browser this does nothing.
 */
export function useDesktopCommands(openTransfer: (kind: 'import' | 'export', paths?: string[]) => void): void {
  useEffect(() => {
    if (!isDesktop()) return
    const off = onMenuAction((a) => runMenuAction(a, openTransfer))
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    const drop = (e: DragEvent) => {
      const paths = droppedPaths([...(e.dataTransfer?.files ?? [])])
      if (!paths.length) return
      e.preventDefault()
      openTransfer('import', paths)
    }
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      off()
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [openTransfer])
}
