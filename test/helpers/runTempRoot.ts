import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Global setup for vitest and Playwright: every temp folder a run makes (workspaces, servers' data, Chromium's
 * profiles) goes under one folder of its own, removed when the run ends, so a run does not leave thousands of
 * folders in the user's /tmp. Workers and the processes tests start inherit TMPDIR. The folder is 0755 so the
 * `postgres` user can reach the data folders the PostgreSQL tests hand it. SPANWRIGHT_KEEP_TMP=1 keeps it.
 * vitest calls a global setup once per project (vitest.config.ts has three): the first call makes the folder, the
 * others in the same process share it. The run's bundled child scripts (bundledScript.ts, inside the checkout's
 * out/test-scripts) go with it.
 */
const ACTIVE = Symbol.for('spanwright.runTempRoot')

export default function setupRunTempRoot(): () => void {
  const process_ = globalThis as { [ACTIVE]?: boolean }
  if (process_[ACTIVE]) return () => {}
  process_[ACTIVE] = true
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-run-'))
  fs.chmodSync(root, 0o755)
  const before = process.env.TMPDIR
  process.env.TMPDIR = root
  return () => {
    process_[ACTIVE] = false
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    if (process.env.SPANWRIGHT_KEEP_TMP === '1') console.error(`temp folders kept in ${root}`)
    else fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 })
    fs.rmSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'test-scripts', path.basename(root)), { recursive: true, force: true })
  }
}
