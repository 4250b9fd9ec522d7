import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'

/**
 * vitest setup for property tests: a failing fast-check property is written,
 * with its seed, counterexample and a command that replays it, to
 * .test-results/fast-check-failures.log (git ignores it) as well as to the
 * test's error, so a failure seen once in a long run is not lost with the
 * run's output (tokenExportsConsumerView failed once that way, seed gone).
 * SPANWRIGHT_FC_SEED=<seed> runs every property of the run from that seed.
 * Only files that mention fast-check load it.
 */
const testPath = expect.getState().testPath
if (testPath && fs.readFileSync(testPath, 'utf8').includes('fast-check')) {
  const fc = (await import('fast-check')).default
  const seed = Number(process.env.SPANWRIGHT_FC_SEED)
  fc.configureGlobal({
    ...(Number.isInteger(seed) && process.env.SPANWRIGHT_FC_SEED ? { seed } : {}),
    reporter(details) {
      if (!details.failed) return
      const file = path.relative(process.cwd(), testPath)
      const name = expect.getState().currentTestName ?? ''
      const replay = `SPANWRIGHT_FC_SEED=${details.seed} npx vitest run ${file} -t ${JSON.stringify(name.split(' > ').pop() ?? '')}`
      const message = `${fc.defaultReportMessage(details) ?? 'Property failed'}\nReplay: ${replay}`
      try {
        fs.mkdirSync('.test-results', { recursive: true })
        fs.appendFileSync(path.join('.test-results', 'fast-check-failures.log'), `${new Date().toISOString()} ${file} > ${name}\n${message}\n\n`)
      } catch {
        // The log is a convenience; the test's own error below carries the same message.
      }
      throw new Error(message, { cause: details.errorInstance })
    },
  })
}
