import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { REPO_ROOT } from './tempWorkspace'

/** Where the bundles go: inside the checkout, so the code finds resources/ and node_modules from there as it does from src/. */
export const SCRIPTS_DIR = path.join(REPO_ROOT, 'out', 'test-scripts')

const RUN_PREFIX = 'spanwright-run-'

/**
 * A snippet of code that imports our TypeScript sources (`await import('/…/src/main/store/store.ts')`), bundled by
 * esbuild (what tsx compiles with) into one ES module that a plain `node FILE` runs: the same sources, compiled the
 * same way, but loaded in about a third of the CPU time tsx's loader hooks take to compile and resolve some 150
 * modules one by one (a kill -9 test starts forty such processes). npm packages stay imports.
 * Bundles live in out/test-scripts/<the run's temp folder name>/, one per distinct snippet; runTempRoot removes the
 * run's folder when the run ends, and a run removes the folders of runs that are gone.
 */
export function bundledScript(code: string): string {
  const run = path.basename(os.tmpdir())
  const dir = path.join(SCRIPTS_DIR, run.startsWith(RUN_PREFIX) ? run : `pid-${process.pid}`)
  const file = path.join(dir, `script-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 20)}.mjs`)
  if (fs.existsSync(file)) return file
  if (!fs.existsSync(dir)) {
    removeGoneRuns()
    fs.mkdirSync(dir, { recursive: true })
  }
  const making = `${file}.${process.pid}.making`
  buildSync({
    stdin: { contents: code, resolveDir: REPO_ROOT, sourcefile: 'script.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: making,
    logLevel: 'error',
  })
  fs.renameSync(making, file) // two workers bundling the same snippet: either's file is the same code
  return file
}

/** Bundles left by runs whose temp folder is gone (or by processes that are gone). */
function removeGoneRuns(): void {
  let names: string[] = []
  try {
    names = fs.readdirSync(SCRIPTS_DIR)
  } catch {
    return
  }
  for (const name of names) {
    const gone = name.startsWith(RUN_PREFIX) ? !fs.existsSync(path.join(path.dirname(os.tmpdir()), name)) : name.startsWith('pid-') && !alive(Number(name.slice(4)))
    if (gone) fs.rmSync(path.join(SCRIPTS_DIR, name), { recursive: true, force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
