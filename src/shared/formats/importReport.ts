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

/** The notes as report lines: `12 rejected Prodigy tasks, kept in document meta`. */
export function noteLines(notes: Record<string, number> | undefined): string[] {
  return Object.entries(notes ?? {}).map(([what, n]) => `${n} ${what}`)
}
