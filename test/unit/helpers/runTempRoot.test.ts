import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'

// The run's global setup (test/helpers/runTempRoot.ts) hands every worker a temp folder of its own.
test('temp folders of a test run go under the run own folder', () => {
  expect(path.basename(os.tmpdir())).toMatch(/^spanwright-run-/)
})
