import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import type { ConllDocstart, ExportLayer, FormatName } from '../../../shared/formats/formatCodec'
import { folderFormatList, writesFolder } from '../../../shared/formats/formatCodec'
import type { ExportedCount } from '../../../shared/formats/exportedCount'
import { countOf } from '../../../shared/text/plural'
import type { OffsetUnit } from '../../../shared/text/offsets'
import type { Store } from '../../store/store'
import { escapeJsonLineBreaks, JSON_FORMATS } from '../../../shared/formats/jsonLineBreaks'
import { streamCodec } from '../formats/formatRegistry'
import type { RunHooks } from '../runHooks'
import { splitOf } from './datasetSplit'
import { writeBratFolder, writeTextFolder } from './documentFolders'
import type { FolderPartContext } from './documentFolders'
import { writeWebannoTsvFolder } from './webannoTsvFolder'
import { writeXmiFolder } from './xmiFolder'
import type { SplitPart } from './datasetSplit'
import { listLayers, readLayers, relationsLeftOutByLabels } from './exportLayers'
import type { LayerFilter, LayerRef, LeftOut } from './exportLayers'
import { makeFolder } from '../../store/makeFolder'
import { StagedFiles } from './stagedFiles'
import { docBinBytesPausing } from './spacyDocBinFile'
import { exportUnit, fixedUnitReason, FIXED_OFFSET_UNIT, KEEPS_NO_RELATIONS } from '../../../shared/formats/exportTraits'
import { DOCBIN_LOSSY, docBinDroppedExtras } from '../../../shared/formats/spacyDocBin/docBinBuild'

export const EXPORT_FORMATS: FormatName[] = ['jsonl', 'doccano', 'doccano-rel', 'spacy', 'spacy-jsonl', 'prodigy', 'labelstudio', 'brat', 'conll', 'hf', 'txt', 'webanno-tsv', 'spacy-docbin', 'xmi']

/** Formats that keep no annotator: a document with several layers is written as several examples. */
const NO_ANNOTATOR: ReadonlySet<FormatName> = new Set<FormatName>(['conll', 'hf', 'spacy', 'spacy-jsonl', 'spacy-docbin'])


export interface ExportOptions extends LayerFilter {
  format: FormatName
  /** Offsets in the file (default: code points). */
  unit?: OffsetUnit
  /** With a split: one file (or brat folder) per part, documents assigned by a seeded hash of their id. */
  split?: SplitPart[]
  seed?: number
  /** CoNLL's document line: `spacy` writes spaCy's delimiter `-DOCSTART- -X- O O` whatever the columns (conll.ts). */
  conllDocstart?: ConllDocstart
}

export interface ExportedFile {
  path: string
  split: string | null
  /** The layers written there. */
  layers: number
  /** What the path holds, in its format's noun (documents of a brat folder, files of an XMI folder): the `wrote` line. */
  written: ExportedCount
}

export interface ExportReport {
  format: FormatName
  unit: OffsetUnit
  files: ExportedFile[]
  layers: number
  spans: number
  relations: number
  /** Of those, what the file holds (the rest the format left out, each reason counted in `warnings`). */
  written: { spans: number; relations: number }
  /** The codec's messages (e.g. overlapping spans BIO could not carry), each once, with a count. */
  warnings: string[]
  /** Documents not written, by reason (no layer by that annotator, review not done, another status). */
  leftOut: LeftOut[]
}

export interface ExportProgress {
  done: number
  total: number
  split: string | null
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** `out.jsonl` + `train` -> `out.train.jsonl`. */
export function splitFileName(out: string, split: string): string {
  const ext = path.extname(out)
  return ext ? `${out.slice(0, -ext.length)}.${split}${ext}` : `${out}.${split}`
}

/**
 * Exports layers in any format to `out`: a file for the line formats (a JSON
 * array file for Label Studio, as its codec writes it), a folder for brat.
 * Reads layers a batch at a time (a few queries per few hundred layers, see
 * readLayers) and writes through a buffer to a temp file (or folder) renamed
 * into place, so a cancelled or failed export leaves nothing behind and memory
 * stays flat. Cancel is checked between layers.
 */
export async function exportDataset(store: Store, out: string, opts: ExportOptions, hooks: RunHooks<ExportProgress> = {}): Promise<ExportReport> {
  if (!EXPORT_FORMATS.includes(opts.format)) {
    throw new AppError('bad_request', `cannot export ${JSON.stringify(opts.format)} (available: ${EXPORT_FORMATS.join(', ')})`)
  }
  hooks.signal?.throwIfAborted()
  refuseSpecialTarget(out)
  // brat counts code points (its server is Python) and WebAnno TSV UTF-16 (Java), whatever was asked.
  const fixed = FIXED_OFFSET_UNIT[opts.format]
  const unit = exportUnit(opts.format, opts.unit)
  const leftOut: LeftOut[] = []
  const listed: string[] = []
  const refs = listLayers(store, opts, leftOut, listed)
  const warnings = new Map<string, number>(listed.map((m) => [m, 1]))
  if (NO_ANNOTATOR.has(opts.format)) {
    const layersOf = new Map<string, number>()
    for (const r of refs) layersOf.set(r.externalId, (layersOf.get(r.externalId) ?? 0) + 1)
    const doubled = [...layersOf.values()].filter((n) => n > 1).length
    if (doubled) {
      warnings.set(`${opts.format}: ${countOf(doubled, 'document')} ${doubled === 1 ? 'has' : 'have'} layers of several annotators and ${doubled === 1 ? 'is' : 'are'} written once per layer; the format keeps no annotator, so training code reads them as separate examples with conflicting labels (export one annotator's layer, or --gold)`, 1)
    }
  }
  if (fixed && opts.unit && opts.unit !== fixed) {
    warnings.set(`${opts.format}: ${fixedUnitReason(opts.format)}; --offsets ${opts.unit} does not apply`, 1)
  }
  const report: ExportReport = { format: opts.format, unit, files: [], layers: 0, spans: 0, relations: 0, written: { spans: 0, relations: 0 }, warnings: [], leftOut }
  const dropped = { span: 0, relation: 0 }
  const countLeftOut = (kind: 'span' | 'relation', n: number) => void (dropped[kind] += n)
  const parts: { name: string | null; refs: LayerRef[] }[] = opts.split
    ? opts.split.map((p) => ({ name: p.name, refs: [] as LayerRef[] }))
    : [{ name: null, refs }]
  if (opts.split) {
    const byName = new Map(parts.map((p) => [p.name!, p]))
    for (const r of refs) byName.get(splitOf(r.externalId, opts.seed ?? 0, opts.split))!.refs.push(r)
  }
  let done = 0
  const each = () => {
    hooks.signal?.throwIfAborted()
    if (++done % 500 === 0) hooks.onProgress?.({ done, total: refs.length, split: null })
  }
  const count = (l: ExportLayer) => {
    report.layers++
    report.spans += l.spans.length
    report.relations += l.relations.length
  }

  if (writesFolder(opts.format)) {
    // A file (brat: a .txt + .ann pair) per document, named one to one (see fileNames.ts), with a manifest of
    // the exact ids. Without a layer filter every document goes out, annotated or not (brat: with an empty .ann).
    const everyDocument = !opts.annotator && !opts.gold && !opts.status && opts.format !== 'webanno-tsv' && opts.format !== 'xmi' // a .tsv (.xmi) per layer only
    // Without a filter, listLayers counted the documents no layer touched as left out; this export writes them.
    if (everyDocument) report.leftOut.splice(0)
    const inLayers = new Set(refs.map((r) => r.externalId))
    const bare = everyDocument
      ? store.documents
          .idsInExternalIdOrder()
          .filter((d) => opts.format === 'txt' || !inLayers.has(d.externalId))
      : []
    const warn = (m: string) => warnings.set(m, (warnings.get(m) ?? 0) + 1)
    const ctx: FolderPartContext = { store, opts, each, count, warn, leftOut: countLeftOut, checkCancel: () => hooks.signal?.throwIfAborted(), pause: yieldToLoop }
    let leftOut = 0
    await writeFolderAtomically(out, opts.format, async (tmp) => {
      for (const part of parts) {
        const dir = part.name ? path.join(tmp, part.name) : tmp
        makeFolder(dir)
        const partBare = opts.split ? bare.filter((d) => splitOf(d.externalId, opts.seed ?? 0, opts.split!) === part.name) : bare
        const layersBefore = report.layers
        let written: ExportedCount
        if (opts.format === 'brat') written = { count: await writeBratFolder(dir, part.refs, partBare, ctx), noun: 'document', each: 'a .txt and an .ann each' }
        else if (opts.format === 'webanno-tsv') written = { count: await writeWebannoTsvFolder(dir, part.refs, ctx), noun: 'file', each: 'one .tsv per layer' }
        else if (opts.format === 'xmi') written = { count: await writeXmiFolder(dir, part.refs, ctx), noun: 'file', each: 'one .xmi per layer' }
        else {
          const text = await writeTextFolder(dir, part.refs, partBare, ctx)
          written = { count: text.files, noun: 'document', each: 'a .txt each' }
          leftOut += text.leftOut
        }
        report.files.push({ path: part.name ? path.join(out, part.name) : out, split: part.name, layers: report.layers - layersBefore, written })
      }
    })
    if (opts.format === 'txt') countLeftOut('span', report.spans)
    if (leftOut) warnings.set(`plain text carries no annotations: ${countOf(leftOut, 'span or relation', 'spans and relations')} ${leftOut === 1 ? 'was' : 'were'} left out (use jsonl or brat to keep them)`, 1)
  } else {
    // Every part is written to a temp name first, and all are renamed into place at the end (StagedFiles).
    const staged = new StagedFiles()
    try {
      await writeFileParts(staged)
    } catch (e) {
      staged.discard()
      throw e
    }
    staged.commit()
  }
  /** The file formats' parts (a file each), written to temp names. */
  async function writeFileParts(staged: StagedFiles): Promise<void> {
    if (opts.format === 'spacy-docbin') {
      let extras = 0
      for (const part of parts) {
        const file = part.name ? splitFileName(out, part.name) : out
        let n = 0
        const layers = (function* () {
          for (const l of readLayers(store, part.refs, opts, each)) {
            count(l)
            extras += docBinDroppedExtras(l)
            n++
            yield l
          }
        })()
        const bytes = await docBinBytesPausing(layers, { unit, warn: (m: string) => warnings.set(m, (warnings.get(m) ?? 0) + 1), leftOut: countLeftOut }, yieldToLoop)
        await staged.write(file, async (write) => write(bytes))
        report.files.push({ path: file, split: part.name, layers: n, written: { count: n, noun: 'layer' } })
      }
      if (report.layers) warnings.set(DOCBIN_LOSSY, 1)
      if (extras) warnings.set(`spacy-docbin: the attributes, notes and normalization ids of ${countOf(extras, 'span')} ${extras === 1 ? 'was' : 'were'} not written`, 1)
    } else {
      const codec = streamCodec(opts.format)
      for (const part of parts) {
        const file = part.name ? splitFileName(out, part.name) : out
        let n = 0
        const written = await staged.write(file, async (write) => {
          const layers = (function* () {
            for (const l of readLayers(store, part.refs, opts, each)) {
              count(l)
              n++
              yield l
            }
          })()
          let chunks = 0
          const ctx = { unit, warn: (m: string) => warnings.set(m, (warnings.get(m) ?? 0) + 1), leftOut: countLeftOut, conllDocstart: opts.conllDocstart }
          const json = JSON_FORMATS.has(opts.format)
          for (const chunk of codec.encode(layers, ctx)) {
            write(json ? escapeJsonLineBreaks(chunk) : chunk)
            if (++chunks % 500 === 0) await yieldToLoop()
          }
          return !(chunks === 0 && opts.format === 'hf')
        })
        if (written) report.files.push({ path: file, split: part.name, layers: n, written: { count: n, noun: 'layer' } })
        else warnings.set(emptyHfFile(part.name, file, n, staged), 1)
      }
      if (codec.lossy) warnings.set(codec.lossy, 1)
    }
  }
  hooks.onProgress?.({ done, total: refs.length, split: null })
  if (KEEPS_NO_RELATIONS.has(opts.format)) {
    // txt's own warning counts its relations with its spans.
    if (report.relations && opts.format !== 'txt') warnings.set(`${opts.format}: ${countOf(report.relations, 'relation')} ${report.relations === 1 ? 'was' : 'were'} left out (the format holds no relations)`, 1)
    dropped.relation = report.relations
  }
  // A format that holds relations: say which ones --labels left out with a span (the totals count what was read).
  const byLabels = KEEPS_NO_RELATIONS.has(opts.format) ? null : relationsLeftOutByLabels(opts)
  if (byLabels) warnings.set(byLabels, 1)
  report.written = { spans: Math.max(0, report.spans - dropped.span), relations: Math.max(0, report.relations - dropped.relation) }
  report.warnings = [...warnings].map(([m, n]) => (n > 1 ? `${m} (${n} times)` : m))
  return report
}

/** An export replaces a file (or fills a folder) by renaming; a device, pipe or socket at `out` must never be replaced. */
function refuseSpecialTarget(out: string): void {
  let st: fs.Stats
  try {
    st = fs.statSync(out)
  } catch {
    return // nothing there yet: the usual case
  }
  if (!st.isFile() && !st.isDirectory()) {
    throw new AppError('bad_request', `${out} is not a regular file or folder (a device, pipe or socket); choose another --out`)
  }
}

/**
 * Hugging Face `datasets` cannot load an empty JSON file (load_dataset("json") infers the schema from the rows:
 * SchemaInferenceError), so an export (or a split part) with no rows gets no file at all, and the export says so. A
 * file of that name from an earlier export is removed (when the export's files are renamed into place): it would be
 * loaded as this export (beside the new parts, as this split).
 */
function emptyHfFile(name: string | null, file: string, layers: number, staged: StagedFiles): string {
  const removed = staged.drop(file)
  const was = `${file} was not written${removed ? ' (the file of that name from an earlier export was removed)' : ''}`
  if (name === null) {
    const why = layers ? `${layers === 1 ? 'its layer holds' : `its ${layers} layers hold`} no sentences` : 'no layer matched'
    return `hf: the export has no rows (${why}), so ${was}: Hugging Face datasets refuses an empty JSON file`
  }
  const why = layers ? `${layers === 1 ? 'its layer holds' : `its ${layers} layers hold`} no sentences` : 'no document fell into it'
  return `hf: split ${name} has no rows (${why}), so ${was}: Hugging Face datasets refuses an empty JSON file; load the other splits, or choose other shares or another --seed`
}

/** Builds a folder beside `dir` and renames it into place; refuses to replace a folder that has files. */
async function writeFolderAtomically(dir: string, format: FormatName, body: (tmp: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) {
      throw new AppError('conflict', `${dir} exists and is not a folder: ${format} exports a folder (as ${folderFormatList()} do); give --out a new folder path`)
    }
    if (fs.readdirSync(dir).length) throw new AppError('conflict', `${dir} already exists and is not empty; choose a new folder for the export`)
  }
  makeFolder(path.dirname(path.resolve(dir)))
  const tmp = `${dir.replace(/[\\/]+$/, '')}.partial-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp)
  try {
    await body(tmp)
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true })
    throw e
  }
  if (fs.existsSync(dir)) fs.rmdirSync(dir)
  fs.renameSync(tmp, dir)
}
