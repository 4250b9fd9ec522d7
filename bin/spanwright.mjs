#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx, so it works
// right after `npm install` without a build step.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'

register()
const entry = new URL('../src/main/cli/main.ts', import.meta.url)
const { main } = await import(fileURLToPath(entry))
process.exitCode = await main(process.argv.slice(2))
