import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall } from './pageHelpers'

/**
 * A workspace made as a user makes one: a JSONL file imported through the command line, then served, with
 * `annotator` as the session's annotator. Answers the running app and the imported document's row id.
 */
export async function startAppWithImport(jsonl: string, o: { prefix: string; annotator: string; externalId: string }): Promise<{ app: RunningApp; documentId: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spanwright-${o.prefix}-`))
  const db = path.join(dir, `${o.prefix}.spanwright`)
  fs.writeFileSync(path.join(dir, `${o.prefix}.jsonl`), jsonl)
  const r = spawnSync(process.execPath, [path.resolve('bin/spanwright.mjs'), 'import', path.join(dir, `${o.prefix}.jsonl`), '--db', db], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: dir } })
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`)
  const app = await startApp({ db })
  await apiCall(app, 'session.setAnnotator', { name: o.annotator })
  const documentId = ((await apiCall(app, 'documents.get', { externalId: o.externalId })) as { id: number }).id
  return { app, documentId }
}
