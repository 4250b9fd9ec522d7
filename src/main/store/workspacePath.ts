import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/api/errors'

/**
 * Kernel file systems whose "files" are views of processes and devices, not
 * stored bytes (Linux statfs magic numbers): /proc, /sys, debugfs, tracefs,
 * securityfs, cgroup v1/v2, configfs, pstore, bpf, efivarfs. Their regular
 * files report size 0 and may block or return a process's memory when read.
 */
const PSEUDO_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, '/proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0xde5e81e4, 'efivarfs'],
])

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isFIFO()) return 'a named pipe (FIFO)'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

function refuse(file: string, what: string): AppError {
  return new AppError(
    'invalid_input',
    `${file} is not a Spanwright workspace: ${what}. Spanwright did not open or change it. Pass --db with a .spanwright file in an ordinary folder.`,
    { file },
  )
}

function pseudoFileSystemOf(where: string): string | null {
  try {
    return PSEUDO_FILE_SYSTEMS.get(Number(fs.statfsSync(where).type)) ?? null
  } catch {
    return null // statfs not offered here: the file-type check still applies
  }
}

/**
 * Refuses, from a stat and a statfs and before anything opens the path, what
 * cannot be a workspace: a FIFO (opening it to read waits for a writer forever),
 * a socket, a device (/dev/zero reads forever), a folder, or anything on /proc,
 * /sys and their kin. A missing path passes (a new workspace is made there) unless
 * its folder is on such a file system. Symlinks are followed: /proc/self/fd/0 is
 * judged by what it points at.
 */
export function assertWorkspacePath(file: string): void {
  if (file === ':memory:') return
  const abs = path.resolve(file)
  let st: fs.Stats | undefined
  try {
    st = fs.statSync(abs, { throwIfNoEntry: false })
  } catch {
    return // a file in the way of the path, no permission: the open itself says so plainly
  }
  if (st && !st.isFile()) throw refuse(file, `it is ${kindOf(st)}`)
  const pseudo = pseudoFileSystemOf(st ? abs : path.dirname(abs))
  if (pseudo) throw refuse(file, `it is on ${pseudo}, a view of the running system, not a disk`)
}
