import type { MenuItemConstructorOptions } from 'electron'
import type { MenuAction } from '../../shared/api/menuActions'

/** What the menu's items do; main.ts binds them to windows, dialogs and the worker. */
export interface MenuHandlers {
  openWorkspace(): void
  newWorkspace(): void
  openRecent(file: string): void
  clearRecent(): void
  /** Sent to the window: the renderer opens its dialog, runs undo, switches theme. */
  send(action: MenuAction): void
  openHelp(): void
}

export interface MenuFacts {
  isMac: boolean
  recent: string[]
  appName: string
}

/**
 * The application menu as data (pure, so a unit test reads every item and
 * accelerator). Undo and Redo show their keys but do not register them
 * (`registerAccelerator: false`): the keys reach the page, where the editor's
 * own history answers them; the menu items send the same command.
 */
export function appMenuTemplate(f: MenuFacts, h: MenuHandlers): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = f.recent.length
    ? [...f.recent.map((file) => ({ label: file, click: () => h.openRecent(file) })), { type: 'separator' as const }, { label: 'Clear Recent', click: () => h.clearRecent() }]
    : [{ label: 'No recent workspaces', enabled: false }]
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => h.openWorkspace() },
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => h.newWorkspace() },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => h.send('import') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => h.send('export') },
      { label: 'Backups', accelerator: 'CmdOrCtrl+Shift+B', click: () => h.send('open-backups') },
      ...(f.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }]),
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => h.send('undo') },
      { label: 'Redo', accelerator: f.isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', registerAccelerator: false, click: () => h.send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { type: 'separator' },
      { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+D', click: () => h.send('toggle-theme') },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: `${f.appName} Help`, accelerator: 'F1', click: () => h.openHelp() }] }
  const mac: MenuItemConstructorOptions[] = f.isMac ? [{ label: f.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] }] : []
  return [...mac, file, edit, view, help]
}
