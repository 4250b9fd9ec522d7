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
 */
export function apiWorkerEntry(here = path.dirname(fileURLToPath(import.meta.url))): WorkerEntry {
  return workerEntry(here, 'apiWorker')
}

/**
 * Any worker module the same way: `name`.cjs or `name`.mjs in `here` (a build), else `name`.ts there through tsx.
 * The command line's job thread (src/main/cli/jobThread.ts) starts its worker so.
 */
export function workerEntry(here: string, name: string): WorkerEntry {
  for (const file of [`${name}.cjs`, `${name}.mjs`]) {
    const built = path.join(here, file)
    if (fs.existsSync(built)) return { code: built, eval: false }
  }
  const source = path.join(here, `${name}.ts`)
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
