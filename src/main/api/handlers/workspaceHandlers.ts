import { AppError } from '../../../shared/api/errors'
import type { WorkspaceSettings, workspaceMethods } from '../../../shared/api/methods/workspace'
import { runningJobIn } from '../../services/jobs/jobRegistry'
import { BACKUP_SETTING_KEYS, backupsDirOf, listBackups } from '../../store/backups'
import { restoreBackup } from '../../store/restoreBackup'
import { openStore } from '../../store/store'
import { acquireWorkspaceLock } from '../../store/workspaceLock'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

function settingsOf(ctx: ApiContext): WorkspaceSettings {
  const file = ctx.store.file
  return { file, backupsDir: backupsDirOf(file), ...ctx.store.backupSettings() }
}

/**
 * Closes the open store, runs `change` on the closed file, and reopens it
 * (migrating if needed) as the context's store, so every later call sees the
 * result. The lock stays held throughout, so no other process slips in; the
 * file is reopened even when `change` fails (it then left the file as it was).
 */
async function reopenAround<T>(ctx: ApiContext, what: string, change: (file: string) => T): Promise<T> {
  if (!ctx.ownsStore) throw new AppError('conflict', `${what} needs the app's own connection; use \`spanwright restore\` while the app is closed`)
  // A rolling backup in flight reads the open connection: let it finish first.
  await ctx.store.backupsSettled()
  // From here to the reopen nothing yields, so no job can start in between.
  const file = ctx.store.file
  const running = runningJobIn(file)
  if (running) throw new AppError('conflict', `${file}: an ${running.kind} is running in this workspace; wait for it to finish (or cancel it), then ${what}`)
  const hold = acquireWorkspaceLock(file, { waitMs: 0 })
  try {
    ctx.store.close()
    try {
      return change(file)
    } finally {
      ctx.store = openStore(file, ctx.openOptions)
    }
  } finally {
    hold.release()
  }
}

/** Backups of the open workspace: list, take one now, settings, and restore one in place. */
export function workspaceHandlers(ctx: ApiContext): HandlerGroup<typeof workspaceMethods> {
  return {
    'workspace.backups.list': () => listBackups(ctx.store.file),
    'workspace.backup': async () => {
      const dest = await ctx.store.backup('manual')
      const made = listBackups(ctx.store.file).find((b) => b.path === dest)
      if (!made) throw new Error(`the backup ${dest} vanished as it was made`)
      return made
    },
    'workspace.settings': () => settingsOf(ctx),
    'workspace.updateSettings': async (patch) => {
      if (patch.intervalMinutes === undefined && patch.keep === undefined) return settingsOf(ctx)
      // Written first, then the reopen restarts the rolling backups with the new interval and count.
      if (runningJobIn(ctx.store.file)) {
        throw new AppError('conflict', `${ctx.store.file}: an import or export is running; change the backup settings when it has finished`)
      }
      ctx.store.transaction(() => {
        if (patch.intervalMinutes !== undefined) ctx.store.settings.set(BACKUP_SETTING_KEYS.intervalMinutes, String(patch.intervalMinutes))
        if (patch.keep !== undefined) ctx.store.settings.set(BACKUP_SETTING_KEYS.keep, String(patch.keep))
      })
      // Without the app's connection (a bare handler table) they simply apply at the next open.
      if (ctx.ownsStore) await reopenAround(ctx, 'apply the backup settings', () => undefined)
      return settingsOf(ctx)
    },
    'workspace.restore': async ({ name }) => {
      // Only a backup listed for this workspace, by name: never an arbitrary path from the caller.
      const backup = listBackups(ctx.store.file).find((b) => b.name === name)
      if (!backup) throw new AppError('not_found', `${name}: no such backup of ${ctx.store.file} (in ${backupsDirOf(ctx.store.file)})`)
      const result = await reopenAround(ctx, 'restore', (file) => restoreBackup(file, backup.path, { nativeBinding: ctx.openOptions?.nativeBinding }))
      const previousBackup = result.previous ? (listBackups(ctx.store.file).find((b) => b.path === result.previous) ?? null) : null
      return { restoredFrom: backup, previous: result.previous, previousBackup, ...(result.unpushed ? { unpushed: result.unpushed } : {}) }
    },
  }
}
