// A long command (import, export, agreement) runs in a worker thread, src/main/cli/jobWorker.ts (built:
// out/cli/jobWorker.mjs), so this thread's event loop stays free while the job is deep in synchronous work (an
// import's one write transaction) and Ctrl+C (SIGINT) or SIGTERM is heard at once. Plain JavaScript on purpose: the
// main thread loads neither tsx nor the commands (they load once, in the job thread). The messages are those
// jobWorker.ts declares (JobSetup, JobFromWorker).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/** The commands run in the job thread: their work is long and partly synchronous. */
export const IN_JOB_THREAD = new Set(['import', 'export', 'agreement'])

/** The exit status of a process ended by the signal, as a shell gives it (128 + its number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 }

/** Long enough that a stop heard at the next progress step says nothing more. */
const STILL_STOPPING_MS = 1500

/** A path or option typed by the user, for the terminal: control characters and bidi overrides shown escaped (as src/main/cli/printable.ts). */
const printable = (text) => text.replace(/[^\P{Cc}\n\t]|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** An option's value as given (`--out X` or `--out=X`; the last one), read without the command's table. */
export function optionValue(args, name) {
  let value = null
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break
    if (args[i] === `--${name}` && i + 1 < args.length) value = args[++i]
    else if (args[i].startsWith(`--${name}=`)) value = args[i].slice(name.length + 3)
  }
  return value
}

/** An export's temp output (`OUT.partial-<pid>`, a split's `OUT.train.jsonl.partial-<pid>`, a folder's `DIR.partial-<pid>`): removed. */
export function removePartials(out, pid = process.pid) {
  const target = path.resolve(out.replace(/[\\/]+$/, ''))
  const dir = path.dirname(target)
  const stem = path.basename(target, path.extname(target))
  let names
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (name.startsWith(stem) && name.endsWith(`.partial-${pid}`)) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
  }
}

/**
 * What `spanwright import|export|agreement …` says when stopped (one sentence about the workspace and the output),
 * or null for any other command and for --help: those run as before, in this thread.
 * @returns {{ command: string, stopped: string, forced: string, tidy?: () => void } | null}
 */
export function jobCommand(argv) {
  const [command, ...args] = argv
  if (!command || !IN_JOB_THREAD.has(command)) return null
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
  if (options.includes('--help') || options.includes('-h')) return null
  if (command === 'import') {
    return {
      command,
      stopped: 'import cancelled: nothing from this import was stored (workspace unchanged)',
      forced: 'import stopped at once: nothing from this import was stored (SQLite drops a transaction that did not commit; workspace unchanged)',
    }
  }
  if (command === 'export') {
    const out = optionValue(args, 'out')
    const what = out ? `${out} was not written` : 'nothing was written'
    return {
      command,
      stopped: `export cancelled: ${what} (no partial file left)`,
      forced: `export stopped at once: ${what} (no partial file left)`,
      tidy: out ? () => removePartials(out) : undefined,
    }
  }
  return {
    command,
    stopped: `${command} cancelled: nothing was written (${command} only reads the workspace)`,
    forced: `${command} stopped at once: nothing was written (${command} only reads the workspace)`,
  }
}

/** The job thread's module: the build's, or the source through tsx (registered inside the thread: a worker does not inherit loader hooks). */
function workerOf(root, built) {
  const inBuild = path.join(root, 'out', 'cli', 'jobWorker.mjs')
  if (built && fs.existsSync(inBuild)) return { code: inBuild, eval: false }
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json')
  const api = path.join(path.dirname(pkgFile), JSON.parse(fs.readFileSync(pkgFile, 'utf8')).exports['./esm/api'].import.default)
  const source = path.join(root, 'src', 'main', 'cli', 'jobWorker.ts')
  return { code: `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(source).href)}) })`, eval: true }
}

/**
 * Runs the command in the job thread. The first SIGINT/SIGTERM sets the job's stop on shared memory (read at its next
 * progress step, even inside the write transaction, as the app's transfer.cancel reaches a job through the API
 * worker's StopBoard): the job rolls back, closes the workspace and removes its temp output, and one sentence says
 * what became of the workspace. A second one quits at once: SQLite never keeps a transaction that did not commit.
 * Either way the process then ends by the signal itself, as git and Python do, so the shell reports 130 (SIGINT) or
 * 143 (SIGTERM) and a script running it stops too.
 */
export async function runInJobThread(argv, words, { root, built }) {
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
  const entry = workerOf(root, built)
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: { argv, stop: stop.buffer, stderrIsTTY: process.stderr.isTTY === true } })
  let asked = null
  let stillStopping
  const say = (line) => console.error(printable(line))
  const onSignal = (signal) => {
    if (asked) return endBySignal(signal, words, say, words.forced)
    asked = signal
    Atomics.store(stop, 0, 1)
    worker.postMessage({ type: 'stop' })
    stillStopping = setTimeout(() => say(`${words.command}: stopping… (press Ctrl+C again to quit at once; the workspace stays whole either way)`), STILL_STOPPING_MS)
    stillStopping.unref()
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  try {
    const code = await new Promise((resolve, reject) => {
      let result = null
      worker.on('message', (m) => {
        // Lines come already made printable by main() in the thread.
        if (m.type === 'log') console.log(m.line)
        else if (m.type === 'error') console.error(m.line)
        else if (m.type === 'progress') process.stderr.write(m.text)
        else if (m.type === 'done') result = m.code
        // The job has rolled back and closed the workspace: end now, not after its thread's teardown (a big
        // import's heap takes a second on a busy machine).
        else if (m.type === 'stopped') endBySignal(asked ?? 'SIGINT', words, say, words.stopped)
      })
      worker.once('error', reject)
      worker.once('exit', (c) => (result === null ? reject(new Error(`the job thread stopped (exit code ${c}) before it finished`)) : resolve(result)))
    })
    // The job ended before it heard the stop (its transaction had committed): what it printed stands.
    if (asked) say(`${words.command} had already finished when the stop came; what it printed above is done`)
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
function endBySignal(signal, words, say, line) {
  try {
    words.tidy?.()
  } finally {
    say(line)
    // Windows has no signals to end by: the same status, as a code.
    if (process.platform === 'win32') process.exit(SIGNAL_EXIT[signal])
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
}
