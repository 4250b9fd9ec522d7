import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** How to start the API worker: a built file, or the TypeScript source through tsx. */
export interface WorkerEntry {
  /** A file path for `new Worker(file)`, or the code of a small ESM loader (`eval`). */
  code: string
  eval: boolean
}

/**
 * The built bundle when this module was bundled: out/main/apiWorker.cjs beside
 * the desktop's index.cjs, or out/cli/apiWorker.mjs beside the built command
 * line. Otherwise the source (CLI through tsx, tests), loaded by a two-line
 * loader that registers tsx inside the worker first: a worker does not inherit
 * the parent's loader hooks.
 * When running from the sources, SPANWRIGHT_API_WORKER_BUNDLE may name a file that bundles apiWorker.ts from these
 * same sources (esbuild, what tsx compiles with): the test runs make one per run (test/helpers/runTempRoot.ts), so
 * each of the three threads of a worker host loads one file instead of compiling some 200 modules through tsx.
 */
export function apiWorkerEntry(here = path.dirname(fileURLToPath(import.meta.url)), sourceBundle = process.env.SPANWRIGHT_API_WORKER_BUNDLE): WorkerEntry {
  for (const name of ['apiWorker.cjs', 'apiWorker.mjs']) {
    const built = path.join(here, name)
    if (fs.existsSync(built)) return { code: built, eval: false }
  }
  if (sourceBundle && fs.existsSync(sourceBundle)) return { code: sourceBundle, eval: false }
  const source = path.join(here, 'apiWorker.ts')
  return { code: tsxLoader(tsxEsmApi(), source), eval: true }
}

/** tsx's ESM register API, read from its package exports (require.resolve would give the CommonJS build). */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json')
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  return path.join(path.dirname(pkgFile), pkg.exports['./esm/api'].import.default)
}

/** The loader's code: pure, so a unit test can read it. */
export function tsxLoader(tsxApiFile: string, source: string): string {
  const api = JSON.stringify(pathToFileURL(tsxApiFile).href)
  const entry = JSON.stringify(pathToFileURL(source).href)
  return `import(${api}).then((m) => { m.register(); return import(${entry}) })`
}
