import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function tempDir(prefix = 'spanwright-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A real workspace file in a fresh temp folder, with the default news schema installed. */
export function tempStore(opts: { schema?: boolean } = {}): { store: Store; dir: string; file: string } {
  const dir = tempDir()
  const file = path.join(dir, 'test.spanwright')
  const store = openStore(file)
  if (opts.schema !== false) installSchema(store, path.join(REPO_ROOT, 'resources', 'schema', 'news.json'))
  return { store, dir, file }
}

export const SAMPLES_DIR = path.join(REPO_ROOT, 'resources', 'samples')
