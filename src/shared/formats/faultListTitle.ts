import { faultPlaces } from './importRecord'
import type { LineError } from './importRecord'

/** An empty file's fault (readFiles: "empty file (no records to import)"): a file fault, but the file was read. */
export const isEmptyFileFault = (e: LineError): boolean => e.place === 'file' && e.reason.startsWith('empty file')

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

/** ` in 2 files` when faults of one kind come from more than one file. */
function across(faults: LineError[]): string {
  const files = new Set(faults.map((e) => e.file)).size
  return files > 1 ? ` in ${count(files, 'file', 'files')}` : ''
}

/**
 * The title of a list of import faults, saying what they are: `3 bad lines in 2 files`, `2 files could not be
 * read`, `1 empty file`, `2 bad documents` (a .spacy DocBin's), joined by `; ` when the list holds several kinds.
 */
export function faultListTitle(errors: LineError[]): string {
  const lines = errors.filter((e) => !e.place)
  const documents = errors.filter((e) => e.place === 'document')
  const empty = errors.filter(isEmptyFileFault)
  const unreadable = errors.filter((e) => e.place === 'file' && !isEmptyFileFault(e))
  const parts: string[] = []
  // Lines, not faults: a line with two bad labels is one bad line (the list shows both).
  if (lines.length) parts.push(count(faultPlaces(lines), 'bad line', 'bad lines') + across(lines))
  if (documents.length) parts.push(count(faultPlaces(documents), 'bad document', 'bad documents') + across(documents))
  if (unreadable.length) parts.push(`${count(faultPlaces(unreadable), 'file', 'files')} could not be read`)
  if (empty.length) parts.push(count(faultPlaces(empty), 'empty file', 'empty files'))
  return parts.join('; ')
}
