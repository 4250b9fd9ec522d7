import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { FORMAT_NAMES } from '../../../shared/formats/formatCodec'
import type { FormatName } from '../../../shared/formats/formatCodec'
import { JSON_EXTENSIONS, TOKEN_EXTENSIONS } from '../../../shared/formats/fileExtensions'
import type { SkippedEntry } from '../../../shared/formats/importReport'
import { headText } from '../../../shared/formats/textEncoding'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import { txtContentFormat } from '../../../shared/formats/registry'
import { detectBytesFormat, detectionHead, STREAM_FORMATS, streamCodec } from '../formats/formatRegistry'
import { looksZip, readArchive, ZipError, zipEntries, zipEntryData } from './zipArchive'
import type { ZipEntry } from './zipArchive'
import { siblingName } from './bratSibling'

/** Where an entry's bytes are: the archive on disk, and the entry (inside nested archives, their chain). */
export interface ZipPlace {
  archive: string
  chain: string[]
}

/** A line-based or JSON file inside a ZIP archive, read as a stream-format file named `archive.zip!/entry`. */
export interface ZipStreamSource {
  kind: 'stream'
  file: string
  format: FormatName
  zip: ZipPlace
  /** The layer its records without an annotator go to: doccano's per-user export names the user by the file. */
  layer?: string
}

/** A plain-text entry: one document, its id the entry's path without `.txt` (as a folder's file is named by its path). */
export interface ZipTextSource {
  kind: 'txt'
  file: string
  externalId: string
  annotator?: string
  zip: ZipPlace
}

/** A brat document inside an archive: `x.txt` and `x.ann` side by side in the same folder of the archive. */
export interface ZipBratSource {
  kind: 'brat'
  file: string
  ann: string
  externalId: string
  annotator?: string
  zip: ZipPlace
  annZip: ZipPlace
}

/** A spaCy DocBin entry. */
export interface ZipDocBinSource {
  kind: 'spacy-docbin'
  file: string
  zip: ZipPlace
}

export type ZipSource = ZipStreamSource | ZipTextSource | ZipBratSource | ZipDocBinSource

/** doccano's export of a project whose annotations are shared: one file for everyone, no user's layer. */
const SHARED_STEM = 'all'
const DOCCANO: ReadonlySet<FormatName> = new Set<FormatName>(['doccano', 'doccano-rel'])

let extensions: Set<string> | null = null
function dataExtensions(): Set<string> {
  extensions ??= new Set([...JSON_EXTENSIONS, ...TOKEN_EXTENSIONS, ...STREAM_FORMATS.flatMap((f) => streamCodec(f).extensions)])
  return extensions
}

/** Why a CSV in a folder or an archive is not read. */
/** Why a file (or an archive's entry) of a kind no format reads is passed over, in a folder and in a ZIP alike. */
export const NOT_READ_BY_EXTENSION = 'not a file the import reads (by its extension)'
export const OTHER_CSV = "a CSV that is neither doccano's export (text and label columns) nor Label Studio's (annotator and annotation_id columns)"

/** Formats a ZIP's entries are read in when named by `--format`: the stream formats, and these file formats. */
const FILE_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>(['txt', 'brat', 'spacy-docbin'])

/** Whether `--format` lets a ZIP archive's data entries be read (XMI archives are read by xmiZipSources). */
export const zipReadsFormat = (format: FormatName | null): boolean => format === null || FILE_FORMATS.has(format) || (STREAM_FORMATS as readonly FormatName[]).includes(format)

const byName = (a: ZipEntry, b: ZipEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/**
 * The data files of a ZIP archive as import sources: doccano's default
 * export ("Export dataset" gives a ZIP of `<username>.jsonl` or `.csv`, one
 * per member, or `all.jsonl` when annotations are shared), or any archive of
 * files the import reads, in folders or not, read as a folder's files are:
 * `.txt` as plain text (CoNLL when its lines are token-per-line BIO), `x.txt`
 * with `x.ann` beside it as brat, `.spacy` as a DocBin, and every other
 * entry's format detected by content (or `format`), and an archive inside it
 * (to MAX_ZIP_DEPTH levels, MAX_NESTED_BYTES in all) as the archive is. macOS's `__MACOSX/` and
 * dot-files are skipped and counted; any other entry that is not such a file
 * is listed in `skipped`, with why. Null when the file is no ZIP archive.
 */
export function zipDataSources(file: string, format: FormatName | null, skipped: SkippedEntry[], encoding: TextEncoding | null = null): ZipSource[] | null {
  let buf: Buffer
  try {
    buf = readArchive(file)
    if (!looksZip(buf)) return null
  } catch (err) {
    if (err instanceof ZipError) throw new AppError('invalid_input', `${file}: ${err.message}`)
    throw err
  }
  return archiveSources(buf, { file, chain: [], format, skipped, encoding, nested: { bytes: 0 } })
}

/** Archives inside archives are read this deep (doccano's export zipped again, a folder of exports zipped): deeper ones are listed, not read. */
export const MAX_ZIP_DEPTH = 3
/** The inflated bytes of all the archives nested in one archive, at most (a ZIP bomb's nested layers stop here). */
export const MAX_NESTED_BYTES = 1024 * 1024 * 1024

interface ArchiveWalk {
  /** The archive on disk. */
  file: string
  /** The nested archives' entry names down to this one, outermost first (empty: the archive on disk). */
  chain: string[]
  format: FormatName | null
  skipped: SkippedEntry[]
  encoding: TextEncoding | null
  /** Shared by every level: the inflated bytes of the nested archives read so far. */
  nested: { bytes: number }
}

function archiveSources(buf: Buffer, walk: ArchiveWalk): ZipSource[] {
  const { file, format, skipped, encoding } = walk
  // `outer.zip!/inner.zip`: how this archive is named in messages (the archive itself at the top).
  const prefix = [file, ...walk.chain].join('!/')
  // A nested archive's documents are named under its name (`inner/doc`), so two inner archives' `doc.txt` stay two.
  const idPrefix = walk.chain.map((c) => `${c.replace(/\.zip$/iu, '')}/`).join('')
  let entries: ZipEntry[]
  try {
    entries = zipEntries(buf)
  } catch (err) {
    if (err instanceof ZipError) throw new AppError('invalid_input', `${prefix}: ${err.message}`)
    throw err
  }
  const out: ZipSource[] = []
  let macos = 0
  let hidden = 0
  const names = new Set(entries.map((e) => e.name))
  const place = (name: string): ZipPlace => ({ archive: file, chain: [...walk.chain, name] })
  const inflate = (e: ZipEntry): Buffer => {
    try {
      return zipEntryData(buf, e)
    } catch (err) {
      // A damaged entry, or one past the size guards (a ZIP bomb): the archive is refused, as a damaged file is.
      if (!(err instanceof ZipError)) throw err
      throw new AppError('invalid_input', `${prefix}!/${e.name}: ${err.message.startsWith(`${e.name}: `) ? err.message.slice(e.name.length + 2) : err.message}`)
    }
  }
  for (const e of [...entries].sort(byName)) {
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
    const shown = `${prefix}!/${e.name}`
    const lower = e.name.toLowerCase()
    const ext = path.extname(lower)
    const skip = (reason: string) => skipped.push({ file: shown, reason })
    const stemName = e.name.slice(0, e.name.length - ext.length)
    // brat: `x.ann` comes with its `x.txt` (the .txt brings it, as in a folder).
    if (ext === '.ann') {
      if (siblingName(names, stemName, '.txt', e.name.slice(stemName.length)) === null) skip(`a brat .ann without its .txt in the archive (${stemName}.txt not found)`)
      else if (format !== null && format !== 'brat') skip(`not a ${format} file (by its extension)`)
      continue
    }
    if (ext === '.txt' && (format === null || format === 'txt' || format === 'brat')) {
      const ann = siblingName(names, stemName, '.ann', e.name.slice(stemName.length)) ?? `${stemName}.ann`
      if (format !== 'txt' && names.has(ann)) {
        out.push({ kind: 'brat', file: shown, ann: `${prefix}!/${ann}`, externalId: idPrefix + stemName, zip: place(e.name), annZip: place(ann) })
        continue
      }
      if (format === 'brat') {
        skip(`--format brat needs a .ann beside it (${ann} not found)`)
        continue
      }
      const data = format === null ? inflate(e) : null
      // As in a folder: a .txt whose lines are token-per-line BIO is CoNLL, and doccano's fastText export (a `<username>.txt` per member) doccano.
      const streamed = data ? txtContentFormat(headText(data.subarray(0, 256 * 1024), encoding), data.length > 256 * 1024) : null
      if (streamed === 'doccano') out.push({ kind: 'stream', file: shown, format: streamed, zip: place(e.name), ...(stemName.split('/').pop() !== SHARED_STEM ? { layer: stemName.split('/').pop()! } : {}) })
      else if (streamed) out.push({ kind: 'stream', file: shown, format: streamed, zip: place(e.name) })
      else out.push({ kind: 'txt', file: shown, externalId: idPrefix + stemName, zip: place(e.name) })
      continue
    }
    if ((ext === '.spacy' && format === null) || format === 'spacy-docbin') {
      if (ext === '.spacy') out.push({ kind: 'spacy-docbin', file: shown, zip: place(e.name) })
      else skip('not a spacy-docbin file (by its extension)')
      continue
    }
    // An archive inside the archive (doccano's export zipped again, exports of several projects in one): read as the
    // outer one is, to MAX_ZIP_DEPTH, its inflated bytes counted against MAX_NESTED_BYTES for all the nested ones.
    if (ext === '.zip') {
      if (walk.chain.length + 1 >= MAX_ZIP_DEPTH) {
        skip(`a ZIP archive nested ${walk.chain.length + 2} deep is not read (at most ${MAX_ZIP_DEPTH} levels); unzip it and import the folder`)
        continue
      }
      if (walk.nested.bytes + e.size > MAX_NESTED_BYTES) {
        throw new AppError('invalid_input', `${shown}: the archives nested in ${file} inflate to more than ${MAX_NESTED_BYTES / 1024 / 1024} MiB in all (a ZIP bomb?); unzip them and import the folder`)
      }
      const inner = inflate(e)
      walk.nested.bytes += inner.length
      if (!looksZip(inner)) {
        skip('named .zip but not a ZIP archive')
        continue
      }
      out.push(...archiveSources(inner, { ...walk, chain: [...walk.chain, e.name] }))
      continue
    }
    if (format !== null && FILE_FORMATS.has(format)) {
      skip(`not a ${format} file (by its extension)`)
      continue
    }
    // A CSV is read when it is doccano's or Label Studio's export; any other CSV is passed over, with why.
    const csv = ext === '.csv' && (format === null || format === 'doccano' || format === 'labelstudio')
    if (!csv && (format ? !streamCodec(format).extensions.includes(ext) : !dataExtensions().has(ext))) {
      skip(format ? `not a ${format} file (by its extension)` : NOT_READ_BY_EXTENSION)
      continue
    }
    const data = inflate(e)
    let found = format
    if (!found) {
      const head = detectionHead(data, encoding, path.basename(e.name))
      const detected = detectBytesFormat(head.buf, path.basename(e.name), head.truncated, encoding, head.cut)
      if (detected.format === null && csv) {
        skip(OTHER_CSV)
        continue
      }
      if (detected.format === null) {
        // As in a folder: a file that fits no format (or two) is refused, never read as the wrong one.
        throw new AppError('invalid_input', `${detected.place ? shown : `${shown}:${detected.line}`}: ${detected.reason} (formats: ${FORMAT_NAMES.join(', ')})`)
      }
      if (detected.format === 'spacy-docbin') {
        out.push({ kind: 'spacy-docbin', file: shown, zip: place(e.name) })
        continue
      }
      if (!(STREAM_FORMATS as readonly FormatName[]).includes(detected.format)) {
        skip(`a ${detected.format} file; unzip it and import the folder`)
        continue
      }
      found = detected.format
    }
    const stem = path.basename(e.name, path.extname(e.name))
    const layer = DOCCANO.has(found) && stem !== SHARED_STEM ? stem : undefined
    out.push({ kind: 'stream', file: shown, format: found, zip: place(e.name), ...(layer ? { layer } : {}) })
  }
  if (macos) skipped.push({ file: `${prefix}!/__MACOSX/`, reason: `${macos} macOS resource ${macos === 1 ? 'entry' : 'entries'}, not data` })
  if (hidden) skipped.push({ file: `${prefix}!/.*`, reason: `${hidden} hidden ${hidden === 1 ? 'entry' : 'entries'} (names starting with a dot), not read` })
  return out
}

/** With --annotator (or the dialog's annotator), every record naming none goes to that layer: the file names give no user. */
export function dropEntryLayers(sources: readonly object[], annotator: string | null | undefined): void {
  if (annotator) for (const s of sources) if ('layer' in s) delete (s as ZipStreamSource).layer
}

/**
 * An archive holding XMI is read as INCEpTION's export, and only its XMI: such an export also holds the source texts
 * (`source/*.txt`, the same documents again under other ids), the project's settings (`exportedproject.json`, not a
 * document) and logs, so reading its other entries as data would import every document twice or refuse the archive.
 * They are listed, once, with a count and what to do.
 */
export function listOtherThanXmi(file: string, read: readonly { zip?: ZipPlace }[], skipped: SkippedEntry[]): void {
  let entries: ZipEntry[]
  try {
    entries = zipEntries(readArchive(file))
  } catch {
    return // xmiZipSources has read it already; a fault would have been said there
  }
  const taken = new Set(read.map((s) => s.zip?.chain[0]))
  const others = entries.filter((e) => !e.name.endsWith('/') && !taken.has(e.name) && !e.name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')).sort(byName)
  if (!others.length) return
  const n = others.length
  skipped.push({
    file: `${file}!/`,
    reason: `${n} ${n === 1 ? 'entry' : 'entries'} besides the XMI files not read (${others.slice(0, 3).map((e) => e.name).join(', ')}${n > 3 ? ', …' : ''}): an archive holding XMI is read as INCEpTION's export, whose other files are its own (source texts, project settings, logs); to import other files too, unzip it and import them`,
  })
}
