#!/usr/bin/env node
// Builds the command line (src/main/cli/main.ts), the API worker it starts for `serve` and the thread of its long jobs into out/cli, as ES
// modules for Node with the npm packages left as imports. bin/spanwright.mjs runs this build while it is
// newer than every source file (bin/builtCli.mjs), and the sources through tsx otherwise.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { STAMP } from '../bin/builtCli.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'out', 'cli')

export async function buildCli() {
  const startedMs = Date.now()
  // No stamp while the build is half-written: a CLI started meanwhile runs the sources.
  fs.rmSync(path.join(outDir, STAMP), { force: true })
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    publicDir: false,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        // jobWorker: the thread a long command (import, export, agreement) runs in, started by bin/jobThread.mjs.
        input: {
          main: path.join(root, 'src/main/cli/main.ts'),
          apiWorker: path.join(root, 'src/main/worker/apiWorker.ts'),
          jobWorker: path.join(root, 'src/main/cli/jobWorker.ts'),
        },
        // Every chunk beside the entries: the worker's file is found next to the module that starts it.
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  })
  fs.writeFileSync(path.join(outDir, STAMP), `${JSON.stringify({ startedMs })}\n`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli()
