import type Database from 'better-sqlite3'
import { AppError } from '../../shared/api/errors'
import { LATEST_VERSION, migrations } from './migrations'
import type { Migration } from './migrations/migration'

/** A workspace written by a newer Spanwright: refused before anything is written, so the message can say so. */
export function newerWorkspaceError(file: string, current: number, latest: number): AppError {
  return new AppError(
    'conflict',
    `${file}: this workspace was written by a newer version of Spanwright (schema version ${current}; this version knows up to ${latest}). Update Spanwright to open it; the file was not changed.`,
    { file, version: current, latest },
  )
}

/**
 * Brings a database up to the latest schema, one version per transaction (each
 * ends by setting PRAGMA user_version, so a crash leaves a whole version or none).
 * A database written by a newer Spanwright is refused, never "repaired".
 */
export function migrate(db: Database.Database, file: string, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = list.length ? list[list.length - 1].version : 0
  if (current > latest) throw newerWorkspaceError(file, current, latest)
  for (const m of list) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.up)
      m.then?.(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}

export { LATEST_VERSION }
