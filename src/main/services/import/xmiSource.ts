import fs from 'node:fs'
import path from 'node:path'
import { decodeText } from '../../../shared/formats/decodeText'
import type { TextReading } from '../../../shared/formats/decodeText'
import { byteOrderMark, xmlDeclaredEncoding } from '../../../shared/formats/textEncoding'
import { RecordError, recordFault } from '../../../shared/formats/importRecord'
import type { ImportRecord, LineError } from '../../../shared/formats/importRecord'
import { casToRecord } from '../../../shared/formats/xmi/casRecord'
import { parseXmi } from './xmiParse'
import { ZipError, zipChainBytes } from './zipArchive'

/** A UIMA CAS XMI file to import, with what its path says of it. */
export interface XmiFileSource {
  kind: 'xmi'
  /** The file as messages name it: a path, or `archive.zip!/entry.xmi` for an entry of a ZIP file. */
  file: string
  externalId: string
  annotator?: string
  /** The path names the document (INCEpTION's layout), so DocumentMetaData's documentId does not. */
  idFromPath: boolean
  /** For an entry of a ZIP file: the archive and the entry names leading to it (nested archives first). */
  zip?: { archive: string; chain: string[] }
}

const stem = (name: string) => name.replace(/\.(xmi|zip)$/iu, '')

/**
 * INCEpTION's project export keeps one CAS per annotator as
 * `annotation/<document name>/<user>.xmi` (or a `<user>.zip` holding it), and
 * the curated one as `curation/<document name>/CURATION_USER.xmi`: there the
 * folder is the document and the file name its layer (the curation is the
 * layer `CURATION_USER`, not the gold layer: it has no review behind it here).
 */
export function inceptionLayout(parts: string[]): { externalId: string; annotator: string } | null {
  const n = parts.length
  if (n >= 3 && (parts[n - 3] === 'annotation' || parts[n - 3] === 'curation')) return { externalId: parts[n - 2], annotator: stem(parts[n - 1]) }
  return null
}

/**
 * What an XMI file's path says: INCEpTION's layout (above), or else the id is
 * the path below the folder given, without `.xmi` (DocumentMetaData's
 * documentId, when the file has one, overrides it: see casRecord.ts).
 */
export function xmiSourceOf(file: string, base: string): XmiFileSource {
  const layout = inceptionLayout(path.resolve(file).split(path.sep))
  if (layout) return { kind: 'xmi', file, ...layout, idFromPath: true }
  return { kind: 'xmi', file, externalId: stem(path.relative(base, file).split(path.sep).join('/')), idFromPath: false }
}

/**
 * Reads, parses and maps one XMI file: its record, or every fault as `file:line: reason`. Its encoding is its
 * BOM's, else its XML declaration's (an XML file says what it is in), else the one chosen (--encoding), else UTF-8.
 */
export function readXmiSource(src: XmiFileSource, reading: TextReading = {}): { record: ImportRecord | null; errors: LineError[] } {
  let elements
  try {
    const bytes = src.zip ? zipChainBytes(src.zip.archive, src.zip.chain) : fs.readFileSync(src.file)
    let declared: ReturnType<typeof xmlDeclaredEncoding>
    try {
      declared = byteOrderMark(bytes) ? null : xmlDeclaredEncoding(bytes)
    } catch (e) {
      throw new RecordError((e as Error).message, 1, 'file')
    }
    if (declared && reading.encoding && declared !== reading.encoding) {
      reading.warn?.(`the XML declaration says ${declared}, so the file was read as ${declared}, not as ${reading.encoding} (--encoding)`)
    }
    elements = parseXmi(decodeText(bytes, { ...reading, encoding: declared ?? reading.encoding }))
  } catch (e) {
    if (e instanceof RecordError) return { record: null, errors: [recordFault(src.file, e)] }
    if (e instanceof ZipError) return { record: null, errors: [{ file: src.file, line: 1, place: 'file', reason: e.message }] }
    throw e
  }
  return casToRecord(elements, { file: src.file, externalId: src.externalId, idFromPath: src.idFromPath, annotator: src.annotator ?? null })
}
