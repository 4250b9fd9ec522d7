import type { FormatName } from '../../../shared/formats/formatCodec'
import { AppError } from '../../../shared/api/errors'
import { formatLineError } from '../../../shared/formats/importRecord'
import { addNotes } from '../../../shared/formats/importReport'
import type { FileWarning, SkippedEntry } from '../../../shared/formats/importReport'
import { warningCollector } from '../../../shared/formats/importReport'
import { renameLabels } from '../../../shared/formats/labelMap'
import type { LabelMap } from '../../../shared/formats/labelMap'
import type { LineError } from '../../../shared/formats/importRecord'
import type { OffsetUnit } from '../../../shared/text/offsets'
import type { Store } from '../../store/store'
import type { RunHooks } from '../runHooks'
import { backupBeforeImport, writeRecords } from './importRecords'
import type { ImportOptions, ImportReport } from './importRecords'
import { listSources } from './inputSources'
import { dropEntryLayers } from './zipDataSources'
import type { InputSource } from './inputSources'
import { decodeSources, importError } from './readFiles'
import type { SourceReading, SourcedItem, SourcedRecord } from './readFiles'
import { addCollectedLabels, RecordValidator } from './recordValidator'

export interface ImportProgress {
  phase: 'validate' | 'write'
  /** Records (lines) done so far in this phase. */
  done: number
  rejected: number
  file: string
}

export type { RunHooks } from '../runHooks'

/** Records (counted with their spans and relations) kept from the validation pass for the write pass; from the first beyond this, the input is decoded again. */
export const importTuning = { keepItems: 200_000 }
const PROGRESS_EVERY = 1000
/**
 * Items (records, spans, relations) between two progress steps at most: a cancel is heard at a step, and a thousand
 * records of a thousand spans each would be a million spans (seconds of writing) between steps.
 */
const STEP_ITEMS = 10_000
const itemsOf = (r: SourcedRecord) => 1 + r.spans.length + r.relations.length
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))
const lineKey = (file: string, line: number) => `${file}\u0000${line}`

/**
 * Imports files in any format (by `opts.format`, or detected): first every
 * record is decoded and checked against the store and the records before it
 * (yielding to the event loop, so progress and cancel work), then the valid
 * ones are written in one transaction, after a backup of the workspace
 * (`opts.backup`). Records are held between the passes only up to a budget;
 * the rest of a bigger input is decoded a second time (from the first record
 * not held), so memory stays flat.
 *
 * Without `skipInvalid` any fault fails the import, listing every bad line as
 * `file:line: reason`, and nothing is written. With it the valid records are
 * imported and the rest listed in the report. Always: imported + rejected = linesRead.
 */
export async function importFiles(store: Store, paths: string[], opts: ImportOptions, hooks: RunHooks<ImportProgress> = {}): Promise<ImportReport> {
  const skipped: SkippedEntry[] = []
  try {
    return await importListed(store, paths, opts, hooks, skipped)
  } catch (e) {
    throw withSkipped(e, skipped)
  }
}

/**
 * A failed import's error, carrying the entries passed over (`details.skipped`) so its report can still say which
 * files were not read (a failure would otherwise hide that a folder's files were skipped).
 */
function withSkipped(e: unknown, skipped: SkippedEntry[]): unknown {
  if (!skipped.length || !(e instanceof AppError)) return e
  const details = e.details && typeof e.details === 'object' ? e.details : {}
  return new AppError(e.code, e.message, { ...details, skipped })
}

/** The passed-over entries a failed import's error carries (withSkipped), or none. */
export function skippedOf(e: unknown): SkippedEntry[] {
  const details = e instanceof AppError ? (e.details as { skipped?: SkippedEntry[] } | undefined) : undefined
  return Array.isArray(details?.skipped) ? details.skipped : []
}

async function importListed(store: Store, paths: string[], opts: ImportOptions, hooks: RunHooks<ImportProgress>, skipped: SkippedEntry[]): Promise<ImportReport> {
  const { signal, onProgress } = hooks
  signal?.throwIfAborted()
  const sources = listSources(paths, opts.format ?? null, skipped, opts.encoding ?? null)
  // --annotator names the layer of every record that names none, over the user a doccano ZIP's file name gives.
  dropEntryLayers(sources, opts.annotator)
  const unit = opts.unit ?? 'codepoint'
  const validator = new RecordValidator(store, opts)
  const errors: LineError[] = []
  const bad = new Set<string>()
  // Valid records are kept for the write pass up to the budget; from the first one beyond it
  // (`resumeAt`) the write pass decodes the input again, so memory stays flat on any input.
  const kept: SourcedRecord[] = []
  let keptItems = 0
  let resumeAt: ResumePoint | null = null
  let records = 0
  let decodeFaultLines = 0
  // What the valid records held besides spans and relations (rejected tasks, predictions, other result types).
  const notes: Record<string, number> = {}
  // What was not imported, named by file (a Label Studio annotation of image regions only): the first few, the rest counted.
  const remarks = remarkCollector()
  let done = 0
  let file = ''

  // Each slice of records between yields is checked inside one read transaction: a document
  // look-up per record then costs about a tenth of one in autocommit (no WAL read lock each time).
  // How the files' text was read, when it may be wrong (a BOM over --encoding, a UTF-8 file read as Latin-1): said once a file.
  const warnings: FileWarning[] = []
  const how: SourceReading = { encoding: opts.encoding ?? null, force: opts.forceEncoding === true, warn: warningCollector(warnings) }
  const items = decodeEach(sources, unit, opts.labelMap, how)
  const checkSlice = (): boolean => {
    // A slice is decoded first, so its documents are looked up in one query rather than one per record.
    const slice: { source: number; item: SourcedItem }[] = []
    let ended = false
    let sliceItems = 0
    while (slice.length < PROGRESS_EVERY && sliceItems < STEP_ITEMS) {
      const next = items.next()
      if (next.done) {
        ended = true
        break
      }
      slice.push(next.value)
      sliceItems += 'record' in next.value.item ? itemsOf(next.value.item.record) : 1
    }
    validator.lookAhead(slice.flatMap(({ item }) => ('record' in item ? [item.record.externalId] : [])))
    for (const { source, item } of slice) {
      if ('error' in item) {
        errors.push(item.error)
        file = item.error.file
        const key = lineKey(item.error.file, item.error.line)
        if (!bad.has(key)) {
          bad.add(key)
          decodeFaultLines++
        }
      } else {
        const r = item.record
        file = r.file
        records++
        const faults = validator.check(r)
        if (faults.length) {
          errors.push(...faults)
          bad.add(lineKey(r.file, r.line))
        } else {
          addNotes(notes, r.notes)
          for (const reason of r.remarks ?? []) remarks.add(r.file, reason)
        }
        if (!faults.length && !resumeAt) {
          keptItems += 1 + r.spans.length + r.relations.length
          if (keptItems > importTuning.keepItems) resumeAt = { source, line: r.line }
          else kept.push(r)
        }
      }
      done++
    }
    return ended
  }
  try {
    while (!store.reading(checkSlice)) {
      onProgress?.({ phase: 'validate', done, rejected: bad.size, file })
      await yieldToLoop()
      signal?.throwIfAborted()
    }
  } finally {
    // Closes the files of an import that failed or was cancelled part way.
    items.return(undefined)
  }
  const linesRead = records + decodeFaultLines
  errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
  if (errors.length && !opts.skipInvalid) throw importError(errors, linesRead)
  onProgress?.({ phase: 'validate', done, rejected: bad.size, file })
  await yieldToLoop()
  signal?.throwIfAborted()

  const valid: Iterable<SourcedRecord> = resumeAt ? keptThenRest(kept, sources, unit, bad, resumeAt, opts.labelMap, how) : kept
  backupBeforeImport(store, opts, linesRead - bad.size)
  let written = 0
  let sinceStep = 0
  let labelsAdded: string[] = []
  const report = store.transaction(() => {
    labelsAdded = addCollectedLabels(store, validator)
    const result = writeRecords(
      store,
      valid,
      opts,
      (r) => {
        written++
        sinceStep += itemsOf(r)
        if (written % PROGRESS_EVERY === 0 || sinceStep >= STEP_ITEMS) {
          sinceStep = 0
          onProgress?.({ phase: 'write', done: written, rejected: bad.size, file: r.file })
          signal?.throwIfAborted()
        }
      },
      validator,
    )
    // The write pass of a big input reads part of it again: if a file changed, vanished or was cut
    // since it was checked, what was read again is not what was validated. Fail (rolling the write
    // back) rather than quietly import fewer or unchecked records.
    if (resumeAt && written !== linesRead - bad.size) throw changedWhileImporting(sources.slice(resumeAt.source), linesRead - bad.size, written)
    return result
  })
  onProgress?.({ phase: 'write', done: written, rejected: bad.size, file })
  return { ...report, linesRead, rejected: bad.size, labelsAdded, ...(Object.keys(notes).length ? { notes } : {}), ...remarks.report(), ...(skipped.length ? { skipped } : {}), ...(warnings.length ? { warnings } : {}), errors }
}

/** How many remarks an import names; past them, each file's are counted in one line (a classification project's thousands). */
const REMARKS_NAMED = 20

function remarkCollector() {
  const named: FileWarning[] = []
  const more = new Map<string, number>()
  return {
    add(file: string, reason: string) {
      if (named.length < REMARKS_NAMED) named.push({ file, reason })
      else more.set(file, (more.get(file) ?? 0) + 1)
    },
    report(): { remarks?: FileWarning[] } {
      const all = [...named, ...[...more].map(([file, n]) => ({ file, reason: `${n.toLocaleString('en-US')} more like those above, not named here (the notes count them all)` }))]
      return all.length ? { remarks: all } : {}
    },
  }
}

/** Every decoded item of every source, with the index of its source. */
function* decodeEach(sources: InputSource[], unit: OffsetUnit, labels: LabelMap | undefined, how: SourceReading): Generator<{ source: number; item: SourcedItem }> {
  for (let source = 0; source < sources.length; source++) {
    for (const item of decodeRenamed([sources[source]], unit, labels, 1, how)) yield { source, item }
  }
}

/** Decoding with the import's --map-label applied to each record: every pass (check, write, preview) reads the same labels. */
function* decodeRenamed(sources: InputSource[], unit: OffsetUnit, labels: LabelMap | undefined, fromLine = 1, how: SourceReading = {}): Generator<SourcedItem> {
  for (const item of decodeSources(sources, unit, fromLine, how)) {
    if (labels && 'record' in item) renameLabels(item.record, labels)
    yield item
  }
}

/** Where the write pass starts decoding again: a source and the line of its first record not kept. */
interface ResumePoint {
  source: number
  line: number
}

function changedWhileImporting(reread: InputSource[], expected: number, written: number): AppError {
  const files = reread.map((s) => s.file).join(', ')
  return new AppError('invalid_input', `import failed: ${files} changed while it was imported (${expected} valid records checked, ${written} read again to write); nothing was imported`)
}

/**
 * The write pass over a big input: the kept records, then the valid ones after them, decoded again
 * (the lines before skipped unparsed where the format allows). A fault now means the file changed
 * since it was checked (it vanished, was cut or rewritten): it fails the import, naming the line.
 */
function* keptThenRest(
  kept: SourcedRecord[],
  sources: InputSource[],
  unit: OffsetUnit,
  bad: Set<string>,
  from: ResumePoint,
  labels: LabelMap | undefined,
  how: SourceReading,
): Generator<SourcedRecord> {
  yield* kept
  kept.length = 0 // written: let them go
  for (let source = from.source; source < sources.length; source++) {
    const fromLine = source === from.source ? from.line : 1
    for (const item of decodeRenamed([sources[source]], unit, labels, fromLine, how)) {
      if ('error' in item) {
        if (!bad.has(lineKey(item.error.file, item.error.line))) {
          throw new AppError('invalid_input', `import failed: ${formatLineError(item.error)} (the file changed while it was imported); nothing was imported`)
        }
      } else if (item.record.line >= fromLine && !bad.has(lineKey(item.record.file, item.record.line))) yield item.record
    }
  }
}

export interface ImportPreview {
  /** The format of each source, as it will be read. */
  sources: { file: string; format: FormatName }[]
  records: SourcedRecord[]
  errors: LineError[]
  /** What the folders and ZIP archives given hold that the import will not read, with why. */
  skipped: SkippedEntry[]
  /** How files were read, where it may be wrong (a UTF-8 file read as Latin-1), as the import's report says it. */
  warnings: FileWarning[]
}

/** The first `n` records (or faults) of an import, without touching a store: for the import dialog's preview. */
export function previewImport(paths: string[], opts: Pick<ImportOptions, 'format' | 'unit' | 'labelMap'> & Partial<Pick<ImportOptions, 'encoding' | 'forceEncoding'>> & Partial<Pick<ImportOptions, 'annotator'>>, n = 10): ImportPreview {
  const skipped: SkippedEntry[] = []
  const sources = listSources(paths, opts.format ?? null, skipped, opts.encoding ?? null)
  dropEntryLayers(sources, opts.annotator)
  const warnings: FileWarning[] = []
  const out: ImportPreview = {
    sources: sources.map((s) => ({ file: s.file, format: s.kind === 'stream' ? s.format : s.kind })),
    records: [],
    errors: [],
    skipped,
    warnings,
  }
  for (const item of decodeRenamed(sources, opts.unit ?? 'codepoint', opts.labelMap, 1, { encoding: opts.encoding ?? null, force: opts.forceEncoding === true, warn: warningCollector(warnings) })) {
    if ('record' in item) out.records.push(item.record)
    else out.errors.push(item.error)
    if (out.records.length + out.errors.length >= n) break
  }
  return out
}
