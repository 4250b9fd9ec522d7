import fs from 'node:fs'
import path from 'node:path'
import { plainStorageError } from '../store/storageErrors'
import { openStore } from '../store/store'
import { assertWorkspacePath } from '../store/workspacePath'
import type { Store } from '../store/store'
import { seedWorkspace } from '../services/seed/seedWorkspace'
import { defaultWorkspaceFile } from '../workspace/paths'
import { openWorkspaceReadOnly } from '../workspace/readOnlyWorkspace'

/**
 * Nothing to read at `file`: no file, or an empty one (which a writer would make a new workspace). A pipe, a device,
 * a folder or a file on /proc is refused first, naming what it is: each has size 0 and read as "the file is empty".
 */
export function noWorkspaceAt(file: string): boolean {
  assertWorkspacePath(file)
  const size = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.size
  return size(file) === undefined || (size(file) === 0 && !size(`${file}-wal`))
}

/** The workspace file --db names, or the app's own. */
export function workspaceFileOf(db: string | undefined): string {
  return path.resolve(db ?? defaultWorkspaceFile())
}

/**
 * Opens the workspace named by --db (default: the app's own) for writing and
 * makes sure it has a schema. The app's own workspace is seeded like the app
 * seeds it (schema and samples) whichever entry point creates it first; its
 * folder is created, private, when missing.
 */
export async function openWorkspace(db: string | undefined, opts: { samples: boolean }): Promise<Store> {
  const file = workspaceFileOf(db)
  const store = openStore(file)
  try {
    await seedWorkspace(store, { samples: opts.samples || db === undefined })
  } catch (e) {
    store.close()
    // Each seeding step is its own transaction: what landed is whole, and the rest is retried next time.
    throw plainStorageError(e, file, 'add the label schema and sample documents to it', { unchanged: false })
  }
  return store
}

/**
 * Opens the workspace for a command that only reads (export, agreement): no
 * lock, no migration, no seeding, nothing written. On a first run (the app's own
 * workspace does not exist yet) it is created and seeded first, as every entry
 * point does, then read.
 */
export async function openWorkspaceForReading(db: string | undefined): Promise<Store> {
  const file = workspaceFileOf(db)
  if (db === undefined && !(fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0)) (await openWorkspace(undefined, { samples: true })).close()
  return openWorkspaceReadOnly(file)
}
