import fs from 'node:fs'
import path from 'node:path'
import { plainStorageError } from '../store/storageErrors'
import { makeFolder } from '../store/makeFolder'

/** Folders we create hold someone's annotations: only their owner may list or read them. */
export const PRIVATE_FOLDER_MODE = 0o700

/**
 * Creates the folder a workspace file lives in when it is missing (a first run:
 * no ~/.config/Spanwright yet), with private permissions. An existing folder is
 * left exactly as it is. A disk that refuses says so in a sentence naming the file.
 */
export function ensureWorkspaceFolder(workspaceFile: string): string {
  const dir = path.dirname(path.resolve(workspaceFile))
  try {
    const st = fs.statSync(dir, { throwIfNoEntry: false })
    if (st?.isDirectory()) return dir
    if (st) throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR' })
    makeFolder(dir, PRIVATE_FOLDER_MODE)
  } catch (e) {
    throw plainStorageError(e, workspaceFile, `create its folder ${dir}`)
  }
  return dir
}
