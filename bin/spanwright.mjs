#!/usr/bin/env node
// The command line. It runs the build in out/cli while that is newer than every source file (`npm run build`
// makes it; it starts in about a third of the time), and otherwise the TypeScript sources directly through tsx,
// so it works right after `npm install` and after any edit, without a build step.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { builtCliEntry } from './builtCli.mjs'

// `spanwright agreement | head`: the reader has gone; stop quietly, as other command-line tools do, instead of
// Node's "Unhandled 'error' event … write EPIPE" stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = builtCliEntry(root)
let entry = built
if (!entry) {
  const { register } = await import('tsx/esm/api')
  register()
  entry = path.join(root, 'src', 'main', 'cli', 'main.ts')
}
const { main } = await import(pathToFileURL(entry).href)
process.exitCode = await main(process.argv.slice(2))
