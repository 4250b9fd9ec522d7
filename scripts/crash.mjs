#!/usr/bin/env node
// `npm run test:crash`: the long crash test (200 cycles by default). A child
// writes through the real store until SIGKILLed at a seeded random moment; the
// parent reopens the file and checks it. Prints a JSON summary; exits non-zero
// if anything acknowledged was lost or the file is not whole.
//   --cycles N   (default 200)    --seed N   (default 1)
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
register()
const { runCrashTest } = await import(fileURLToPath(new URL('../test/crash/crashHarness.ts', import.meta.url)))
const cycles = arg('--cycles', 200)
const t0 = Date.now()
const onCycle = (r) => {
  if (r.cycles % 10 === 0) process.stderr.write(`crash: ${r.cycles}/${cycles} cycles, ${r.lost} lost, ${r.problems.length} problems (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`)
}
const report = await runCrashTest({ cycles, seed: arg('--seed', 1), onCycle })
const { problems, ...summary } = report
console.log(JSON.stringify({ ...summary, problems: problems.slice(0, 20) }, null, 2))
const ok = !problems.length && report.lost === 0 && report.integrityFailures === 0 && report.foreignKeyViolations === 0 && report.partialBatches === 0
process.exit(ok ? 0 : 1)
