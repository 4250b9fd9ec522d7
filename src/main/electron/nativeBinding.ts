import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 compiled for Electron's ABI lives apart from node_modules
 * (scripts/native-electron.mjs builds it), so `npm test` keeps Node's build.
 */
export function electronNativeBinding(root: string, electronVersion: string): string | undefined {
  const file = path.join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node')
  return fs.existsSync(file) ? file : undefined
}
