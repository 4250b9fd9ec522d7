// Which code `spanwright` runs: the command line built by `npm run build` (out/cli, about 0.2 s to start), or the
// TypeScript sources through tsx (about 0.55 s: tsx's loader hooks compile and resolve some 200 modules one by one).
// The build is used only while no source is newer than it, so an edit after a build is never hidden by a stale build.
import fs from 'node:fs'
import path from 'node:path'

/** The build's stamp: when the build started reading the sources (ms since the epoch). */
export const STAMP = 'built-from.json'

/** The newest modification time (ms) of any file or folder under `dir` (a deleted file changes its folder's). */
export function newestMtime(dir) {
  let newest = fs.statSync(dir).mtimeMs
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

/**
 * The built entry (out/cli/main.mjs) when it is there and no file under src/ changed since its build started;
 * otherwise null (run the sources). SPANWRIGHT_CLI=source always runs the sources.
 */
export function builtCliEntry(root, env = process.env) {
  if (env.SPANWRIGHT_CLI === 'source') return null
  const dir = path.join(root, 'out', 'cli')
  let startedMs
  try {
    startedMs = JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')).startedMs
    if (typeof startedMs !== 'number' || !fs.existsSync(path.join(dir, 'main.mjs'))) return null
    if (newestMtime(path.join(root, 'src')) >= startedMs) return null
  } catch {
    return null
  }
  return path.join(dir, 'main.mjs')
}
