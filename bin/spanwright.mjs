#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx, so it works
// right after `npm install` without a build step.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'

register()
// `spanwright agreement | head`: the reader has gone; stop quietly, as other command-line tools do, instead of
// Node's "Unhandled 'error' event … write EPIPE" stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })
}
const entry = new URL('../src/main/cli/main.ts', import.meta.url)
const { main } = await import(fileURLToPath(entry))
process.exitCode = await main(process.argv.slice(2))
