import { app, BrowserWindow, ipcMain, shell } from 'electron'
import path from 'node:path'
import { createHandlers } from '../api/handlers'
import { seedWorkspace } from '../services/seed/seedWorkspace'
import { openStore } from '../store/store'
import type { Store } from '../store/store'
import { appRoot, defaultWorkspaceFile, userDataDir } from '../workspace/paths'
import { isTrustedRendererUrl, registerIpcApi } from './ipcAdapter'
import { lockDownWebContents } from './lockDown'
import { electronNativeBinding } from './nativeBinding'
import { mainWindowOptions } from './windowOptions'

// The same data folder the CLI and `npm run web` use.
app.setName('Spanwright')
app.setPath('userData', userDataDir())

let store: Store | null = null

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (dev && !app.isPackaged) return dev
  return new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    console.error('Spanwright is already open on this workspace; switching to that window.')
    app.quit()
    return
  }
  await app.whenReady()
  const root = appRoot()
  store = openStore(process.env.SPANWRIGHT_DB ?? defaultWorkspaceFile(), {
    nativeBinding: electronNativeBinding(root, process.versions.electron),
  })
  await seedWorkspace(store, { samples: true })
  const handlers = createHandlers({ store, version: app.getVersion(), transport: 'ipc' })
  const url = rendererUrl()
  const isOwn = (u: string) => isTrustedRendererUrl(u, url)
  registerIpcApi(ipcMain, handlers, isOwn)

  app.on('web-contents-created', (_e, contents) => lockDownWebContents(contents, shell, isOwn))

  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.cjs')))
  win.once('ready-to-show', () => win.show())
  await win.loadURL(url)

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
}

app.on('window-all-closed', () => {
  store?.close()
  app.quit()
})

start().catch((e: unknown) => {
  console.error(e)
  app.exit(1)
})
