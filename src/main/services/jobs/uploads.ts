import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { MAX_UPLOAD_BYTES } from '../../../shared/api/methods/transfer'
import { siblingName } from '../import/bratSibling'

/** Where this process keeps uploads and download-only exports; removed by `removeTransferTemp` when the server closes. */
export const transferTempRoot = (): string => path.join(os.tmpdir(), `spanwright-transfer-${process.pid}`)

/**
 * Removes this process's uploads and download-only exports (the server's
 * close, on SIGINT/SIGTERM or a normal end). Their downloads end with them.
 */
export function removeTransferTemp(): void {
  try {
    fs.rmSync(transferTempRoot(), { recursive: true, force: true })
  } catch (e) {
    // A folder that cannot be removed is left to the OS's temp cleaning; closing must not fail over it.
    console.error(`spanwright: could not remove ${transferTempRoot()}: ${(e as Error).message}`)
  }
}

/** A fresh folder below the transfer temp root. */
export function freshTempFolder(kind: 'upload' | 'export'): string {
  const dir = path.join(transferTempRoot(), `${kind}-${crypto.randomBytes(9).toString('base64url')}`)
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

/** A file name that stays inside its folder and keeps its extension (format detection reads it). */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base.replace(/[\u0000-\u001f:*?"<>|]/g, '_').replace(/^\.+/, '')
  // File systems cap a name at 255 bytes: keep the extension, shorten the rest.
  if (Buffer.byteLength(clean) <= 120) return clean || 'upload'
  const ext = /\.[A-Za-z0-9]{1,12}$/.exec(clean)?.[0] ?? ''
  return `${Buffer.from(clean).subarray(0, 100).toString('utf8').replace(/\uFFFD+$/, '')}${ext}`
}

/**
 * Stores a file uploaded from the browser (base64 in the call) in a temp
 * folder of its own, under its own name, and returns the server-side path
 * the preview and the import job read. The size is capped: bigger files are
 * imported by path.
 */
export function saveUpload(name: string, base64: string): { path: string; bytes: number } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('bad_request', `${name}: the upload is not base64`)
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('bad_request', `${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the upload limit of ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; give its path instead`)
  }
  const file = path.join(freshTempFolder('upload'), safeFileName(name))
  fs.writeFileSync(file, bytes)
  return { path: file, bytes: bytes.length }
}

/** The upload folder a path was saved in by `saveUpload`, or null when it is not an upload. */
function uploadFolderOf(file: string): string | null {
  const dir = path.dirname(file)
  return path.dirname(dir) === transferTempRoot() && path.basename(dir).startsWith('upload-') ? dir : null
}

/**
 * Files uploaded together, each saved in a folder of its own, put side by side (hard links in one fresh folder,
 * copies where a link cannot be made), so a brat `.txt` finds the `.ann` chosen with it as it does on disk; a
 * `.ann` whose `.txt` came with it is then left to that `.txt`, as in a folder. Paths that are not uploads, and
 * uploads whose names another upload already took, stay as they are.
 */
export function gatherUploads(paths: readonly string[]): string[] {
  if (paths.filter((p) => uploadFolderOf(p)).length < 2) return [...paths]
  const dir = freshTempFolder('upload')
  const gathered = paths.map((p) => {
    const target = path.join(dir, path.basename(p))
    if (!uploadFolderOf(p) || fs.existsSync(target)) return p
    try {
      fs.linkSync(p, target)
    } catch {
      fs.copyFileSync(p, target)
    }
    return target
  })
  const inDir = new Set(gathered.filter((p) => path.dirname(p) === dir))
  // brat's halves in any case of their extensions (DOC.TXT + DOC.ANN), as the import pairs them.
  return gathered.filter((p) => !(p.toLowerCase().endsWith('.ann') && inDir.has(p) && siblingName(inDir, p.slice(0, -4), '.txt', p.slice(-4)) !== null))
}
