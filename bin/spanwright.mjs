#!/usr/bin/env node
// The command line. It runs the build in out/cli while that is newer than every source file (`npm run build`
// makes it; it starts in about a third of the time), and otherwise the TypeScript sources directly through tsx,
// so it works right after `npm install` and after any edit, without a build step.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { builtCliEntry } from './builtCli.mjs'
import { jobCommand, runInJobThread } from './jobThread.mjs'

// `spanwright agreement | head`: the reader has gone; stop quietly, as other command-line tools do, instead of
// Node's "Unhandled 'error' event … write EPIPE" stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })
}
// Ctrl+C (or SIGTERM) while the command line loads (seconds from the sources on a busy machine): no command has
// begun, so say so rather than die silently. A long command then answers its own (./jobThread.mjs).
const stoppedEarly = (signal) => {
  console.error(`spanwright: stopped before the command began (${signal}); nothing was done`)
  process.exit(signal === 'SIGTERM' ? 143 : 130)
}
process.on('SIGINT', stoppedEarly)
process.on('SIGTERM', stoppedEarly)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = builtCliEntry(root)
const argv = process.argv.slice(2)
// A long job (import, export, agreement) runs in its own thread (./jobThread.mjs): this thread loads neither tsx
// nor the commands, and stays free to hear Ctrl+C.
const job = jobCommand(argv)
let run
if (job) run = () => runInJobThread(argv, job, { root, built: built !== null })
else {
  if (!built) (await import('tsx/esm/api')).register()
  const { runCommandLine } = await import(pathToFileURL(built ?? path.join(root, 'src', 'main', 'cli', 'main.ts')).href)
  run = () => runCommandLine(argv)
}
process.off('SIGINT', stoppedEarly)
process.off('SIGTERM', stoppedEarly)
process.exitCode = await run()
