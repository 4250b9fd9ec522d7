import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { REPO_ROOT } from './tempWorkspace'

/** Debian's Python, with the packages the consumer scripts import (.ci/run installs them). */
export const PYTHON = '/usr/bin/python3'

/** Why the Python consumer checks cannot run here, or null. On CI they must run, so a missing piece throws there. */
export function pythonMissing(modules: string[]): string | null {
  const r = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' })
  const reason = r.error ? `${PYTHON} is not installed` : r.status !== 0 ? `${PYTHON} lacks ${modules.join(', ')} (apt-get install -y ${modules.map((m) => `python3-${m}`).join(' ')}; .ci/run does it)` : null
  if (reason && process.env.CI) throw new Error(`${reason} (on CI the Python consumer checks must run)`)
  return reason
}

/** Runs test/helpers/python/<script> with `args`; its stdout as JSON, or the script's error. */
export function runPythonConsumer<T>(script: string, args: string[]): T {
  const r = spawnSync(PYTHON, [path.join(REPO_ROOT, 'test', 'helpers', 'python', script), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}):\n${r.stderr}`)
  return JSON.parse(r.stdout) as T
}
