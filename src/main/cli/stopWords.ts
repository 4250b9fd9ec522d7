import { parseArgs } from 'node:util'
import type { CliCommand, CliIo } from './command'

/** The exit status of a process ended by the signal, as a shell gives it (128 + its number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

/** The long commands that wait on the event loop (model servers, the team server): the main thread hears Ctrl+C between their steps. */
const BETWEEN_STEPS = new Set(['suggest', 'sync'])

/** For suggest and sync: said when Ctrl+C comes between their steps (never inside a transaction: JS runs one thing at a time). */
function betweenStepsWords(cmd: CliCommand, args: string[]): string {
  if (cmd.name === 'sync') return 'sync stopped: every step that finished (a push, a pulled layer) is kept, each whole, and nothing is half-written; run sync again to go on'
  let acceptAll = false
  try {
    acceptAll = parseArgs({ args, options: cmd.options, allowPositionals: true, strict: false }).values['accept-all'] === true
  } catch {
    // a bad option: main() says so
  }
  if (acceptAll) return 'suggest cancelled: no suggestion was accepted (they are written in one transaction at the end; workspace unchanged)'
  return 'suggest cancelled: nothing was written (without --accept-all suggest only reads the workspace)'
}

/**
 * Runs suggest and sync with a line said on Ctrl+C, the rest as main() runs them. (import, export and agreement
 * are run in their own thread by bin/jobThread.mjs before this.)
 */
export async function runCommand(cmd: CliCommand, argv: string[], terminal: CliIo, run: () => Promise<number>): Promise<number> {
  if (!BETWEEN_STEPS.has(cmd.name)) return run()
  const args = argv.slice(1)
  const stop = (signal: keyof typeof SIGNAL_EXIT) => {
    terminal.error(betweenStepsWords(cmd, args))
    process.exit(SIGNAL_EXIT[signal])
  }
  const onInt = () => stop('SIGINT')
  const onTerm = () => stop('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  try {
    return await run()
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}
