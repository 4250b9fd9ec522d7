import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { parseLabelMap } from '../../../shared/formats/labelMap'
import type { LabelMap } from '../../../shared/formats/labelMap'
import type { ExportArgs, ImportArgs, ImportPreviewResult, JobStatus, PreviewRecord } from '../../../shared/api/methods/transfer'
import type { FormatName } from '../../../shared/formats/formatCodec'
import { writesFolder } from '../../../shared/formats/formatCodec'
import type { LineError } from '../../../shared/formats/importRecord'
import type { SkippedEntry } from '../../../shared/formats/importReport'
import type { Store } from '../../store/store'
import { parseSplit } from '../export/datasetSplit'
import { exportDataset } from '../export/exportDataset'
import { zipFolder } from '../export/zipFolder'
import { streamCodec } from '../formats/formatRegistry'
import { importFiles, previewImport } from '../import/importFiles'
import { validateRecords } from '../import/importRecords'
import { listSources } from '../import/inputSources'
import { importWorkspace, isWorkspaceFile, previewWorkspace } from '../import/importWorkspace'
import type { SourcedRecord } from '../import/readFiles'
import { startJob } from './jobRegistry'
import type { DownloadFile } from './jobRegistry'
import { freshTempFolder, gatherUploads, transferTempRoot } from './uploads'

type ImportIn = Required<ImportArgs>
type ExportIn = Required<ExportArgs>

/** Uploads live in temp folders; messages name them by the file's own name, as the user chose it. */
function shownPath(text: string): string {
  const root = transferTempRoot()
  return text.split(`${root}${path.sep}`).map((part, i) => (i === 0 ? part : part.replace(/^upload-[A-Za-z0-9_-]+[\\/]/, ''))).join('')
}
const shownErrors = (errors: LineError[]): LineError[] => errors.map((e) => ({ ...e, file: shownPath(e.file) }))

/** A workspace file is imported on its own (its own reader), never mixed with codec files. */
function workspaceImport(args: Pick<ImportIn, 'paths' | 'format'>): string | null {
  const ws = args.paths.filter((p) => args.format === 'spanwright' || isWorkspaceFile(p))
  if (!ws.length) return null
  if (ws.length !== args.paths.length || ws.length > 1) {
    throw new AppError('bad_request', 'import one Spanwright workspace file at a time, on its own (not mixed with other files)')
  }
  return ws[0]
}

const HEAD_CHARS = 160

function previewRecord(r: SourcedRecord): PreviewRecord {
  const head = r.text.slice(0, HEAD_CHARS)
  return {
    file: shownPath(r.file),
    line: r.line,
    documentId: r.externalId,
    title: r.title,
    textHead: r.text.length > HEAD_CHARS ? `${head}…` : head,
    textLength: r.text.length,
    annotator: r.annotator,
    spans: r.spans.length,
    relations: r.relations.length,
  }
}

/**
 * The first records an import would read and their faults, without writing
 * anything: what the file says (encoding, JSON, offsets) and what the
 * workspace would refuse (labels not in the schema, relation constraints, a
 * document id stored with other text, spans without an annotator), so the
 * dialog shows them before Import is pressed.
 */
export async function previewTransfer(
  store: Store,
  args: Pick<ImportIn, 'paths' | 'format' | 'offsets'> & Partial<Pick<ImportIn, 'annotator' | 'addLabels' | 'labelMap' | 'encoding' | 'forceEncoding'>>,
  limit: number,
): Promise<ImportPreviewResult> {
  args = { ...args, paths: gatherUploads(args.paths) }
  const ws = workspaceImport(args)
  if (ws) {
    labelMapArg(args.labelMap ?? [], true)
    const p = await previewWorkspace(store, ws, limit)
    return { sources: [{ file: ws, format: 'spanwright' }], records: p.records.map(previewRecord), errors: [] }
  }
  const labelMap = labelMapArg(args.labelMap ?? [], false)
  let p: ReturnType<typeof previewImport>
  try {
    p = previewImport(args.paths, { format: args.format as FormatName | null, unit: args.offsets, labelMap, annotator: args.annotator, encoding: args.encoding ?? null, forceEncoding: args.forceEncoding }, limit)
  } catch (e) {
    throw readable(e)
  }
  const schemaErrors = validateRecords(store, p.records, { annotator: args.annotator ?? null, addLabels: args.addLabels ?? false })
  const errors = [...p.errors, ...schemaErrors].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
  return {
    sources: p.sources.map((s) => ({ file: shownPath(s.file), format: s.format })),
    records: p.records.map(previewRecord),
    errors: shownErrors(errors),
    skipped: p.skipped.map((x) => ({ ...x, file: shownPath(x.file) })),
    ...(p.warnings.length ? { warnings: p.warnings.map((x) => ({ ...x, file: shownPath(x.file) })) } : {}),
  }
}

// Not `spacy`: its training data is usually one (pretty-printed) JSON array, not a record a line.
const LINE_FORMATS = new Set<FormatName>(['jsonl', 'doccano', 'doccano-rel', 'spacy-jsonl', 'prodigy'])

/**
 * How many records the import will read, where that is cheap to know: a
 * record per line for the line formats (counted by scanning bytes, yielding
 * between chunks), one per .txt or brat document; null when a source's
 * records are not lines (Label Studio's array, CoNLL's blocks).
 */
async function countRecords(paths: string[], format: FormatName | null, signal: AbortSignal): Promise<number | null> {
  let total = 0
  for (const s of listSources(paths, format)) {
    if (s.kind !== 'stream') {
      total++
      continue
    }
    // An entry of a ZIP archive is not a file to scan (its count comes with the import's own reading).
    if (!LINE_FORMATS.has(s.format) || 'zip' in s) return null
    const fd = fs.openSync(s.file, 'r')
    try {
      const buf = Buffer.allocUnsafe(1 << 20)
      let lines = 0
      let last = 0x0a
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) {
        for (let i = buf.indexOf(0x0a, 0); i >= 0 && i < n; i = buf.indexOf(0x0a, i + 1)) lines++
        last = buf[n - 1]
        await new Promise<void>((r) => setImmediate(r))
        signal.throwIfAborted()
      }
      total += lines + (last === 0x0a ? 0 : 1)
    } finally {
      fs.closeSync(fd)
    }
  }
  return total
}

/** The dialog's label renames, parsed as the CLI parses --map-label; a typo is the caller's bad request. */
function labelMapArg(pairs: string[], workspace: boolean): LabelMap {
  if (workspace && pairs.length) throw new AppError('bad_request', "label renames apply to other tools' files; a Spanwright workspace's labels are kept as they are")
  try {
    return parseLabelMap(pairs)
  } catch (e) {
    // Named as the API names it (the field), not as the CLI does (--map-label).
    const message = (e as Error).message.replace(/^--map-label(: | )/u, (_, sep: string) => (sep === ' ' ? 'rename ' : ''))
    throw new AppError('bad_request', `labelMap: ${message}`, { issues: [{ path: ['labelMap'], message }] })
  }
}

/** Starts an import job (codec files, or another workspace); nothing is written until every record has been checked. */
export function startImport(store: Store, args: ImportIn): JobStatus {
  args = { ...args, paths: gatherUploads(args.paths) }
  const ws = workspaceImport(args)
  const labelMap = labelMapArg(args.labelMap, !!ws)
  // Fail fast on paths that do not exist or cannot be read as any format: the dialog shows it at once, naming an
  // upload by its own name, not its temp folder.
  if (!ws) {
    try {
      listSources(args.paths, args.format as FormatName | null)
    } catch (e) {
      throw readable(e)
    }
  }
  return startJob('import', store.file, async (job) => {
    try {
      if (ws) {
        const report = await importWorkspace(store, ws, args, {
          signal: job.signal,
          onProgress: (p) => job.progress({ phase: p.phase, done: p.done, total: p.total, rejected: p.rejected, file: shownPath(p.file) }),
        })
        return { importReport: { ...report, errors: shownErrors(report.errors) }, exportReport: null }
      }
      const format = args.format as FormatName | null
      const total = await countRecords(args.paths, format, job.signal)
      job.progress({ total })
      let validated = 0
      const report = await importFiles(
        store,
        args.paths,
        { annotator: args.annotator, format, unit: args.offsets, encoding: args.encoding, forceEncoding: args.forceEncoding, skipInvalid: args.skipInvalid, addLabels: args.addLabels, labelMap },
        {
          signal: job.signal,
          onProgress: (p) => {
            if (p.phase === 'validate') validated = p.done
            job.progress({
              phase: p.phase,
              done: p.done,
              total: p.phase === 'write' ? validated - p.rejected : total === null ? null : Math.max(total, p.done),
              rejected: p.rejected,
              file: shownPath(p.file),
            })
          },
        },
      )
      const warnings = report.warnings?.map((x) => ({ ...x, file: shownPath(x.file) }))
      const skipped = report.skipped?.map((x) => ({ ...x, file: shownPath(x.file) }))
      const remarks = report.remarks?.map((x) => ({ ...x, file: shownPath(x.file) }))
      return { importReport: { ...report, errors: shownErrors(report.errors), ...(warnings ? { warnings } : {}), ...(skipped ? { skipped } : {}), ...(remarks ? { remarks } : {}) }, exportReport: null }
    } catch (e) {
      throw readable(e)
    }
  })
}

/** The same error with upload temp paths shown as the uploaded file's name. */
function readable(e: unknown): unknown {
  if (!(e instanceof AppError)) return e
  const d = e.details as { errors?: LineError[]; linesRead?: number; skipped?: SkippedEntry[] } | undefined
  if (!d) return new AppError(e.code, shownPath(e.message), d)
  const errors = Array.isArray(d.errors) ? { errors: shownErrors(d.errors) } : {}
  const skipped = Array.isArray(d.skipped) ? { skipped: d.skipped.map((x) => ({ ...x, file: shownPath(x.file) })) } : {}
  return new AppError(e.code, shownPath(e.message), { ...d, ...errors, ...skipped })
}

/** The extension a download-only export is named with. */
function exportExtension(format: FormatName): string {
  if (format === 'labelstudio' || format === 'spacy') return '.json'
  if (format === 'conll') return '.conll'
  if (format === 'spacy-docbin') return '.spacy'
  return streamCodec(format).extensions[0] ?? '.jsonl'
}

/**
 * Starts an export job: to `out` on this machine, or (without it) to a temp
 * file offered for download. A format that writes a folder (brat, txt,
 * webanno-tsv, xmi) is written to a temp folder and offered as one ZIP of that
 * folder's files.
 */
export function startExport(store: Store, args: ExportIn): JobStatus {
  const split = args.split ? parseSplit(args.split) : undefined
  const folder = writesFolder(args.format as FormatName)
  if (args.conllDocstart === 'spacy' && args.format !== 'conll') throw new AppError('bad_request', `spaCy's -DOCSTART- line goes with CoNLL, not ${args.format}`)
  if (args.out && fs.existsSync(args.out) && fs.statSync(args.out).isDirectory() && !folder) {
    throw new AppError('bad_request', `${args.out} is a folder; give a file path for ${args.format}`)
  }
  const temporary = !args.out
  return startJob('export', store.file, async (job) => {
    const tempDir = args.out ? null : freshTempFolder('export')
    const out = args.out ?? path.join(tempDir!, `spanwright-${args.format}${folder ? '' : exportExtension(args.format)}`)
    const report = await exportDataset(
      store,
      out,
      {
        format: args.format,
        unit: args.offsets,
        annotator: args.annotator ?? undefined,
        gold: args.gold || undefined,
        includeUnreviewed: (args.gold && args.includeUnreviewed) || undefined,
        status: args.status ?? undefined,
        labels: args.labels.length ? args.labels : undefined,
        split,
        seed: args.seed,
        conllDocstart: args.format === 'conll' ? args.conllDocstart : undefined,
      },
      { signal: job.signal, onProgress: (p) => job.progress({ phase: 'export', done: p.done, total: p.total }) },
    )
    job.progress({ done: report.layers, total: report.layers })
    if (folder && temporary) {
      const zipPath = `${out}.zip`
      try {
        await zipFolder(out, zipPath, () => job.signal.throwIfAborted())
      } finally {
        fs.rmSync(out, { recursive: true, force: true })
      }
      job.offerDownloads([{ name: path.basename(zipPath), path: zipPath, temporary }])
    } else if (!folder) {
      const files: DownloadFile[] = report.files.map((f) => ({ name: path.basename(f.path), path: f.path, temporary }))
      job.offerDownloads(files)
    }
    return { importReport: null, exportReport: report }
  })
}
