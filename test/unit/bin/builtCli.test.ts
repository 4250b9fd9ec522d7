import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { builtCliEntry, STAMP } from '../../../bin/builtCli.mjs'
import { apiWorkerEntry } from '../../../src/main/worker/workerEntry'

let root: string
const at = (p: string, ms: number) => fs.utimesSync(path.join(root, p), ms / 1000, ms / 1000)
const T = Date.parse('2026-01-01T00:00:00Z')

/** A checkout: src/ with a file in a folder, and out/cli built at T (its stamp) unless `stamp` says otherwise. */
function checkout(stamp: unknown = { startedMs: T }) {
  fs.mkdirSync(path.join(root, 'src', 'main'), { recursive: true })
  fs.writeFileSync(path.join(root, 'src', 'main', 'a.ts'), 'export {}\n')
  fs.mkdirSync(path.join(root, 'out', 'cli'), { recursive: true })
  fs.writeFileSync(path.join(root, 'out', 'cli', 'main.mjs'), 'export {}\n')
  if (stamp !== null) fs.writeFileSync(path.join(root, 'out', 'cli', STAMP), typeof stamp === 'string' ? stamp : JSON.stringify(stamp))
  for (const p of ['src/main/a.ts', 'src/main', 'src']) at(p, T - 60_000)
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-builtcli-'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('builtCliEntry: the build runs only while no source is newer', () => {
  it('runs the build when every source predates it', () => {
    checkout()
    expect(builtCliEntry(root, {})).toBe(path.join(root, 'out', 'cli', 'main.mjs'))
  })

  it('runs the sources once a file is edited after the build started', () => {
    checkout()
    at('src/main/a.ts', T + 1)
    expect(builtCliEntry(root, {})).toBeNull()
  })

  it('runs the sources once a file is added or deleted (its folder changes)', () => {
    checkout()
    fs.rmSync(path.join(root, 'src', 'main', 'a.ts'))
    fs.utimesSync(path.join(root, 'src', 'main'), (T + 5) / 1000, (T + 5) / 1000)
    expect(builtCliEntry(root, {})).toBeNull()
  })

  it('runs the sources with no build, no stamp, a broken stamp, or no entry file', () => {
    expect(builtCliEntry(root, {})).toBeNull()
    checkout(null)
    expect(builtCliEntry(root, {})).toBeNull()
    checkout('{"startedMs":')
    expect(builtCliEntry(root, {})).toBeNull()
    checkout({ startedMs: 'yesterday' })
    expect(builtCliEntry(root, {})).toBeNull()
    checkout()
    fs.rmSync(path.join(root, 'out', 'cli', 'main.mjs'))
    expect(builtCliEntry(root, {})).toBeNull()
  })

  it('SPANWRIGHT_CLI=source always runs the sources', () => {
    checkout()
    expect(builtCliEntry(root, { SPANWRIGHT_CLI: 'source' })).toBeNull()
  })
})

describe('apiWorkerEntry beside a build', () => {
  it("starts the built command line's worker file (apiWorker.mjs), the desktop's (apiWorker.cjs), or the source", () => {
    const bundle = path.join(root, 'elsewhere', 'api-worker.mjs')
    expect(apiWorkerEntry(root, '').eval).toBe(true)
    expect(apiWorkerEntry(root, bundle).eval).toBe(true) // named but not there: the source
    fs.mkdirSync(path.dirname(bundle))
    fs.writeFileSync(bundle, '')
    expect(apiWorkerEntry(root, bundle)).toEqual({ code: bundle, eval: false }) // the sources bundled (the test runs')
    fs.writeFileSync(path.join(root, 'apiWorker.mjs'), '')
    expect(apiWorkerEntry(root, bundle)).toEqual({ code: path.join(root, 'apiWorker.mjs'), eval: false })
    fs.writeFileSync(path.join(root, 'apiWorker.cjs'), '')
    expect(apiWorkerEntry(root, bundle)).toEqual({ code: path.join(root, 'apiWorker.cjs'), eval: false })
  })
})
