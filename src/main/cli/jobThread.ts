import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { StopBoard } from '../worker/stopBoard'
import { workerEntry } from '../worker/workerEntry'
import type { CliIo } from './command'
import { IN_JOB_THREAD, stopWordsFor } from './jobWords'
import { printableMessage } from './printable'

/** What the job thread is started with (structured-cloned). */
export interface JobSetup {
  argv: string[]
  stopBoard: SharedArrayBuffer
  callId: number
  stderrIsTTY: boolean
}

export type JobToWorker = { type: 'stop' }

export type JobFromWorker =
  | { type: 'log'; line: string }
  | { type: 'error'; line: string }
  | { type: 'progress'; text: string }
  | { type: 'done'; code: number }
  /** The job ended because the user asked it to stop (its transaction rolled back, its temp output removed). */
  | { type: 'stopped' }

/** What a command says when the user stopped it, and what to tidy when it is quit at once. */
export interface StopWords {
  /** The command's name, as the lines begin. */
  command: string
  /** Said when the job stopped as asked: one plain sentence. */
  stopped: string
  /** Said on a second Ctrl+C, just before the process is killed. */
  forced: string
  /** Removes what the job left half-made (an export's `OUT.partial-<pid>`); runs before a forced quit too. */
  tidy?: () => void
}

/** The exit status of a process ended by the signal, as a shell gives it (128 + its number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const
type StopSignal = keyof typeof SIGNAL_EXIT

/** Long enough that a stop heard at the next progress step says nothing more. */
const STILL_STOPPING_MS = 1500

const consoleIo: CliIo = { log: (l) => console.log(l), error: (l) => console.error(printableMessage(l)) }

/**
 * What `spanwright import|export|agreement …` says when stopped, or null for any other command (and for --help):
 * those run in the job thread. Light on purpose: bin/spanwright.mjs loads this module, not the commands, for a long
 * job, so the commands' code loads once (in the job thread), not twice.
 */
export function jobCommand(argv: string[]): StopWords | null {
  const [name, ...args] = argv
  if (!name || !IN_JOB_THREAD.has(name)) return null
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
  if (options.includes('--help') || options.includes('-h')) return null
  return stopWordsFor(name, args)
}

/** A long command in the job thread; null when `argv` is no such command. */
export async function runJobCommand(argv: string[], terminal: CliIo = consoleIo): Promise<number | null> {
  const words = jobCommand(argv)
  return words ? runInJobThread(argv, words, terminal) : null
}

/**
 * Runs a long command (import, export, agreement) in a worker thread, so this thread's event loop stays free while
 * the job is deep in synchronous work (an import's one write transaction), and Ctrl+C (SIGINT) or SIGTERM is heard
 * at once. The first one sets the job's stop on the shared board (the API worker's cancel, StopBoard): the job
 * stops at its next progress step, its transaction rolled back and its workspace closed, and one sentence says what
 * became of the workspace. A second one quits at once: SQLite never keeps a transaction that did not commit, so the
 * workspace is still whole. Either way the process then ends by the signal itself, as git and Python do, so the
 * shell reports 130 (SIGINT) or 143 (SIGTERM) and a script running it stops too.
 */
export async function runInJobThread(argv: string[], words: StopWords, terminal: CliIo = consoleIo): Promise<number> {
  const board = new StopBoard()
  const callId = 1
  const entry = workerEntry(path.dirname(fileURLToPath(import.meta.url)), 'jobWorker')
  const setup: JobSetup = { argv, stopBoard: board.buffer, callId, stderrIsTTY: process.stderr.isTTY === true }
  let asked: StopSignal | null = null
  let stillStopping: NodeJS.Timeout | undefined
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: setup })
  const onSignal = (signal: StopSignal) => {
    if (asked) return endBySignal(signal, words, terminal, words.forced)
    asked = signal
    board.requestStop(callId)
    worker.postMessage({ type: 'stop' } satisfies JobToWorker)
    stillStopping = setTimeout(() => terminal.error(`${words.command}: stopping… (press Ctrl+C again to quit at once; the workspace stays whole either way)`), STILL_STOPPING_MS)
    stillStopping.unref()
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  try {
    const code = await new Promise<number>((resolve, reject) => {
      let result: number | null = null
      worker.on('message', (m: JobFromWorker) => {
        if (m.type === 'log') terminal.log(m.line)
        else if (m.type === 'error') terminal.error(m.line)
        else if (m.type === 'progress') process.stderr.write(m.text)
        else if (m.type === 'done') result = m.code
        // The job has rolled back and closed the workspace: end now, not after its thread's teardown (a big
        // import's heap takes a second on a busy machine).
        else if (m.type === 'stopped') endBySignal(asked ?? 'SIGINT', words, terminal, words.stopped)
      })
      worker.once('error', reject)
      worker.once('exit', (c) => (result === null ? reject(new Error(`the job thread stopped (exit code ${c}) before it finished`)) : resolve(result)))
    })
    // The job ended before it heard the stop (its transaction had committed): what it printed stands.
    if (asked) terminal.error(`${words.command} had already finished when the stop came; what it printed above is done`)
    return code
  } finally {
    clearTimeout(stillStopping)
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}

/**
 * Tidies what the job left half-made, says what became of the workspace, and ends the process by `signal` with no
 * wait for the job thread (which, on a second Ctrl+C, may be inside one long SQLite statement).
 */
function endBySignal(signal: StopSignal, words: StopWords, terminal: CliIo, line: string): void {
  try {
    words.tidy?.()
  } finally {
    terminal.error(line)
    // Windows has no signals to end by: the same status, as a code.
    if (process.platform === 'win32') process.exit(SIGNAL_EXIT[signal])
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
}
