import type { Store } from '../../store/store'
import { validateRecords, writeRecords } from './importRecords'
import type { ImportOptions, ImportReport } from './importRecords'
import { importError, readDocumentFilesCollecting } from './readFiles'

/**
 * Imports .txt and .jsonl files (folders recursively): parse everything,
 * validate everything against the store, and only then write, in one
 * transaction. Every bad line is reported as `file:line: reason`.
 */
export function importFiles(store: Store, paths: string[], opts: ImportOptions): ImportReport {
  const { records, errors, linesRead } = readDocumentFilesCollecting(paths)
  const all = [...errors, ...validateRecords(store, records, opts)]
  if (all.length) {
    all.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
    throw importError(all, linesRead)
  }
  return { ...writeRecords(store, records, opts), linesRead }
}
