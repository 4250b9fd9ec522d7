import fs from 'node:fs'
import path from 'node:path'
import type { StopWords } from './jobThread'

/** The commands run in the job thread: their work is long and partly synchronous (see jobThread.ts). */
export const IN_JOB_THREAD = new Set(['import', 'export', 'agreement'])

/** An option's value as given (`--out X` or `--out=X`; the last one), read without the command's table. */
export function optionValue(args: string[], name: string): string | null {
  let value: string | null = null
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break
    if (args[i] === `--${name}` && i + 1 < args.length) value = args[++i]
    else if (args[i].startsWith(`--${name}=`)) value = args[i].slice(name.length + 3)
  }
  return value
}

/** An export's temp output (`OUT.partial-<pid>`, a split's `OUT.train.jsonl.partial-<pid>`, a folder's `DIR.partial-<pid>`): removed. */
export function removePartials(out: string, pid = process.pid): void {
  const target = path.resolve(out.replace(/[\\/]+$/, ''))
  const dir = path.dirname(target)
  const stem = path.basename(target, path.extname(target))
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (name.startsWith(stem) && name.endsWith(`.partial-${pid}`)) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
  }
}

/** What each long command says when stopped, as one sentence about the workspace (and the output). */
export function stopWordsFor(command: string, args: string[]): StopWords {
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
