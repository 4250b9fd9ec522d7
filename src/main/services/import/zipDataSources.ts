import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { FORMAT_NAMES } from '../../../shared/formats/formatCodec'
import type { FormatName } from '../../../shared/formats/formatCodec'
import type { SkippedEntry } from '../../../shared/formats/importReport'
import { detectBytesFormat, HEAD_BYTES, STREAM_FORMATS, streamCodec } from '../formats/formatRegistry'
import { looksZip, readArchive, ZipError, zipEntries, zipEntryData } from './zipArchive'

/** A line-based or JSON file inside a ZIP archive, read as a stream-format file named `archive.zip!/entry`. */
export interface ZipStreamSource {
  kind: 'stream'
  file: string
  format: FormatName
  zip: { archive: string; chain: string[] }
  /** The layer its records without an annotator go to: doccano's per-user export names the user by the file. */
  layer?: string
}

/** doccano's export of a project whose annotations are shared: one file for everyone, no user's layer. */
const SHARED_STEM = 'all'
const DOCCANO: ReadonlySet<FormatName> = new Set<FormatName>(['doccano', 'doccano-rel'])

let extensions: Set<string> | null = null
function dataExtensions(): Set<string> {
  extensions ??= new Set(['.json', '.jsonl', '.ndjson', ...STREAM_FORMATS.flatMap((f) => streamCodec(f).extensions)])
  return extensions
}

/**
 * The data files of a ZIP archive as import sources: doccano's default
 * export ("Export dataset" gives a ZIP of `<username>.jsonl`, one per member,
 * or `all.jsonl` when annotations are shared), or any archive of files the
 * import reads by content (JSONL, Label Studio JSON, Prodigy, CoNLL …), in
 * folders or not. Each entry's format is detected as a file's is (or is
 * `format`). macOS's `__MACOSX/` and dot-files are skipped and counted; any
 * other entry that is not such a file is listed in `skipped`, with why. Null
 * when the file is no ZIP archive.
 */
export function zipDataSources(file: string, format: FormatName | null, skipped: SkippedEntry[]): ZipStreamSource[] | null {
  let buf: Buffer
  let entries
  try {
    buf = readArchive(file)
    if (!looksZip(buf)) return null
    entries = zipEntries(buf)
  } catch (err) {
    if (err instanceof ZipError) throw new AppError('invalid_input', `${file}: ${err.message}`)
    throw err
  }
  const out: ZipStreamSource[] = []
  let macos = 0
  let hidden = 0
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.endsWith('/')) continue // a folder's own entry
    const parts = e.name.split('/')
    if (parts[0] === '__MACOSX') {
      macos++
      continue
    }
    if (parts.some((p) => p.startsWith('.'))) {
      hidden++
      continue
    }
    const shown = `${file}!/${e.name}`
    const lower = e.name.toLowerCase()
    const ext = path.extname(lower)
    const skip = (reason: string) => skipped.push({ file: shown, reason })
    if (format ? !streamCodec(format).extensions.includes(ext) : !dataExtensions().has(ext)) {
      skip(ext === '.txt' || ext === '.ann' || ext === '.spacy' || ext === '.zip' ? `${ext} entries are not read from a ZIP archive; unzip it and import the folder` : format ? `not a ${format} file (by its extension)` : 'not a file the import reads (by its extension)')
      continue
    }
    let data: Buffer
    try {
      data = zipEntryData(buf, e)
    } catch (err) {
      // A damaged entry, or one past the size guards (a ZIP bomb): the archive is refused, as a damaged file is.
      if (!(err instanceof ZipError)) throw err
      throw new AppError('invalid_input', `${shown}: ${err.message.startsWith(`${e.name}: `) ? err.message.slice(e.name.length + 2) : err.message}`)
    }
    let found = format
    if (!found) {
      const detected = detectBytesFormat(data.subarray(0, HEAD_BYTES), path.basename(e.name), data.length > HEAD_BYTES)
      if (detected.format === null) {
        // As in a folder: a file that fits no format (or two) is refused, never read as the wrong one.
        throw new AppError('invalid_input', `${detected.place ? shown : `${shown}:${detected.line}`}: ${detected.reason} (formats: ${FORMAT_NAMES.join(', ')})`)
      }
      if (!(STREAM_FORMATS as readonly FormatName[]).includes(detected.format)) {
        skip(`a ${detected.format} file; unzip it and import the folder`)
        continue
      }
      found = detected.format
    }
    const stem = path.basename(e.name, path.extname(e.name))
    const layer = DOCCANO.has(found) && stem !== SHARED_STEM ? stem : undefined
    out.push({ kind: 'stream', file: shown, format: found, zip: { archive: file, chain: [e.name] }, ...(layer ? { layer } : {}) })
  }
  if (macos) skipped.push({ file: `${file}!/__MACOSX/`, reason: `${macos} macOS resource ${macos === 1 ? 'entry' : 'entries'}, not data` })
  if (hidden) skipped.push({ file: `${file}!/.*`, reason: `${hidden} hidden ${hidden === 1 ? 'entry' : 'entries'} (names starting with a dot), not read` })
  return out
}

/** With --annotator (or the dialog's annotator), every record naming none goes to that layer: the file names give no user. */
export function dropEntryLayers(sources: readonly object[], annotator: string | null | undefined): void {
  if (annotator) for (const s of sources) if ('layer' in s) delete (s as ZipStreamSource).layer
}
