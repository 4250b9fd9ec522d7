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
  if (probe.version === LATEST_VERSION) return new Store(openDatabase(file, { ...opts, readonly: true, checkIntegrity: false }), file)
  const source = openDatabase(file, { ...opts, readonly: true, checkIntegrity: false })
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-read-'))
  try {
    const copy = path.join(tempDir, 'workspace.spanwright')
    try {
      await source.backup(copy)
    } finally {
      source.close()
    }
    const db = openDatabase(copy, { ...opts, backupBeforeMigration: false, checkIntegrity: false })
    db.pragma('query_only = ON')
    return new MigratedCopy(db, file, tempDir)
  } catch (e) {
    fs.rmSync(tempDir, { recursive: true, force: true })
    throw e
  }
}
