import { DocStatus } from '../../../shared/domain/model'
import { exportedCountText } from '../../../shared/formats/exportedCount'
import { exportedTotalsText } from '../../../shared/formats/exportSummary'
import { unitName } from '../../../shared/formats/exportTraits'
import type { ConllDocstart } from '../../../shared/formats/formatCodec'
import { countOf } from '../../../shared/text/plural'
import { parseSplit } from '../../services/export/datasetSplit'
import { EXPORT_FORMATS, exportDataset } from '../../services/export/exportDataset'
import { parseFormatName } from '../../services/import/inputSources'
import type { CliCommand } from '../command'
import { stoppableHooks } from '../jobStop'
import { offsetUnitOption } from '../offsetsOption'
import { stderrProgress } from '../progress'
import { openWorkspaceForReading } from '../workspaceOption'

/** `--conll-docstart columns|spacy` (left out: columns). */
function conllDocstartOption(value: string | undefined): ConllDocstart | undefined {
  if (value === undefined || value === 'columns' || value === 'spacy') return value
  throw new Error(`--conll-docstart is columns or spacy, not ${JSON.stringify(value)}`)
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: `export --format ${EXPORT_FORMATS.join('|')} --out PATH [--db FILE] [--annotator NAME | --gold [--include-unreviewed]] [--status todo|in_progress|done] [--labels A,B] [--split train=0.8,dev=0.1,test=0.1 --seed N] [--offsets codepoint|utf16] [--conll-docstart columns|spacy]`,
  summary:
    'export annotations: --out is a file (a JSON array for labelstudio and spacy) or, for brat, webanno-tsv (a .tsv per document) and xmi (a UIMA CAS .xmi per document), a folder; offsets in code points unless --offsets utf16; --conll-docstart spacy starts each CoNLL document with spaCy\'s `-DOCSTART- -X- O O` (what `spacy convert --converter ner` splits documents at) instead of a line of the file\'s columns (`-DOCSTART- O`). ' +
    'Only layers that exist are written: --annotator takes the documents that annotator opened, marked or imported; --gold the documents whose review is done',
  options: {
    db: { type: 'string' },
    annotator: { type: 'string' },
    gold: { type: 'boolean', default: false },
    'include-unreviewed': { type: 'boolean', default: false },
    status: { type: 'string' },
    labels: { type: 'string' },
    split: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
    // No default: left out, a format with offsets of its own (brat, xmi, webanno-tsv) is not warned that it ignores it.
    offsets: { type: 'string' },
    'conll-docstart': { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values, out }) {
    const format = parseFormatName(values.format as string)
    if (!values.out) throw new Error('export needs --out PATH')
    const unit = values.offsets === undefined ? undefined : offsetUnitOption(values.offsets)
    let status: DocStatus | undefined
    if (values.status !== undefined) {
      const parsed = DocStatus.safeParse(values.status)
      if (!parsed.success) throw new Error(`--status is todo, in_progress or done, not ${JSON.stringify(values.status)}`)
      status = parsed.data
    }
    const labels = values.labels !== undefined ? (values.labels as string).split(',').map((l) => l.trim()).filter(Boolean) : undefined
    // `--labels ,` (or an empty value) would filter nothing and export every label.
    if (labels && !labels.length) throw new Error('--labels needs a comma-separated list of labels')
    const docstart = conllDocstartOption(values['conll-docstart'] as string | undefined)
    if (docstart !== undefined && format !== 'conll') throw new Error(`--conll-docstart goes with --format conll, not ${format}`)
    const split = values.split !== undefined ? parseSplit(values.split as string) : undefined
    if (values.seed !== undefined && !/^-?\d+$/.test(values.seed as string)) throw new Error(`--seed is a whole number, not ${JSON.stringify(values.seed)}`)
    if (values.seed !== undefined && !split) throw new Error('--seed goes with --split')
    const store = await openWorkspaceForReading(values.db as string | undefined)
    const progress = stderrProgress()
    try {
      const r = await exportDataset(
        store,
        values.out as string,
        {
          format,
          unit,
          annotator: values.annotator as string | undefined,
          gold: values.gold === true,
          includeUnreviewed: values['include-unreviewed'] === true,
          status,
          labels,
          split,
          seed: values.seed !== undefined ? Number(values.seed) : 0,
          conllDocstart: docstart,
        },
        stoppableHooks((p) => progress.update(`exporting: ${p.done} of ${p.total} layers`)),
      )
      progress.done()
      for (const w of r.warnings) out.error(`warning: ${w}`)
      for (const l of r.leftOut) out.error(`left out ${countOf(l.documents, 'document')}: ${l.reason}`)
      for (const f of r.files) out.log(`wrote ${exportedCountText(f.written)} to ${f.path}${f.split ? ` (${f.split})` : ''}`)
      out.log(
        `exported ${countOf(r.layers, 'layer')} (${exportedTotalsText(r)}) as ${format}, offsets in ${unitName(r.unit)}`,
      )
      return 0
    } finally {
      progress.done()
      store.close()
    }
  },
}
