import fs from 'node:fs'
import { listBackups } from '../../store/backups'
import { integrityProblems, isDamageError } from '../../store/damagedDatabase'
import { openDatabase } from '../../store/database'
import type { CliCommand } from '../command'
import { noWorkspaceAt, openWorkspace, workspaceFileOf } from '../workspaceOption'
import { probeWorkspace } from '../../store/workspaceProbe'

/**
 * The whole-file check on demand. Opening a workspace reads every page only when
 * the last session did not close it cleanly (see store/cleanClose.ts); damage in
 * an untouched file (a failing disk) is found here, or by SQLite when a page is used.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check [--db FILE]',
  summary: 'read every page of the workspace and say whether it is sound (SQLite integrity_check); only reads, works while the app is open',
  options: { db: { type: 'string' } },
  async run({ values, out }) {
    const file = workspaceFileOf(values.db as string | undefined)
    // First run: the app's own workspace is created and seeded, as every entry point does (backup does the same).
    if (values.db === undefined && !fs.existsSync(file)) (await openWorkspace(undefined, { samples: true })).close()
    if (noWorkspaceAt(file)) throw new Error(`${file}: no workspace there${fs.existsSync(file) ? ' (the file is empty)' : ''}`)
    // Another program's database (places.sqlite) is refused as every other command refuses it, naming what it is;
    // read-only opens do not look, so check called it sound and backup copied it into backups/.
    if (probeWorkspace(file, { checkIntegrity: false }).kind === 'new') throw new Error(`${file}: no workspace there (an SQLite database with nothing in it)`)
    const started = Date.now()
    // The cheap shape check runs on open; the whole check is what this command is for.
    let problems: string[]
    try {
      const db = openDatabase(file, { readonly: true, checkIntegrity: false })
      try {
        problems = integrityProblems(db)
      } finally {
        db.close()
      }
    } catch (e) {
      if (!isDamageError(e)) throw e
      problems = [(e as Error).message] // so damaged SQLite stopped reading it
    }
    const mb = (fs.statSync(file).size / 2 ** 20).toFixed(1)
    if (!problems.length) {
      out.log(`${file}: sound (every page of ${mb} MB read in ${((Date.now() - started) / 1000).toFixed(1)} s)`)
      return 0
    }
    out.error(`${file}: the workspace file is damaged. SQLite found:`)
    for (const p of problems) out.error(`  ${p}`)
    const latest = listBackups(file)[0]?.path
    out.error(
      latest
        ? `The latest backup is ${latest}; restore it with: spanwright restore --db ${JSON.stringify(file)} --from ${JSON.stringify(latest)}`
        : 'There is no backup of it; copy the file somewhere safe before changing anything.',
    )
    return 1
  },
}
