import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const APP_NAME = 'Spanwright'

/** An environment variable that names a folder: empty or relative counts as unset (the XDG Base Directory rule). */
function folderVar(value: string | undefined): string | null {
  return value && path.isAbsolute(value) ? value : null
}

/** The per-user data folder, the same one Electron's app.getPath('userData') is set to. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SPANWRIGHT_HOME) return path.resolve(env.SPANWRIGHT_HOME)
  const home = env.HOME && platform !== 'win32' ? env.HOME : os.homedir()
  if (platform === 'win32') return path.join(folderVar(env.APPDATA) ?? path.join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME)
  return path.join(folderVar(env.XDG_CONFIG_HOME) ?? path.join(home, '.config'), APP_NAME)
}

/** The default workspace file, shared by the desktop app, `npm run web` and the CLI. */
export function defaultWorkspaceFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'workspace.spanwright')
}

let cachedRoot: string | null = null
/**
 * The folder holding `resources/` (and, once built, `out/`). Found by walking up
 * from this module, because it runs from src/ under tsx and from out/ when bundled.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'resources', 'schema', 'news.json'))) return (cachedRoot = dir)
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new Error('cannot find the resources/ folder next to the Spanwright code')
}

export function resourcesDir(): string {
  return path.join(appRoot(), 'resources')
}
