import path from 'node:path'
import { openStore } from '../store/store'
import type { Store } from '../store/store'
import { seedWorkspace } from '../services/seed/seedWorkspace'
import { defaultWorkspaceFile } from '../workspace/paths'

/** Opens the workspace named by --db (default: the app's own) and makes sure it has a schema. */
export async function openWorkspace(db: string | undefined, opts: { samples: boolean }): Promise<Store> {
  const file = path.resolve(db ?? defaultWorkspaceFile())
  const store = openStore(file)
  try {
    await seedWorkspace(store, opts)
  } catch (e) {
    store.close()
    throw e
  }
  return store
}
