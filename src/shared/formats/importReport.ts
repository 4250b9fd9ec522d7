import type { LineError } from './importRecord'

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
  /** Every rejected line, with --skip-invalid (an import without it fails instead). */
  errors: LineError[]
}
