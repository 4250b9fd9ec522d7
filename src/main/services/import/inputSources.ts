import { isUtf8 } from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { FORMAT_NAMES } from '../../../shared/formats/formatCodec'
import type { FormatName } from '../../../shared/formats/formatCodec'
import { MANIFEST_FILE } from '../../../shared/formats/exportManifest'
import { IMPORT_FILE_EXTENSIONS, JSON_EXTENSIONS, TOKEN_EXTENSIONS } from '../../../shared/formats/fileExtensions'
import type { SkippedEntry } from '../../../shared/formats/importReport'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import { applyManifests } from './exportManifestReader'
import { detectFileFormat, STREAM_FORMATS, streamCodec, txtStreamFormat } from '../formats/formatRegistry'
import { xmiSourceOf } from './xmiSource'
import { xmiZipSources } from './xmiZipSources'
import { listOtherThanXmi, NOT_READ_BY_EXTENSION, OTHER_CSV, zipDataSources, zipReadsFormat } from './zipDataSources'
import type { ZipSource } from './zipDataSources'
import type { XmiFileSource } from './xmiSource'
import type { DocBinFileSource } from './docBinSource'
import { sniffDocBin } from '../formats/docBinSniff'
import { bratSiblingFinder } from './bratSibling'

/** One thing to import: a plain-text document, a brat document (.txt + .ann), or a stream-format file. */
export type InputSource =
  | { kind: 'txt'; file: string; externalId: string; annotator?: string }
  | { kind: 'brat'; file: string; ann: string; externalId: string; annotator?: string }
  | { kind: 'stream'; file: string; format: FormatName }
  | ZipSource
  | XmiFileSource
  | DocBinFileSource

export function parseFormatName(name: string): FormatName {
  if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
    throw new AppError('bad_request', `unknown format ${JSON.stringify(name)} (available: ${FORMAT_NAMES.join(', ')})`)
  }
  return name as FormatName
}

/** Document id of a .txt (or brat) file: its path below the folder given, without the extension, with `/`. */
function externalIdOf(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join('/').replace(/\.txt$/i, '')
}

/** Whether a file's first bytes are a spaCy DocBin's (zlib + msgpack map). */
function isDocBinFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r')
    try {
      const head = Buffer.alloc(64 * 1024)
      return sniffDocBin(head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)))
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return false
  }
}

/** What a path that is neither a file nor a folder is, in words. */
function specialKind(st: Pick<fs.Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (st.isFIFO()) return 'a named pipe'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  return 'not a file'
}

const NOT_XMI = 'an XML file that is not UIMA CAS XMI (it declares no http://www.omg.org/XMI namespace)'

const BRAT_CONF_FILES = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf'])
const BRAT_CONF = "brat's configuration, not annotated documents: labels are read from the .ann files (add those the schema lacks with Add missing labels or --add-labels)"

const NO_EXTENSION_NOT_READ = 'not a file the import reads (it has no extension, and its content is in no format the import reads)'

/** A detection no format claimed: unrecognised text, an empty file, a binary file (not a format's fault, such as an ambiguous JSON record). */
const unclaimed = (d: { reason: string; place?: string }): boolean => d.reason.startsWith("cannot tell the file's format") || d.reason === 'the file is empty' || d.place === 'file'

const BROKEN_LINK = 'a broken symlink (what it points to does not exist)'

/** Why a path cannot be followed to a file or folder (a broken symlink, a loop of symlinks). */
function unfollowable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return BROKEN_LINK
  if (code === 'ELOOP') return 'a symlink loop (its links lead back to themselves)'
  return `cannot be read (${code ?? (e as Error).message})`
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink()
  } catch {
    return false
  }
}

let known: Set<string> | null = null
function knownExtensions(): Set<string> {
  known ??= new Set([...JSON_EXTENSIONS, ...TOKEN_EXTENSIONS, ...STREAM_FORMATS.flatMap((f) => streamCodec(f).extensions)])
  return known
}

/**
 * Resolves the paths a user gave into import sources, folders recursively in
 * a stable order. A `.txt` with a sibling `.ann` is a brat document. With
 * `format` the files are read in that format; without it, by extension and
 * then by a sniff of the first line (read in `encoding`, --encoding, when given).
 */
export function listSources(paths: string[], format: FormatName | null = null, skipped: SkippedEntry[] = [], encoding: TextEncoding | null = null): InputSource[] {
  const out: InputSource[] = []
  // `import x.txt x.ann` (a shell glob gives both): the .txt brings its .ann, which is not read a second time.
  const given = new Set(paths.map((p) => path.resolve(p)))
  // Several files named together (a shell glob, the files of a folder chosen in the import dialog) are read as a
  // folder's are: one of a kind the import never reads is listed as skipped, not refused.
  const several = paths.length > 1
  // A brat pair's halves in any case of their extensions (DOC.TXT + DOC.ANN, as Windows tools write them).
  const sibling = bratSiblingFinder()
  const consider = (file: string, base: string, explicit: boolean) => {
    const lower = file.toLowerCase()
    // A folder export's manifest is read for its folder's ids (exportManifestReader), never imported as data.
    if (path.basename(file) === MANIFEST_FILE) {
      if (explicit) throw new AppError('invalid_input', `${file}: this is a folder export's manifest of document ids; import its folder instead`)
      return
    }
    // A ZIP archive holding XMI files (INCEpTION's export, or its per-user archives) gives each as a source.
    if (lower.endsWith('.zip') && (format === null || format === 'xmi')) {
      const found = xmiZipSources(file)
      if (found.length) {
        out.push(...found)
        listOtherThanXmi(file, found, skipped)
        return
      }
    }
    // Else its data files (doccano's default export: a `<username>.jsonl` per member), each a source of its own.
    if (lower.endsWith('.zip') && zipReadsFormat(format)) {
      const before = skipped.length
      const found = zipDataSources(file, format, skipped, encoding)
      if (found?.length) {
        out.push(...found)
        return
      }
      if (found) {
        const passed = skipped.slice(before).map((x) => `; skipped ${x.file}: ${x.reason}`).join('')
        if (explicit) throw new AppError('invalid_input', `${file}: a ZIP archive holding no file the import reads (${format ? `--format ${format}` : 'XMI, or .jsonl, .json, .conll, .tsv files'})${passed}`)
        return
      }
    }
    if (lower.endsWith('.zip') && format === 'xmi' && !explicit) return // a folder's other archives are not ours to read
    // A spaCy DocBin (.spacy): by its extension, by --format spacy-docbin, or (below) by its bytes. `--format spacy`
    // reads one too when its bytes are a DocBin's (spaCy's own training format; JSON is never zlib).
    if ((lower.endsWith('.spacy') && format === null) || format === 'spacy-docbin' || (format === 'spacy' && (explicit || lower.endsWith('.spacy')) && isDocBinFile(file))) {
      if (explicit || lower.endsWith('.spacy')) out.push({ kind: 'spacy-docbin', file })
      return
    }
    // A UIMA CAS XMI file is one document (by its extension, by --format xmi, or below by its content).
    if ((lower.endsWith('.xmi') && format === null) || format === 'xmi') {
      if (explicit || lower.endsWith('.xmi')) out.push(xmiSourceOf(file, base))
      return
    }
    // brat's configuration comes with its corpora; its labels are read from the .ann files.
    if (BRAT_CONF_FILES.has(path.basename(lower))) {
      if (explicit && !several) throw new AppError('invalid_input', `${file}: ${BRAT_CONF}`)
      skipped.push({ file, reason: BRAT_CONF })
      return
    }
    if (lower.endsWith('.ann')) {
      const txt = sibling(file, '.txt') ?? file.slice(0, -4) + '.txt'
      if (fs.existsSync(txt)) {
        if (explicit && !given.has(path.resolve(txt))) out.push({ kind: 'brat', file: txt, ann: file, externalId: externalIdOf(txt, base) })
        return // in a folder, its .txt brings it
      }
      if (explicit || format === 'brat') throw new AppError('invalid_input', `${file}: a brat .ann file needs its .txt beside it (${txt} not found)`)
      skipped.push({ file, reason: `a brat .ann without its .txt (${path.basename(txt)} not found)` })
      return
    }
    if (lower.endsWith('.txt') && (format === null || format === 'txt' || format === 'brat')) {
      const ann = sibling(file, '.ann') ?? file.slice(0, -4) + '.ann'
      const brat = format !== 'txt' && fs.existsSync(ann)
      // A .txt is plain text, unless (detecting) its content is clearly token-per-line BIO (CoNLL) or doccano's fastText export.
      const streamed = !brat && format === null ? txtStreamFormat(file, encoding) : null
      if (brat) {
        const st = fs.statSync(ann)
        if (!st.isFile()) throw new AppError('invalid_input', `${ann}: not a regular file (${specialKind(st)}); import a file or a folder`)
        out.push({ kind: 'brat', file, ann, externalId: externalIdOf(file, base) })
      } else if (streamed) out.push({ kind: 'stream', file, format: streamed })
      else if (format === 'brat') {
        if (explicit) throw new AppError('invalid_input', `${file}: --format brat needs a .ann file beside it (${ann} not found)`)
      } else out.push({ kind: 'txt', file, externalId: externalIdOf(file, base) })
      return
    }
    if (format === 'txt' || format === 'brat') {
      if (explicit) throw new AppError('invalid_input', `${file}: --format ${format} reads .txt files`)
      return
    }
    if (format) {
      if (explicit || streamCodec(format).extensions.includes(path.extname(lower))) out.push({ kind: 'stream', file, format })
      return
    }
    // A folder's XML is read when it is UIMA CAS XMI (DKPro writes it as .xml), else listed (a pom.xml, a type system).
    if (!explicit && lower.endsWith('.xml') && format === null) {
      const xml = detectFileFormat(file, path.basename(file), encoding)
      if (xml.format === 'xmi') out.push(xmiSourceOf(file, base))
      else skipped.push({ file, reason: xml.format === null && xml.reason.startsWith('a UIMA') ? xml.reason : NOT_XMI })
      return
    }
    // A folder's CSV is read when it is doccano's or Label Studio's export, else listed (a folder may hold any CSV).
    if (!explicit && lower.endsWith('.csv')) {
      const csv = detectFileFormat(file, path.basename(file), encoding)
      if (csv.format === 'doccano' || csv.format === 'labelstudio') out.push({ kind: 'stream', file, format: csv.format })
      else skipped.push({ file, reason: csv.format === null && !csv.reason.startsWith('cannot tell') ? csv.reason : OTHER_CSV })
      return
    }
    // Only files a codec could read are opened to sniff (a folder may hold anything); the rest are listed, as a
    // ZIP's are, so a README.md or an image is seen to be passed over, not lost.
    if ((!explicit && !knownExtensions().has(path.extname(lower))) || (explicit && several && path.extname(lower) !== '' && !IMPORT_FILE_EXTENSIONS.includes(path.extname(lower)))) {
      skipped.push({ file, reason: NOT_READ_BY_EXTENSION })
      return
    }
    const detected = detectFileFormat(file, path.basename(file), encoding)
    // Among several files named together, one with no extension that no format reads (a README, a LICENSE, a
    // binary) is passed over with why, as a folder's is; one a format claims, with a fault, is still refused.
    if (explicit && several && path.extname(lower) === '' && detected.format === null && unclaimed(detected)) {
      skipped.push({ file, reason: detected.place === 'file' ? `${NO_EXTENSION_NOT_READ}: ${detected.reason}` : NO_EXTENSION_NOT_READ })
      return
    }
    if (detected.format === 'xmi') out.push(xmiSourceOf(file, base))
    else if (detected.format === 'spacy-docbin') out.push({ kind: 'spacy-docbin', file })
    else if (detected.format && detected.format !== 'txt' && detected.format !== 'brat') out.push({ kind: 'stream', file, format: detected.format })
    else if (explicit || detected.format === null) {
      // In a folder too: a file that fits two formats (or none) is refused, never skipped or read as the wrong one.
      const why = detected.format === null ? `${detected.place ? file : `${file}:${detected.line}`}: ${detected.reason}` : `${file}: cannot tell the file's format; pass --format`
      throw new AppError('invalid_input', `${why} (formats: ${FORMAT_NAMES.join(', ')})`)
    }
  }

  for (const p of paths) {
    let st: fs.Stats
    try {
      st = fs.statSync(p)
    } catch (e) {
      const why = unfollowable(e)
      throw new AppError('invalid_input', `${p}: ${why === BROKEN_LINK && !isSymlink(p) ? 'no such file or folder' : why}`)
    }
    if (!st.isDirectory()) {
      // Opening a named pipe waits for a writer, and a device may never end: refused before they are opened.
      if (!st.isFile()) throw new AppError('invalid_input', `${p}: not a regular file (${specialKind(st)}); import a file or a folder`)
      const at = out.length
      consider(p, path.dirname(p), true)
      applyManifests(out, at, path.dirname(p))
      continue
    }
    const before = out.length
    const skippedBefore = skipped.length
    // Folders read so far, by real path: a symlink back to one of them is a loop, not read twice.
    const walked = new Set<string>()
    const walk = (dir: string) => {
      const real = fs.realpathSync(dir)
      if (walked.has(real)) {
        skipped.push({ file: dir, reason: 'a folder already read through a symlink, not read twice' })
        return
      }
      walked.add(real)
      // Names as bytes: one that is not UTF-8 (Latin-1, Shift JIS) would decode with U+FFFD and then not open.
      const entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((ent) => ({ ent, name: ent.name.toString() }))
      for (const { ent, name } of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = path.join(dir, name)
        const hidden = name.startsWith('.')
        if (!isUtf8(ent.name)) {
          if (!hidden) skipped.push({ file: full, reason: 'a name that is not UTF-8 (shown with U+FFFD), so it cannot be opened by name; rename it to UTF-8 (e.g. convmv -f latin1 -t utf8)' })
          continue
        }
        if (ent.isDirectory()) walk(full)
        else if (ent.isFile()) {
          if (!hidden) consider(full, p, false)
        } else if (hidden) continue
        // A symlink is followed to its file or folder; one that leads nowhere is said, never passed over silently.
        else if (ent.isSymbolicLink()) {
          let target: fs.Stats
          try {
            target = fs.statSync(full)
          } catch (e) {
            skipped.push({ file: full, reason: unfollowable(e) })
            continue
          }
          if (target.isFile()) consider(full, p, false)
          else if (!target.isDirectory()) skipped.push({ file: full, reason: `a symlink to ${specialKind(target)}, never opened` })
          else if (walked.has(fs.realpathSync(full))) skipped.push({ file: full, reason: 'a symlink to a folder already read (a loop, or a second way to it), not read twice' })
          else walk(full)
        }
        // Opening a named pipe waits for a writer, and a device may never end: listed, never opened.
        else skipped.push({ file: full, reason: `${specialKind(ent)}, never opened` })
      }
    }
    walk(p)
    // A folder export's manifest restores the exact ids its file names could not carry.
    applyManifests(out, before, p)
    if (out.length === before) {
      const passed = skipped.slice(skippedBefore).map((x) => `; skipped ${x.file}: ${x.reason}`).join('')
      throw new AppError('invalid_input', `${p}: no importable files in this folder (${format ? `--format ${format}` : '.txt, brat .txt+.ann, .jsonl, .json, .conll, .xmi, .spacy'})${passed}`)
    }
  }
  return out
}
