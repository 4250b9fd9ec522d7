import fs from 'node:fs'
import path from 'node:path'
import { backupsDirOf, listBackups } from '../../store/backups'
import { restoreBackup } from '../../store/restoreBackup'
import { assertWorkspacePath } from '../../store/workspacePath'
import { defaultWorkspaceFile } from '../../workspace/paths'
import type { CliCommand } from '../command'
import { openWorkspace } from '../workspaceOption'

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore [--db FILE] [--list] [--from BACKUP]',
  summary: 'list backups (--list), or replace the workspace with one (--from NAME|PATH, default the latest); the current file is backed up first',
  options: { db: { type: 'string' }, list: { type: 'boolean' }, from: { type: 'string' } },
  async run({ values, out }) {
    const file = path.resolve((values.db as string | undefined) ?? defaultWorkspaceFile())
    // A pipe, a device or /proc is refused as every command refuses it (--list looked for backups beside it).
    assertWorkspacePath(file)
    // First run: the app's own workspace is created and seeded, as every entry point does.
    if (values.db === undefined && !fs.existsSync(file)) (await openWorkspace(undefined, { samples: true })).close()
    if (values.list) {
      const backups = listBackups(file)
      if (!backups.length) {
        out.log(`no backups of ${file} (looked in ${backupsDirOf(file)})`)
        return 0
      }
      out.log(`backups of ${file}, newest first (in ${backupsDirOf(file)}):`)
      for (const b of backups) out.log(`  ${b.name}  ${b.createdAt}  ${b.reason}  ${kb(b.bytes)}`)
      return 0
    }
    const r = restoreBackup(file, values.from as string | undefined)
    out.log(`restored ${file}`)
    out.log(`  from ${r.restoredFrom}`)
    if (r.previous) out.log(`the workspace it replaced is kept at ${r.previous}`)
    const n = r.unpushedTeamChanges ?? 0
    if (n && r.previous)
      out.log(`  it had changes to ${n} layer${n === 1 ? '' : 's'} or gold item${n === 1 ? '' : 's'} not yet pushed to its team: restore that copy (--from ${JSON.stringify(path.basename(r.previous))}) and sync to push them`)
    return 0
  },
}
