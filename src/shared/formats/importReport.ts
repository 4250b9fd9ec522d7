import type { LineError } from './importRecord'

/** A folder's entry an import did not read, and why (a named pipe, a broken symlink, a symlink loop). */
export interface SkippedEntry {
  file: string
  reason: string
}

/** Something about how a file was read that may make its text wrong, though it was read (a UTF-8 file read as Latin-1). */
export interface FileWarning {
  file: string
  reason: string
}

/** Collects warnings by file and reason, each once (the write pass of a big import reads files again). */
export function warningCollector(into: FileWarning[]): (w: FileWarning) => void {
  const seen = new Set(into.map((w) => `${w.file}\u0000${w.reason}`))
  return (w) => {
    const key = `${w.file}\u0000${w.reason}`
    if (!seen.has(key)) {
      seen.add(key)
      into.push(w)
    }
  }
}

/** What an import did; imported + rejected always equals linesRead. */
export interface ImportReport {
  linesRead: number
  imported: number
  rejected: number
  documentsAdded: number
  layersAdded: number
  spansAdded: number
  spansSkipped: number
  relationsAdded: number
  /** Labels an import with addLabels added to the schema, as `entity NAME` / `relation NAME`. */
  labelsAdded: string[]
  /**
   * What the files held besides the spans and relations stored, counted by
   * what it is and what became of it (rejected Prodigy tasks kept in meta,
   * Label Studio predictions imported as a model's layer, results of other
   * types not imported): the import says so rather than skip them silently.
   */
  notes?: Record<string, number>
  /** Things not imported that the notes count, each named with its file (a Label Studio annotation of image regions only). */
  remarks?: FileWarning[]
  /** Entries of the folders given that were not read (named pipes, sockets, devices, broken symlinks, loops), each with why. */
  skipped?: SkippedEntry[]
  /** How files were read that may have made their text wrong (a BOM over --encoding, a UTF-8 file read as Latin-1). */
  warnings?: FileWarning[]
  /** Every rejected line, with --skip-invalid (an import without it fails instead). */
  errors: LineError[]
}

/** Adds one record's notes to a running total. */
export function addNotes(into: Record<string, number>, notes: Record<string, number> | undefined): void {
  if (!notes) return
  for (const [what, n] of Object.entries(notes)) if (n) into[what] = (into[what] ?? 0) + n
}

/** The notes as report lines: `12 rejected Prodigy tasks, kept in document meta`; `1 rejected Prodigy task, …` for one. */
export function noteLines(notes: Record<string, number> | undefined): string[] {
  return Object.entries(notes ?? {}).map(([what, n]) => `${n} ${n === 1 ? singularNote(what) : what}`)
}

/** Words ending in s that are not plurals (`is`, `was`, `its`, `less`, `status`). */
const NOT_PLURAL = /(?:ss|us|is|as|its|has|was)$/u

/**
 * A note's phrase for a count of one. Notes are written in the plural (`XMI Sentence annotations (document
 * structure), not imported`); the first plural noun outside quotes and parentheses is made singular, and one joined
 * to it by `or` or `and` (`XMI relations or links whose …` -> `XMI relation or link whose …`).
 */
export function singularNote(what: string): string {
  const words = what.split(' ')
  let depth = 0
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    const open = depth > 0 || /^["'`(]/u.test(w)
    depth += (w.match(/[(]/gu) ?? []).length - (w.match(/[)]/gu) ?? []).length
    if (open) continue
    const core = /^([A-Za-z-]+?)(ies|s)([,;:]?)$/u.exec(w)
    if (!core || w.length < 4 || NOT_PLURAL.test(w.replace(/[,;:]$/u, ''))) continue
    words[i] = singularWord(w)
    const next = words[i + 2]
    if ((words[i + 1] === 'or' || words[i + 1] === 'and') && next && /^[A-Za-z-]+s[,;:]?$/u.test(next) && !NOT_PLURAL.test(next.replace(/[,;:]$/u, ''))) words[i + 2] = singularWord(next)
    return words.join(' ')
  }
  return what
}

function singularWord(w: string): string {
  const [, stem, end, punct] = /^([A-Za-z-]+?)(ies|s)([,;:]?)$/u.exec(w)!
  return `${stem}${end === 'ies' ? 'y' : ''}${punct}`
}
