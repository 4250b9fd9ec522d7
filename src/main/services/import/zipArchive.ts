import fs from 'node:fs'
import zlib from 'node:zlib'

/**
 * The entries of a ZIP archive held in memory, read through its central
 * directory (which also covers archives written with data descriptors, as
 * Java's ZipOutputStream writes them), and inflated with the platform's zlib.
 * Only what INCEpTION's exports need: stored and deflated entries, no ZIP64,
 * no encryption; each refused with its reason. An entry's size is checked
 * after inflating, and inflating stops at the size the directory declares.
 */
export interface ZipEntry {
  name: string
  method: number
  flags: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** Larger entries are refused: a document's XMI is far smaller, and a string cannot hold more. */
const MAX_ENTRY = 512 * 1024 * 1024

export class ZipError extends Error {}

export function looksZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6))
}

function need(buf: Buffer, at: number, n: number): void {
  if (at < 0 || at + n > buf.length) throw new ZipError('damaged ZIP archive (a record runs past its end)')
}

export function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    // The record ends the file (after its comment): a stored inner archive's own record, met first, does not.
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipError('damaged ZIP archive (no end of central directory)')
  const count = buf.readUInt16LE(eocd + 10)
  const dirOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('ZIP64 archives are not read; unzip it and import the folder')
  const out: ZipEntry[] = []
  let p = dirOffset
  for (let i = 0; i < count; i++) {
    need(buf, p, 46)
    if (buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged ZIP archive (bad central directory entry)')
    const nameLength = buf.readUInt16LE(p + 28)
    const extraLength = buf.readUInt16LE(p + 30)
    const commentLength = buf.readUInt16LE(p + 32)
    need(buf, p + 46, nameLength)
    out.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return out
}

export function zipEntryData(buf: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 1) throw new ZipError(`${e.name}: encrypted ZIP entries are not read`)
  if (e.size > MAX_ENTRY || e.size === 0xffffffff) throw new ZipError(`${e.name}: entry larger than ${MAX_ENTRY / 1024 / 1024} MiB`)
  need(buf, e.localOffset, 30)
  if (buf.readUInt32LE(e.localOffset) !== LOCAL) throw new ZipError(`${e.name}: damaged ZIP archive (bad local header)`)
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28)
  need(buf, start, e.compressedSize)
  const raw = buf.subarray(start, start + e.compressedSize)
  let data: Buffer
  if (e.method === 0) data = Buffer.from(raw)
  else if (e.method === 8) {
    try {
      data = e.size === 0 ? Buffer.alloc(0) : zlib.inflateRawSync(raw, { maxOutputLength: e.size })
    } catch (err) {
      throw new ZipError(`${e.name}: damaged ZIP entry (${(err as Error).message})`)
    }
  } else throw new ZipError(`${e.name}: ZIP compression method ${e.method} is not read (only stored and deflated)`)
  if (data.length !== e.size) throw new ZipError(`${e.name}: damaged ZIP entry (${data.length} bytes, the directory says ${e.size})`)
  return data
}

/** Larger archives are not read whole into memory: unzip them and import the folder. */
export const MAX_ARCHIVE = 1024 * 1024 * 1024

/**
 * The last archive read, kept while its entries are decoded one by one (one read, not one per entry), and let go
 * a few seconds after its last use, so a finished import does not hold it.
 */
let lastArchive: { file: string; mtimeMs: number; size: number; buf: Buffer } | null = null
let release: NodeJS.Timeout | null = null

export function readArchive(file: string): Buffer {
  const st = fs.statSync(file)
  if (st.size > MAX_ARCHIVE) throw new ZipError(`a ZIP archive over ${MAX_ARCHIVE / 1024 / 1024} MiB is not read; unzip it and import the folder`)
  const hit = lastArchive && lastArchive.file === file && lastArchive.mtimeMs === st.mtimeMs && lastArchive.size === st.size
  if (!hit) lastArchive = { file, mtimeMs: st.mtimeMs, size: st.size, buf: fs.readFileSync(file) }
  if (release) clearTimeout(release)
  release = setTimeout(() => {
    lastArchive = null
    lastInner = null
  }, 5000)
  release.unref()
  return lastArchive!.buf
}

/**
 * The last nested archive inflated, kept while its entries are read one by one (inflating it once, not once per
 * entry), and let go with the outer archive.
 */
let lastInner: { outer: Buffer; key: string; buf: Buffer } | null = null

/** The bytes of an entry of a ZIP file, through nested archives (`chain`: the entry names, outermost first). */
export function zipChainBytes(file: string, chain: string[]): Buffer {
  const outer = readArchive(file)
  let buf = outer
  const key = chain.slice(0, -1).join('\0')
  const hit = chain.length > 1 && lastInner && lastInner.outer === outer && lastInner.key === key
  if (hit) buf = lastInner!.buf
  for (const [i, name] of chain.entries()) {
    if (hit && i < chain.length - 1) continue
    const entry = zipEntries(buf).find((e) => e.name === name)
    if (!entry) throw new ZipError(`${name}: not in the archive (it changed since it was listed)`)
    buf = zipEntryData(buf, entry)
    if (i === chain.length - 2) lastInner = { outer, key, buf }
  }
  return buf
}
