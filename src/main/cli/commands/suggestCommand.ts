import { AnnotatorName } from '../../../shared/domain/model'
import type { Evaluation } from '../../../shared/recommend/recommender'
import { OffsetConverter } from '../../../shared/text/offsets'
import { acceptSuggestions, nonOverlapping } from '../../services/recommend/acceptService'
import { parseRecommenderSpec } from '../../services/recommend/buildRecommenders'
import { evaluate } from '../../services/recommend/evaluateService'
import { suggest } from '../../services/recommend/recommendService'
import type { SuggestionRow, SuggestReport } from '../../services/recommend/recommendService'
import type { Store } from '../../store/store'
import type { CliCommand, CliIo } from '../command'
import { openWorkspace, openWorkspaceForReading } from '../workspaceOption'
import { countOf } from '../../../shared/text/plural'

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

/** --document takes a document's id as files name it (its external id), or its row id. */
function documentIds(store: Store, given: string[]): number[] | undefined {
  if (!given.length) return undefined
  return given.map((g) => {
    const byExternal = store.documents.byExternalId(g)
    if (byExternal) return byExternal.id
    if (/^\d+$/.test(g) && store.documents.byId(Number(g))) return Number(g)
    throw new Error(`--document ${JSON.stringify(g)}: no document with that id in this workspace`)
  })
}

/** --recommender specs, each openai one taking the next --model in order. */
function recommenderConfigs(specs: string[], models: string[]) {
  let m = 0
  return specs.map((s) => parseRecommenderSpec(s, s.startsWith('openai:') ? models[m++] ?? models[models.length - 1] : undefined))
}

function reportProblems(r: Pick<SuggestReport, 'problems'> & Partial<SuggestReport>, out: CliIo): void {
  for (const p of r.problems) out.error(`spanwright suggest: ${p.recommender}: ${p.message}`)
  for (const [name, d] of Object.entries(r.dropped ?? {})) {
    const parts = Object.entries(d).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`)
    if (parts.length) out.error(`note: ${name}: dropped ${parts.join(', ')}`)
  }
  for (const name of r.belowThreshold ?? []) out.error(`note: ${name} is switched off by the workspace's F1 threshold`)
}

const pct = (x: number) => x.toFixed(3)
function evaluationLines(e: Evaluation): string[] {
  const row = (name: string, s: Evaluation['overall']) => `  ${name.padEnd(14)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`
  return [`${e.recommender}: ${countOf(e.documents, 'document')}, ${countOf(e.folds, 'fold')}`, row('overall', e.overall), ...Object.entries(e.perLabel).map(([l, s]) => row(l, s))]
}

export const suggestCommand: CliCommand = {
  name: 'suggest',
  usage:
    'suggest --annotator NAME [--recommender string-matcher|patterns:FILE|english|ls-backend:URL|openai:URL [--model M]]... [--document ID]... [--json] [--evaluate] [--accept-all] [--db FILE]',
  summary: "suggestions from recommenders for an annotator's documents (--json: one per line, code-point offsets); --evaluate scores them; --accept-all pre-annotates",
  options: {
    annotator: { type: 'string' },
    recommender: { type: 'string', multiple: true },
    model: { type: 'string', multiple: true },
    document: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    evaluate: { type: 'boolean', default: false },
    'accept-all': { type: 'boolean', default: false },
    db: { type: 'string' },
  },
  async run({ values, out }) {
    if (values.annotator === undefined) throw new Error('--annotator NAME is required (whose spans the string matcher learns from, whose layer gets the suggestions)')
    const parsedName = AnnotatorName.safeParse(values.annotator)
    if (!parsedName.success) throw new Error(`--annotator: ${parsedName.error.issues[0].message}`)
    const annotator = parsedName.data
    if (values.evaluate && values['accept-all']) throw new Error('--evaluate and --accept-all cannot be combined')
    const configs = recommenderConfigs(asList(values.recommender), asList(values.model))
    const given = configs.length ? configs : undefined
    const db = values.db as string | undefined

    if (values['accept-all']) {
      const store = await openWorkspace(db, { samples: false })
      try {
        const report = await suggest(store, { annotator, documentIds: documentIds(store, asList(values.document)), recommenders: given })
        reportProblems(report, out)
        // A pre-annotation is all of what was asked for or nothing: a recommender that failed would leave a hole.
        if (report.problems.length) {
          out.error('spanwright suggest: nothing was accepted: a recommender could not answer (see above); the workspace is unchanged')
          return 1
        }
        const byDoc = new Map<number, SuggestionRow[]>()
        for (const s of report.suggestions) {
          const list = byDoc.get(s.documentId)
          if (list) list.push(s)
          else byDoc.set(s.documentId, [s])
        }
        let accepted = 0
        let overlapping = 0
        let docs = 0
        store.transaction(() => {
          for (const [id, rows] of byDoc) {
            const chosen = nonOverlapping(rows)
            overlapping += rows.length - chosen.length
            const made = acceptSuggestions(store, id, annotator, chosen)
            accepted += made.length
            if (made.length) docs++
          }
        })
        const line = { accepted, documents: docs, suggestions: report.suggestions.length, overlapping, failed: report.problems.length }
        if (values.json) out.log(JSON.stringify(line))
        else out.log(`accepted ${countOf(accepted, 'suggestion')} into ${annotator}'s layer in ${countOf(docs, 'document')}, in one transaction (${overlapping} left out as overlapping a better one)`)
        return 0
      } finally {
        store.close()
      }
    }

    const store = await openWorkspaceForReading(db)
    try {
      if (values.evaluate) {
        // A reader: scores are printed, not saved (the app saves its own).
        const report = await evaluate(store, { annotator, recommenders: given, save: false })
        reportProblems(report, out)
        if (values.json) out.log(JSON.stringify(report))
        else {
          out.log(`scored against ${countOf(report.documents, 'document')} ${annotator} marked done (exact match)`)
          for (const e of report.evaluations) for (const l of evaluationLines(e)) out.log(l)
          for (const n of report.notes) out.log(`note: ${n}`)
        }
        return report.problems.length ? 1 : 0
      }
      const report = await suggest(store, { annotator, documentIds: documentIds(store, asList(values.document)), recommenders: given })
      const external = new Map<number, string>()
      let conv: OffsetConverter | null = null
      let convDoc = -1
      for (const s of report.suggestions) {
        if (s.documentId !== convDoc) {
          const doc = store.documents.byId((convDoc = s.documentId))!
          conv = new OffsetConverter(doc.text)
          external.set(doc.id, doc.externalId)
        }
        const start = conv!.toUnit(s.start, 'codepoint')
        const end = conv!.toUnit(s.end, 'codepoint')
        const document = external.get(s.documentId)!
        if (values.json) out.log(JSON.stringify({ document, start, end, label: s.label, text: s.text, recommender: s.recommender, score: s.score }))
        else out.log(`${document}\t${start}-${end}\t${s.label}\t${JSON.stringify(s.text)}\t${s.recommender}\t${s.score.toFixed(3)}`)
      }
      reportProblems(report, out)
      if (!values.json) out.error(`${countOf(report.suggestions.length, 'suggestion')}; offsets in code points, end exclusive`)
      return report.problems.length ? 1 : 0
    } finally {
      store.close()
    }
  },
}
