import type { LineError } from './importRecord'

/** A folder's entry an import did not read, and why (a named pipe, a broken symlink, a symlink loop). */
export interface SkippedEntry {
  file: string
  reason: string
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
