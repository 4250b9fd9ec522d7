import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../shared/api/errors'
import { listBackups } from '../store/backups'
import { openDatabase } from '../store/database'
import { LATEST_VERSION } from '../store/migrations'
import { Store } from '../store/store'
import { probeWorkspace } from '../store/workspaceProbe'

/** An older workspace's schema brought up to date in a private temp copy; the copy goes when the store closes. */
class MigratedCopy extends Store {
  constructor(
    db: ConstructorParameters<typeof Store>[0],
    file: string,
    private readonly tempDir: string,
  ) {
    super(db, file)
  }

  override close(): void {
    super.close()
    fs.rmSync(this.tempDir, { recursive: true, force: true })
  }
}

/** What changes when a writer folds its WAL into the file: the file's size and modification time. */
function fileStamp(file: string): string {
  const st = fs.statSync(file)
  return `${st.ino}:${st.size}:${st.mtimeMs}`
}

/**
 * A read of the file as it was, with no WAL of its own (opened immutable: nothing
 * is written beside it). If a writer started meanwhile and folded its changes
 * into the file, what was read may mix two states: closing then says so, so the
 * command fails instead of reporting success.
 */
class UnsharedRead extends Store {
  private readonly stamp: string

  constructor(db: ConstructorParameters<typeof Store>[0], file: string) {
    super(db, file)
    this.stamp = fileStamp(file)
  }

  override close(): void {
    const wasOpen = this.db.open
    super.close()
    if (wasOpen && fileStamp(this.file) !== this.stamp) {
      throw new AppError(
        'conflict',
        `${this.file}: another window wrote to the workspace while it was being read, so what was read may be inconsistent. Run the command again.`,
      )
    }
  }
}

/**
 * Opens a workspace only to read it (export, agreement). It takes no lock, so it
 * works while the app or `serve` has the workspace open, and it never migrates,
 * seeds or backs up: nothing is written into the workspace or beside it, so it
 * also works on read-only media. An older workspace is read through a migrated
 * temp copy. Writes through the returned store fail (the connection is read-only).
 */
export async function openWorkspaceReadOnly(file: string, opts: { nativeBinding?: string } = {}): Promise<Store> {
  const probe = probeWorkspace(file, opts)
  if (probe.kind === 'new') {
    throw new AppError('not_found', `${file}: there is no workspace there yet, so there is nothing to read. Import files into it first: spanwright import FILE --db ${JSON.stringify(file)}`)
  }
  if (probe.kind === 'damaged') {
    // A reader leaves it where it is (a writer moves it aside); it still says how to get the work back.
    const reason = probe.cause instanceof Error ? probe.cause.message : String(probe.cause)
    const latest = listBackups(file)[0]?.path
    const offer = latest
      ? `The latest backup is ${latest}; restore it with: spanwright restore --db ${JSON.stringify(file)} --from ${JSON.stringify(latest)}`
      : 'There is no backup of it.'
    throw new AppError('conflict', `${file}: the workspace file is damaged (${reason}); reading it changed nothing. ${offer}`)
  }
  if (probe.version === LATEST_VERSION) {
    // With a -wal beside it a writer has it open, and SQLite's read-only connection shares that WAL
    // safely; without one, openSnapshot opened it immutable (a file: URI) or read a private copy.
    const db = openDatabase(file, { ...opts, readonly: true, checkIntegrity: false })
    return db.name.startsWith('file:') || db.memory ? new UnsharedRead(db, file) : new Store(db, file)
  }
  const source = openDatabase(file, { ...opts, readonly: true, checkIntegrity: false })
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-read-'))
  try {
    const copy = path.join(tempDir, 'workspace.spanwright')
    try {
      await source.backup(copy)
    } finally {
      source.close()
    }
    const db = openDatabase(copy, { ...opts, backupBeforeMigration: false, checkIntegrity: false, queryOnly: true })
    return new MigratedCopy(db, file, tempDir)
  } catch (e) {
    fs.rmSync(tempDir, { recursive: true, force: true })
    throw e
  }
}
