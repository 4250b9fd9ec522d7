import fs from 'node:fs'
import path from 'node:path'

/**
 * `fs.mkdirSync(dir, { recursive: true })` without its endless loop: Node 20's recursive mkdir retries for ever
 * when a level cannot be made although its parent exists (ENOENT under /proc/self, which takes no new folders),
 * so `export --out /proc/self/x/out.jsonl` spun at full CPU and never answered. Each missing level is made on its
 * own, from the deepest folder that exists, and the first refusal is thrown as the disk gave it.
 */
export function makeFolder(dir: string, mode?: number): void {
  const missing: string[] = []
  let at = path.resolve(dir)
  for (;;) {
    const st = fs.statSync(at, { throwIfNoEntry: false })
    if (st?.isDirectory()) break
    if (st) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR', path: at })
    missing.push(at)
    const parent = path.dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level, { mode })
    } catch (e) {
      // Made meanwhile by someone else: as good as made here.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(level).isDirectory()) throw e
    }
  }
}
