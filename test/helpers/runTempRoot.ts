import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

/**
 * Global setup for vitest and Playwright: every temp folder a run makes (workspaces, servers' data, Chromium's
 * profiles) goes under one folder of its own, removed when the run ends, so a run does not leave thousands of
 * folders in the user's /tmp. Workers and the processes tests start inherit TMPDIR. The folder is 0755 so the
 * `postgres` user can reach the data folders the PostgreSQL tests hand it. SPANWRIGHT_KEEP_TMP=1 keeps it.
 * vitest calls a global setup once per project (vitest.config.ts has three): the first call makes the folder, the
 * others in the same process share it. The run's bundled child scripts (bundledScript.ts, inside the checkout's
 * out/test-scripts) go with it.
 * Under vitest it also bundles the API worker (src/main/worker/apiWorker.ts and the sources it imports) once for
 * the run, as bundledScript does, and names the file in SPANWRIGHT_API_WORKER_BUNDLE: every worker host a test
 * starts from the sources (three threads each) then loads that one file, not the sources through tsx (workerEntry.ts).
 */
const ACTIVE = Symbol.for('spanwright.runTempRoot')
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const scriptsOf = (root: string) => path.join(REPO_ROOT, 'out', 'test-scripts', path.basename(root))

/** vitest passes its project; in watch mode the worker is bundled again before each rerun, so it is never stale. */
type Project = { onTestsRerun?: (fn: () => void) => void }

export default function setupRunTempRoot(project?: Project): () => void {
  project?.onTestsRerun?.(rebundleApiWorker)
  const process_ = globalThis as { [ACTIVE]?: boolean }
  if (process_[ACTIVE]) return () => {}
  process_[ACTIVE] = true
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-run-'))
  fs.chmodSync(root, 0o755)
  const before = process.env.TMPDIR
  process.env.TMPDIR = root
  const workerBefore = process.env.SPANWRIGHT_API_WORKER_BUNDLE
  if (process.env.VITEST && !workerBefore) process.env.SPANWRIGHT_API_WORKER_BUNDLE = bundleApiWorker(scriptsOf(root))
  return () => {
    process_[ACTIVE] = false
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    if (workerBefore === undefined) delete process.env.SPANWRIGHT_API_WORKER_BUNDLE
    else process.env.SPANWRIGHT_API_WORKER_BUNDLE = workerBefore
    if (process.env.SPANWRIGHT_KEEP_TMP === '1') console.error(`temp folders kept in ${root}`)
    else fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 })
    fs.rmSync(scriptsOf(root), { recursive: true, force: true })
  }
}

/** The run's bundle made again from the sources as they now are (a rerun in watch mode). */
function rebundleApiWorker(): void {
  const file = process.env.SPANWRIGHT_API_WORKER_BUNDLE
  if (file?.startsWith(path.join(REPO_ROOT, 'out', 'test-scripts') + path.sep)) bundleApiWorker(path.dirname(file))
}

/**
 * src/main/worker/apiWorker.ts bundled into DIR as bundledScript.ts bundles a snippet (npm packages stay imports),
 * its dynamic imports in chunks of their own (splitting) so they load when called, as under tsx and in the build:
 * compromise (the English model), about 1 CPU-s per thread, is not loaded by a worker that suggests nothing.
 */
function bundleApiWorker(dir: string): string {
  removeGoneRuns(path.dirname(dir))
  buildSync({
    entryPoints: { 'api-worker': path.join(REPO_ROOT, 'src', 'main', 'worker', 'apiWorker.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: dir,
    chunkNames: 'api-worker-chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  })
  return path.join(dir, 'api-worker.mjs')
}

/** The bundles of runs whose temp folder is gone (a run killed before its teardown), as bundledScript.ts removes them. */
function removeGoneRuns(scripts: string): void {
  const names = fs.existsSync(scripts) ? fs.readdirSync(scripts) : []
  for (const name of names) {
    // Called with TMPDIR set to this run's folder: the other runs' folders are its siblings.
    if (name.startsWith('spanwright-run-') && !fs.existsSync(path.join(path.dirname(os.tmpdir()), name))) {
      fs.rmSync(path.join(scripts, name), { recursive: true, force: true })
    }
  }
}
