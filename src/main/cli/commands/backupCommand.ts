import fs from 'node:fs'
import path from 'node:path'
import { BACKUP_SETTING_KEYS, createBackup, readBackupSettings } from '../../store/backups'
import { isDamageError } from '../../store/damagedDatabase'
import { openDatabase } from '../../store/database'
import { openStore } from '../../store/store'
import { defaultWorkspaceFile } from '../../workspace/paths'
import type { CliCommand } from '../command'
import { noWorkspaceAt, openWorkspace } from '../workspaceOption'
import { probeWorkspace } from '../../store/workspaceProbe'
import { BACKUP_INTERVAL_MINUTES, BACKUP_KEEP } from '../../../shared/api/methods/workspace'

/**
 * The settings dialog's bounds, here too: `--every 99999999` stored a period past setInterval's 24.8 days, which Node
 * shortens to 1 ms (a rolling backup on every tick); Number() also took 0x10 and 1e3.
 */
function positiveInt(name: string, v: unknown, bounds: { min: number; max: number }): number | null {
  if (v === undefined) return null
  const n = /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN
  if (!(n >= bounds.min && n <= bounds.max)) throw new Error(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}, not ${String(v)}`)
  return n
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup [--db FILE] [--keep K] [--every MINUTES]',
  summary: 'back the workspace up now into backups/ beside it (works while the app is open); --keep and --every also set the rolling backups',
  options: { db: { type: 'string' }, keep: { type: 'string' }, every: { type: 'string' } },
  async run({ values, out }) {
    const file = path.resolve((values.db as string | undefined) ?? defaultWorkspaceFile())
    // First run: the app's own workspace is created and seeded, as every entry point does.
    if (values.db === undefined && !fs.existsSync(file)) (await openWorkspace(undefined, { samples: true })).close()
    if (noWorkspaceAt(file)) throw new Error(`${file}: no workspace there${fs.existsSync(file) ? ' (the file is empty)' : ''}, so there is nothing to back up`)
    // Another program's database (places.sqlite) is refused as every other command refuses it, naming what it is;
    // read-only opens do not look, so check called it sound and backup copied it into backups/.
    if (probeWorkspace(file, { checkIntegrity: false }).kind === 'new') throw new Error(`${file}: no workspace there (an SQLite database with nothing in it)`)
    const keep = positiveInt('keep', values.keep, BACKUP_KEEP)
    const every = positiveInt('every', values.every, BACKUP_INTERVAL_MINUTES)
    if (keep !== null || every !== null) {
      // Changing settings is a write: it takes the workspace lock like any writer.
      const store = openStore(file, { rollingBackups: false })
      try {
        if (keep !== null) store.settings.set(BACKUP_SETTING_KEYS.keep, String(keep))
        if (every !== null) store.settings.set(BACKUP_SETTING_KEYS.intervalMinutes, String(every))
      } finally {
        store.close()
      }
    }
    // A backup only reads, so it needs no lock: SQLite's backup API copies a consistent snapshot.
    let db: ReturnType<typeof openDatabase>
    try {
      db = openDatabase(file, { readonly: true })
    } catch (e) {
      if (!isDamageError(e)) throw e
      throw new Error(`${file}: the workspace file is damaged (${(e as Error).message}); no backup was made. spanwright check --db ${JSON.stringify(file)} says more.`)
    }
    try {
      const settings = readBackupSettings(db)
      const dest = await createBackup(db, file, 'manual', settings.keep)
      out.log(`backed up ${file}`)
      out.log(`  to ${dest}`)
      out.log(`rolling backups: every ${settings.intervalMinutes} minutes of activity, keeping the last ${settings.keep}`)
      return 0
    } finally {
      db.close()
    }
  },
}
