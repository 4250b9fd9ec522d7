import { dialog } from 'electron'
import { seedWorkspace } from '../services/seed/seedWorkspace'
import { restoreBackup } from '../store/restoreBackup'
import { openStore } from '../store/store'
import type { Store } from '../store/store'
import { startupProblemOf } from '../workspace/startupProblem'
import { ApiWorkerHost } from '../worker/apiWorkerHost'
import type { ApiCall } from '../worker/apiWorkerHost'

/**
 * Opens the workspace, asking what to do when it cannot be opened: a damaged
 * file (already moved aside) offers its latest backup or an empty workspace; a
 * lock held by another process offers to try again. Null means Quit (or, when
 * switching, Cancel).
 */
function openWorkspaceOrAsk(file: string): Store | null {
  for (;;) {
    let problem
    try {
      return openStore(file)
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

/**
 * The open workspace of the desktop app: opened here first (so a damaged or
 * locked file gets its dialog, and a new one is seeded), then handed to the
 * API workers. File ▸ Open and New replace it; `call` always reaches the
 * current one.
 */
export class WorkspaceSession {
  private host: ApiWorkerHost | null = null
  file: string | null = null

  constructor(
    private readonly version: string,
    private readonly nativeBinding: string | undefined,
  ) {}

  /** Opens `file` (closing the current workspace first); false when the user chose Quit/Cancel or it failed (said in a dialog). */
  async open(file: string): Promise<boolean> {
    const opened = openWorkspaceOrAsk(file)
    if (!opened) return false
    await seedWorkspace(opened, { samples: true })
    const chosen = opened.file
    opened.close()
    await this.close()
    const host = new ApiWorkerHost(
      { file: chosen, version: this.version, transport: 'ipc', openOptions: {}, nativeBinding: this.nativeBinding },
      { onCrash: (why, restarting, lane) => console.error(`spanwright: ${why} (${lane}); ${restarting ? 'restarting it' : 'not restarting it again'}`) },
    )
    try {
      await host.start()
    } catch (e) {
      await host.close()
      dialog.showErrorBox('Spanwright could not open the workspace', e instanceof Error ? e.message : String(e))
      return false
    }
    this.host = host
    this.file = chosen
    return true
  }

  call: ApiCall = (method, args, requestId) =>
    this.host ? this.host.call(method, args, requestId) : Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'no workspace is open; open one from the File menu' } })

  async close(): Promise<void> {
    const host = this.host
    this.host = null
    this.file = null
    await host?.close()
  }
}
