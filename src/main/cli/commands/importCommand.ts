import { formatLineError } from '../../../shared/formats/importRecord'
import { parseLabelMap } from '../../../shared/formats/labelMap'
import { noteLines } from '../../../shared/formats/importReport'
import { countOf } from '../../../shared/text/plural'
import { parseTextEncoding } from '../../../shared/formats/textEncoding'
import { importFiles, skippedOf } from '../../services/import/importFiles'
import { parseFormatName } from '../../services/import/inputSources'
import { importWorkspace, isWorkspaceFile } from '../../services/import/importWorkspace'
import type { CliCommand } from '../command'
import { stoppableHooks } from '../jobStop'
import { offsetUnitOption } from '../offsetsOption'
import { stderrProgress } from '../progress'
import { openWorkspace } from '../workspaceOption'
import { AnnotatorName } from '../../../shared/domain/model'

export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'import <file|dir|other.spanwright>... [--db FILE] [--format F] [--annotator NAME] [--offsets codepoint|utf16] [--encoding NAME [--force-encoding]] [--skip-invalid] [--add-labels] [--map-label FROM=TO ...]',
  summary:
    'import .txt, brat (.txt + .ann), jsonl, doccano, doccano-rel, spacy, prodigy, labelstudio, WebAnno TSV 3 (INCEpTION .tsv), conll, UIMA CAS XMI (.xmi) or spaCy DocBin (.spacy) files (folders recursively; format detected unless --format), validated whole, then written in one transaction',
  positionals: true,
  options: {
    db: { type: 'string' },
    annotator: { type: 'string' },
    format: { type: 'string' },
    offsets: { type: 'string', default: 'codepoint' },
    encoding: { type: 'string' },
    'force-encoding': { type: 'boolean' },
    'skip-invalid': { type: 'boolean', default: false },
    'add-labels': { type: 'boolean', default: false },
    'map-label': { type: 'string', multiple: true },
  },
  async run({ values, positionals, out }) {
    if (!positionals.length) throw new Error('import needs at least one file or folder')
    // Another workspace file is read by its own importer (every document and layer, read-only).
    const workspaceFile = values.format === 'spanwright' || positionals.every(isWorkspaceFile)
    if (workspaceFile && positionals.length !== 1) throw new Error('import one Spanwright workspace file at a time, on its own')
    const format = values.format && !workspaceFile ? parseFormatName(values.format as string) : null
    const unit = offsetUnitOption(values.offsets)
    // The encoding of text files without a byte-order mark (Latin-1 CoNLL-2002, Windows-1252 brat, UTF-16 without BOM).
    const encoding = values.encoding === undefined ? null : parseTextEncoding(values.encoding as string)
    if (workspaceFile && encoding) throw new Error('--encoding reads the text files of other tools; a Spanwright workspace is not one')
    // A UTF-8 file told to be read as Latin-1 (or another single-byte encoding) is refused; this reads it as told.
    const forceEncoding = values['force-encoding'] === true
    if (forceEncoding && !encoding) throw new Error('--force-encoding reads files in the encoding --encoding names; name one')
    // As the import dialog and every file's own annotator are checked: a layer named " " or "al ice" could not be
    // opened, reviewed or exported by name in the app.
    const parsedName = values.annotator === undefined ? null : AnnotatorName.safeParse(values.annotator)
    if (parsedName && !parsedName.success) throw new Error(`--annotator ${JSON.stringify(values.annotator)}: ${parsedName.error.issues[0].message}`)
    // Before the workspace opens: a bad pair is the user's typo, said before anything is read.
    const labelMap = parseLabelMap((values['map-label'] as unknown as string[] | undefined) ?? [])
    if (workspaceFile && labelMap.size) throw new Error("--map-label renames the labels of other tools' files; a Spanwright workspace's labels are kept as they are")
    const store = await openWorkspace(values.db as string | undefined, { samples: false })
    const progress = stderrProgress()
    try {
      const r = await (workspaceFile
        ? importWorkspace(
            store,
            positionals[0],
            { skipInvalid: values['skip-invalid'] === true, addLabels: values['add-labels'] === true },
            stoppableHooks((p) => progress.update(`${p.phase === 'validate' ? 'checking' : 'writing'}: ${p.done} of ${p.total} layers (${p.rejected} rejected)`)),
          )
        : importFiles(
        store,
        positionals,
        {
          annotator: parsedName?.data ?? null,
          format,
          unit,
          encoding,
          forceEncoding,
          skipInvalid: values['skip-invalid'] === true,
          addLabels: values['add-labels'] === true,
          labelMap,
        },
        // Ctrl+C is heard at each progress step, in the write transaction too: it rolls back (see jobStop.ts).
        stoppableHooks((p) => progress.update(`${p.phase === 'validate' ? 'checking' : 'writing'}: ${p.done} records (${p.rejected} rejected) ${p.file}`)),
      )).catch((e: unknown) => {
        progress.done()
        // A failed import still says which files it passed over (those its message does not already name).
        const message = e instanceof Error ? e.message : ''
        for (const x of skippedOf(e)) if (!message.includes(`skipped ${x.file}: `)) out.error(`skipped ${x.file}: ${x.reason}`)
        throw e
      })
      progress.done()
      for (const e of r.errors) out.error(formatLineError(e))
      // A folder's entries not read (named pipes, broken symlinks, loops): said, so a missing document is explained.
      for (const x of r.skipped ?? []) out.error(`skipped ${x.file}: ${x.reason}`)
      // How a file was read, where its text may be wrong (a BOM over --encoding, a UTF-8 file read as Latin-1).
      for (const w of 'warnings' in r ? (r.warnings ?? []) : []) out.error(`warning: ${w.file}: ${w.reason}`)
      if (r.labelsAdded.length) out.log(`added labels: ${r.labelsAdded.join(', ')}`)
      // What the files held besides spans and relations (rejected tasks, predictions, other result types), counted.
      for (const line of noteLines(r.notes)) out.log(`note: ${line}`)
      for (const x of 'remarks' in r ? (r.remarks ?? []) : []) out.log(`note: ${x.file}: ${x.reason}`)
      out.log(
        `imported ${r.imported} of ${countOf(r.linesRead, 'record')} (${r.rejected} rejected): ${countOf(r.documentsAdded, 'new document')}, ` +
          `${countOf(r.layersAdded, 'new layer')}, ${countOf(r.spansAdded, 'span')} (${r.spansSkipped} already present), ${countOf(r.relationsAdded, 'relation')}`,
      )
      return 0
    } finally {
      progress.done()
      store.close()
    }
  },
}
