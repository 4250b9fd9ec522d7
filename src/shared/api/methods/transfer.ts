import { z } from 'zod'
import type { FileWarning, ImportReport, SkippedEntry } from '../../formats/importReport'
import { isTextEncoding, parseTextEncoding } from '../../formats/textEncoding'
import { AnnotatorName, DocStatus, LabelName } from '../../domain/model'
import { FORMAT_NAMES } from '../../formats/formatCodec'
import type { FormatName } from '../../formats/formatCodec'
import type { LineError } from '../../formats/importRecord'
import { def, returns } from '../define'
import type { ExportedCount } from '../../formats/exportedCount'

/**
 * Import and export from the app. Both run as background jobs in the main
 * process: the start call returns a job id at once, `transfer.job` reports
 * progress and, at the end, the report or the error; `transfer.cancel` stops
 * it (a cancelled import writes nothing, a cancelled export leaves no file).
 */

/** Formats an export can write (every codec but plain text). */
export const EXPORT_FORMAT_NAMES: FormatName[] = [...FORMAT_NAMES]
/** An import reads a codec's format (Hugging Face is export-only), or another Spanwright workspace file. */
export const IMPORT_FORMAT_NAMES = ['jsonl', 'txt', 'doccano', 'doccano-rel', 'spacy', 'prodigy', 'labelstudio', 'brat', 'conll', 'webanno-tsv', 'xmi', 'spacy-docbin', 'spanwright'] as const satisfies readonly (FormatName | 'spanwright')[]
export type ImportFormat = (typeof IMPORT_FORMAT_NAMES)[number]

/** Uploads are held in memory on the way in (base64 in a JSON body), so they are capped; bigger files are imported by path. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024

const ServerPath = z.string().trim().min(1, 'give a file path').max(4096)
const Offsets = z.enum(['codepoint', 'utf16']).default('codepoint')
const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a job id')

export const ImportArgs = z.strictObject({
  /** Paths on the machine running Spanwright (an upload's path from `transfer.upload` included). */
  paths: z.array(ServerPath).min(1, 'choose at least one file').max(1000),
  /** null: detected per file. */
  format: z.enum(IMPORT_FORMAT_NAMES).nullable().default(null),
  annotator: AnnotatorName.nullable().default(null),
  offsets: Offsets,
  /** The encoding of text files without a byte-order mark (null: UTF-8): any WHATWG label the platform knows (textEncoding.ts); a BOM wins, with a warning. */
  encoding: z
    .string()
    .trim()
    .max(40)
    .refine(isTextEncoding, 'not an encoding the import knows (WHATWG names: utf-8, latin1, windows-1250, iso-8859-2, shift_jis, gb18030, euc-kr, koi8-r, …)')
    .transform(parseTextEncoding)
    .nullable()
    .default(null),
  /** Read a valid UTF-8 file in the single-byte encoding chosen anyway, instead of refusing it (mojibake, stored for good). */
  forceEncoding: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  addLabels: z.boolean().default(false),
  /** Labels renamed as the files are read, `FROM=TO` as the CLI's --map-label takes them (checked by the importer). */
  labelMap: z.array(z.string().max(300)).max(500).default([]),
})
export type ImportArgs = z.input<typeof ImportArgs>

export const ExportArgs = z.strictObject({
  format: z.enum(EXPORT_FORMAT_NAMES as [FormatName, ...FormatName[]]),
  /** Where to write, on the machine running Spanwright; without it, a temp file offered for download. */
  out: ServerPath.nullable().default(null),
  annotator: AnnotatorName.nullable().default(null),
  gold: z.boolean().default(false),
  /** With gold: also the documents whose review is not done. */
  includeUnreviewed: z.boolean().default(false),
  status: DocStatus.nullable().default(null),
  labels: z.array(LabelName).max(500).default([]),
  offsets: Offsets,
  /** `train=0.8,dev=0.1,test=0.1`; one file per part. */
  split: z.string().trim().max(500).nullable().default(null),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** CoNLL's document line: `columns` (`-DOCSTART- O`, the file's columns) or `spacy` (`-DOCSTART- -X- O O`, spaCy's delimiter); CLI `--conll-docstart`. */
  conllDocstart: z.enum(['columns', 'spacy']).default('columns'),
})
export type ExportArgs = z.input<typeof ExportArgs>

/** One record of an import preview: enough to recognise the document and see that its layer came through. */
export interface PreviewRecord {
  file: string
  line: number
  documentId: string
  title: string
  textHead: string
  textLength: number
  annotator: string | null
  spans: number
  relations: number
}

export interface ImportPreviewResult {
  sources: { file: string; format: FormatName | 'spanwright' }[]
  records: PreviewRecord[]
  errors: LineError[]
  /** What a folder or ZIP archive holds that the import will not read, with why (as the import's report lists it). */
  skipped?: SkippedEntry[]
  /** How files were read, where their text may be wrong (a UTF-8 file read as Latin-1), as the import's report says it. */
  warnings?: FileWarning[]
}

/** What an import job reports: the import service's own report. */
export type ImportJobReport = ImportReport

export interface ExportJobReport {
  format: FormatName
  unit: 'codepoint' | 'utf16'
  /** Each path written: its layers, and what it holds in its format's noun (exportedCount.ts). */
  files: { path: string; split: string | null; layers: number; written: ExportedCount }[]
  layers: number
  spans: number
  relations: number
  /** Of those, what the files hold (the rest the format left out, each reason counted in `warnings`). */
  written: { spans: number; relations: number }
  warnings: string[]
  /** Documents not written, by reason (no layer by that annotator, review not done, another status). */
  leftOut: { documents: number; reason: string }[]
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled'

export interface JobStatus {
  id: string
  kind: 'import' | 'export'
  state: JobState
  /** What the job is doing now: checking records, writing them, or exporting layers. */
  phase: 'validate' | 'write' | 'export'
  /** Records (import) or layers (export) done so far; total when known (export) or the input's bytes (import: total null). */
  done: number
  total: number | null
  rejected: number
  file: string
  startedAt: string
  finishedAt: string | null
  importReport: ImportJobReport | null
  exportReport: ExportJobReport | null
  /**
   * Why it failed: the message, and for a failed import every bad line and the files it passed over (`skipped`, as
   * the CLI prints them before its error), so a failure does not hide that a folder's files were never read.
   */
  error: { message: string; errors: LineError[]; linesRead: number | null; skipped?: SkippedEntry[] } | null
  /** Files that `GET /api/download/<job>/<n>` serves once the export is done (browser mode). */
  downloads: { name: string; bytes: number }[]
}

export const transferMethods = {
  /** Stores an uploaded file (base64) in a temp folder and returns its server-side path, for preview and import. */
  'transfer.upload': def(
    z.strictObject({
      name: z.string().trim().min(1).max(200),
      base64: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4, `an upload is limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; give a path instead`),
    }),
    returns<{ path: string; bytes: number }>(),
  ),
  /** The first records of an import (and their faults), read without touching the workspace. */
  'transfer.preview': def(ImportArgs.pick({ paths: true, format: true, offsets: true, encoding: true, forceEncoding: true, annotator: true, addLabels: true, labelMap: true }).extend({ limit: z.number().int().min(1).max(100).default(10) }), returns<ImportPreviewResult>()),
  'transfer.import': def(ImportArgs, returns<JobStatus>()),
  'transfer.export': def(ExportArgs, returns<JobStatus>()),
  'transfer.job': def(z.strictObject({ id: JobId }), returns<JobStatus>()),
  'transfer.cancel': def(z.strictObject({ id: JobId }), returns<JobStatus>()),
}
