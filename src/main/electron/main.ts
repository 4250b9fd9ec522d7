import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, shell } from 'electron'
import path from 'node:path'
import { isDesktopMethod } from '../../shared/api/desktop'
import type { MenuAction } from '../../shared/api/menuActions'
import { appRoot, defaultWorkspaceFile, userDataDir } from '../workspace/paths'
import { ensureWorkspaceFolder } from '../workspace/workspaceFolder'
import { CredentialVault } from '../services/team/credentialVault'
import { withTeamCredentials } from '../services/team/teamCredentials'
import { appMenuTemplate } from './appMenu'
import { desktopCall } from './desktopMethods'
import { isTrustedRendererUrl, registerIpcApi } from './ipcAdapter'
import { lockDownWebContents } from './lockDown'
import { installElectronNativeBinding } from './nativeBinding'
import { readRecent, withRecent, writeRecent } from './recentWorkspaces'
import { readWindowState, restoredState, writeWindowState } from './windowState'
import { safeStorageCipher } from './safeStorageCipher'
import { mainWindowOptions } from './windowOptions'
import { WorkspaceSession } from './workspaceSession'

// The same data folder the CLI and `npm run web` use.
app.setName('Spanwright')
app.setPath('userData', userDataDir())
// First run: make the data folder ourselves, private (0700), before Chromium creates it.
// A disk that refuses is reported by the workspace dialog below, in plain words.
try {
  ensureWorkspaceFolder(defaultWorkspaceFile())
} catch {
  // the workspace dialog says why
}

/** Keep in step with MENU_CHANNEL in src/preload/index.ts. */
const MENU_CHANNEL = 'spanwright:menu'
const dataFile = (name: string) => path.join(app.getPath('userData'), name)
let session: WorkspaceSession | null = null
let win: BrowserWindow | null = null
/** The team password in the OS keychain (safeStorage), around the API worker's calls; built once the app is ready. */
let team: ReturnType<typeof withTeamCredentials> | null = null

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (dev && !app.isPackaged) return dev
  return new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href
}

/** Opens a workspace (first start, File ▸ Open/New/Recent), remembers it, and reloads the window onto it. */
async function openWorkspace(file: string): Promise<boolean> {
  if (!session || !(await session.open(file))) return false
  // A workspace that syncs with a team server whose password is kept reconnects by itself.
  void team?.restore().catch(() => undefined)
  writeRecent(dataFile('recent-workspaces.json'), withRecent(readRecent(dataFile('recent-workspaces.json')), session.file ?? file))
  buildMenu()
  if (win) await win.loadURL(rendererUrl())
  return true
}

async function chooseWorkspace(create: boolean): Promise<void> {
  if (!win) return
  const filters = [{ name: 'Spanwright workspace', extensions: ['spanwright'] }]
  const r = create
    ? await dialog.showSaveDialog(win, { title: 'New workspace', defaultPath: 'workspace.spanwright', filters })
    : await dialog.showOpenDialog(win, { title: 'Open workspace', properties: ['openFile'], filters })
  const file = 'filePath' in r ? r.filePath : r.filePaths[0]
  if (!r.canceled && file) await openWorkspace(file)
}

function buildMenu(): void {
  const send = (action: MenuAction) => win?.webContents.send(MENU_CHANNEL, action)
  const template = appMenuTemplate(
    { isMac: process.platform === 'darwin', recent: readRecent(dataFile('recent-workspaces.json')), appName: 'Spanwright' },
    {
      openWorkspace: () => void chooseWorkspace(false),
      newWorkspace: () => void chooseWorkspace(true),
      openRecent: (file) => void openWorkspace(file),
      clearRecent: () => {
        writeRecent(dataFile('recent-workspaces.json'), [])
        buildMenu()
      },
      send,
      // The README that ships with the app: it works offline.
      openHelp: () => void shell.openPath(path.join(appRoot(), 'README.md')),
    },
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function createWindow(): BrowserWindow {
  const stateFile = dataFile('window-state.json')
  const saved = restoredState(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea))
  const w = new BrowserWindow({ ...mainWindowOptions(path.join(__dirname, '../preload/index.cjs')), ...(saved?.bounds ?? {}) })
  if (saved?.maximized) w.maximize()
  w.once('ready-to-show', () => w.show())
  w.on('close', () => writeWindowState(stateFile, { bounds: w.getNormalBounds(), maximized: w.isMaximized() }))
  return w
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    console.error('Spanwright is already open on this workspace; switching to that window.')
    app.quit()
    return
  }
  await app.whenReady()
  // Once, before any store opens: every connection of this thread and of the API workers loads this addon.
  const binding = installElectronNativeBinding(appRoot(), app.isPackaged)
  if (binding.problem) {
    dialog.showErrorBox('Spanwright cannot open workspaces yet', binding.problem)
    return app.exit(1)
  }
  session = new WorkspaceSession(app.getVersion(), binding.file)
  const apiSession = session
  team = withTeamCredentials(apiSession.call, new CredentialVault(dataFile('team-credentials.json'), safeStorageCipher(safeStorage)))
  // A worker restarted after a crash has lost the password it held: put it back within a minute (a no-op when connected).
  setInterval(() => void team?.restore().catch(() => undefined), 60_000).unref()
  if (!(await openWorkspace(process.env.SPANWRIGHT_DB ?? defaultWorkspaceFile()))) return app.exit(1)

  const url = rendererUrl()
  const isOwn = (u: string) => isTrustedRendererUrl(u, url)
  // desktop.* (dialogs, the file manager) are answered here; every other call goes to the API worker.
  const desktop = desktopCall({ dialog, shell, window: () => win, defaultFolder: () => app.getPath('documents') })
  const teamCalls = team
  registerIpcApi(ipcMain, (m, a, r) => (isDesktopMethod(m) ? desktop(m, a) : teamCalls.call(m, a, r)), isOwn)
  app.on('web-contents-created', (_e, contents) => lockDownWebContents(contents, shell, isOwn))

  win = createWindow()
  await win.loadURL(url)

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore()
    win?.focus()
  })
}


app.on('window-all-closed', () => {
  const closing = session?.close() ?? Promise.resolve()
  session = null
  void closing.finally(() => app.quit())
})

start().catch((e: unknown) => {
  console.error(e)
  app.exit(1)
})
