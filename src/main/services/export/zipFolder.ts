import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'

/**
 * fflate writes no ZIP64 records: an archive holds at most 65,535 entries and
 * 4 GiB (less a margin for the headers). Past either the export is refused,
 * with the folder path as the way out, rather than written as a ZIP that some
 * readers take for damaged.
 */
export const ZIP_MAX_ENTRIES = 0xffff
export const ZIP_MAX_BYTES = 0xffffffff - 64 * 1024 * 1024

/** Every file below `dir` (and every empty folder, as `name/`), as archive paths with `/`, sorted. */
function entriesOf(dir: string, prefix = ''): { name: string; file: string | null }[] {
  const out: { name: string; file: string | null }[] = []
  const names = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (!names.length && prefix) out.push({ name: prefix, file: null })
  for (const d of names) {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) out.push(...entriesOf(full, `${prefix}${d.name}/`))
    else if (d.isFile()) out.push({ name: `${prefix}${d.name}`, file: full })
  }
  return out
}

/**
 * Writes the files of folder `dir` into the ZIP archive `zipPath`, at the
 * archive's root with their paths relative to `dir` (so extracting it gives
 * the same folder the export writes to a path), deflated, names in UTF-8.
 * Reads one file at a time; `checkCancel` runs between files. A partly written
 * archive is removed when it fails.
 */
export async function zipFolder(dir: string, zipPath: string, checkCancel: () => void = () => undefined): Promise<{ entries: number; bytes: number }> {
  const entries = entriesOf(dir)
  if (entries.length > ZIP_MAX_ENTRIES) {
    throw new AppError('bad_request', `the export has ${entries.length.toLocaleString('en')} files, more than a ZIP download holds (${ZIP_MAX_ENTRIES.toLocaleString('en')}): give a folder path to write it to`)
  }
  // fflate is loaded here, at the first ZIP: every API thread that imported it paid some 60 ms of CPU at start (h96).
  const { Zip, ZipDeflate, ZipPassThrough } = await import('fflate')
  const fd = fs.openSync(zipPath, 'w')
  let bytes = 0
  let failure = null as Error | null
  const zip = new Zip((err, chunk) => {
    if (err) failure = err
    else {
      fs.writeSync(fd, chunk)
      bytes += chunk.length
    }
  })
  try {
    for (const [i, e] of entries.entries()) {
      checkCancel()
      if (e.file === null) {
        const folder = new ZipPassThrough(e.name)
        zip.add(folder)
        folder.push(new Uint8Array(0), true)
        continue
      }
      const data = fs.readFileSync(e.file)
      const file = new ZipDeflate(e.name, { level: 6 })
      zip.add(file)
      file.push(data, true)
      if (failure) throw failure
      if (bytes > ZIP_MAX_BYTES) {
        throw new AppError('bad_request', `the export is over 4 GiB, more than a ZIP download holds: give a folder path to write it to`)
      }
      if (i % 200 === 199) await new Promise<void>((r) => setImmediate(r))
    }
    zip.end()
    if (failure) throw failure
    fs.closeSync(fd)
    return { entries: entries.length, bytes }
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(zipPath, { force: true })
    throw e
  }
}
