import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron'
import path from 'node:path'
import { seedWorkspace } from '../services/seed/seedWorkspace'
import { restoreBackup } from '../store/restoreBackup'
import { openStore } from '../store/store'
import type { Store, StoreOpenOptions } from '../store/store'
import { appRoot, defaultWorkspaceFile, userDataDir } from '../workspace/paths'
import { startupProblemOf } from '../workspace/startupProblem'
import { ensureWorkspaceFolder } from '../workspace/workspaceFolder'
import { isTrustedRendererUrl, registerIpcApi } from './ipcAdapter'
import { lockDownWebContents } from './lockDown'
import { ApiWorkerHost } from '../worker/apiWorkerHost'
import { installElectronNativeBinding } from './nativeBinding'
import { mainWindowOptions } from './windowOptions'

// The same data folder the CLI and `npm run web` use.
app.setName('Spanwright')
app.setPath('userData', userDataDir())
// First run: make the data folder ourselves, private (0700), before Chromium creates it.
// A disk that refuses is reported by the workspace dialog below, in plain words.
try {
  ensureWorkspaceFolder(defaultWorkspaceFile())
} catch {
  // openWorkspaceOrAsk says why
}

let host: ApiWorkerHost | null = null

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (dev && !app.isPackaged) return dev
  return new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href
}

/**
 * Opens the workspace, asking what to do when it cannot be opened: a damaged
 * file (already moved aside) offers its latest backup or an empty workspace; a
 * lock held by another process offers to try again. Null means Quit.
 */
function openWorkspaceOrAsk(file: string, opts: StoreOpenOptions): Store | null {
  for (;;) {
    let problem
    try {
      return openStore(file, opts)
    } catch (e) {
      problem = startupProblemOf(e, file)
    }
    for (;;) {
      const choice = dialog.showMessageBoxSync({
        type: problem.kind === 'locked' ? 'warning' : 'error',
        title: 'Spanwright',
        message: problem.title,
        detail: problem.detail,
        buttons: problem.choices.map((c) => c.label),
        defaultId: 0,
        cancelId: problem.choices.length - 1,
        noLink: true,
      })
      const action = problem.choices[choice]?.action ?? 'quit'
      if (action === 'quit') return null
      if (action !== 'restore-latest' || !problem.latestBackup) break // start empty (the damaged file is aside) or retry
      try {
        restoreBackup(file, problem.latestBackup)
        break
      } catch (e) {
        // Never fall through to an empty workspace: say why, and ask again.
        dialog.showErrorBox('Spanwright could not restore the backup', e instanceof Error ? e.message : String(e))
      }
    }
  }
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
  const openOptions: StoreOpenOptions = {}
  // Opened here first, so a damaged or locked workspace gets its dialog; then the API worker owns it.
  const opened = openWorkspaceOrAsk(process.env.SPANWRIGHT_DB ?? defaultWorkspaceFile(), openOptions)
  if (!opened) return app.exit(1)
  await seedWorkspace(opened, { samples: true })
  const file = opened.file
  opened.close()
  host = new ApiWorkerHost(
    { file, version: app.getVersion(), transport: 'ipc', openOptions, nativeBinding: binding.file },
    { onCrash: (why, restarting, lane) => console.error(`spanwright: ${why} (${lane}); ${restarting ? 'restarting it' : 'not restarting it again'}`) },
  )
  try {
    await host.start()
  } catch (e) {
    dialog.showErrorBox('Spanwright could not open the workspace', e instanceof Error ? e.message : String(e))
    return app.exit(1)
  }
  const url = rendererUrl()
  const isOwn = (u: string) => isTrustedRendererUrl(u, url)
  registerIpcApi(ipcMain, host.call, isOwn)

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
  const closing = host?.close() ?? Promise.resolve()
  host = null
  void closing.finally(() => app.quit())
})

start().catch((e: unknown) => {
  console.error(e)
  app.exit(1)
})
