import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import setupRunTempRoot from '../../helpers/runTempRoot'

// The run's global setup (test/helpers/runTempRoot.ts) hands every worker a temp folder of its own.
test('temp folders of a test run go under the run own folder', () => {
  expect(path.basename(os.tmpdir())).toMatch(/^spanwright-run-/)
})

test('the run folder takes what the run makes and is removed, with all of it, when the run ends', () => {
  const outer = process.env.TMPDIR
  const teardown = setupRunTempRoot()
  const root = os.tmpdir()
  expect(root).not.toBe(outer)
  expect(fs.statSync(root).mode & 0o777).toBe(0o755) // the postgres user reaches the data folders inside
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-test-'))
  fs.writeFileSync(path.join(made, 'w.spanwright'), 'x')
  expect(made.startsWith(root + path.sep)).toBe(true)
  teardown()
  expect(fs.existsSync(root)).toBe(false)
  expect(process.env.TMPDIR).toBe(outer)
})
