import type { AgreementReport, FigureValue, Reasons } from '../../../shared/agreement/report'
import { computeAgreement } from '../../services/review/agreementService'
import { countOf } from '../../../shared/text/plural'
import type { CliCommand } from '../command'
import { stopAsked } from '../jobStop'
import { openWorkspaceForReading } from '../workspaceOption'

/** `a,b,c` → ['a', 'b', 'c'] (blank items dropped); undefined stays undefined. */
function list(value: string | boolean | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined
  const items = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (!items.length) throw new Error(`--${option} needs a comma-separated list`)
  return items
}

const fmt = (x: FigureValue) => (x === null ? 'n/a' : x.toFixed(3))

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd())
}

function reasonLines(prefix: string, reasons: Reasons): string[] {
  return Object.entries(reasons).map(([name, why]) => `  ${prefix}${name}: ${why}`)
}

/** The report as a plain-text table, the same figures as --json. */
export function formatAgreement(r: AgreementReport): string[] {
  // Right after a first import under one name: say what is missing, not a header over 0 documents and n/a figures.
  if (r.annotators.length < 2) {
    const who = r.annotators.length ? `only one annotator (${r.annotators[0]}) has` : 'no annotator has'
    return [
      `${who} a layer${r.labels ? ` (labels: ${r.labels.join(', ')})` : ''}: agreement compares two or more annotators' layers of the same documents (import or annotate another, or name them with --annotators)`,
      ...r.notes.map((n) => `note: ${n}`),
    ]
  }
  const out = [
    `agreement of ${r.annotators.join(', ')} over ${countOf(r.documents, 'document')}, ${countOf(r.tokens, 'token')}` + (r.labels ? ` (labels: ${r.labels.join(', ')})` : ''),
  ]
  if (r.pairs.length) {
    out.push(
      '',
      ...table([
        ['pair', 'docs', 'span F1 exact', 'span F1 overlap', 'relation F1', "Cohen's κ"],
        ...r.pairs.map((p) => [`${p.a} × ${p.b}`, String(p.documents), fmt(p.spanF1Exact), fmt(p.spanF1Overlap), fmt(p.relationF1), fmt(p.cohenKappa)]),
      ]),
    )
    const labels = [...new Set(r.pairs.flatMap((p) => Object.keys(p.perLabel)))].sort()
    if (labels.length) {
      out.push('', 'span F1 per label (exact / overlap)')
      out.push(
        ...table([
          ['label', ...r.pairs.map((p) => `${p.a} × ${p.b}`)],
          ...labels.map((l) => [l, ...r.pairs.map((p) => (p.perLabel[l] ? `${fmt(p.perLabel[l].spanF1Exact)} / ${fmt(p.perLabel[l].spanF1Overlap)}` : 'n/a'))]),
        ]),
      )
    }
  }
  out.push('', `Fleiss' κ           ${fmt(r.overall.fleissKappa)}  (${r.overall.fleissTokens} tokens every annotator saw)`)
  out.push(`Krippendorff's α    ${fmt(r.overall.krippendorffAlpha)}  (${r.overall.krippendorffTokens} tokens, nominal, BIO tags)`)
  const why = [...r.pairs.flatMap((p) => reasonLines(`${p.a} × ${p.b} `, p.reasons)), ...reasonLines('', r.overall.reasons)]
  if (why.length) out.push('', 'n/a means undefined:', ...why)
  if (r.lowestDocuments.length) {
    out.push('', 'lowest agreement (mean pairwise exact span F1):')
    for (const d of r.lowestDocuments.slice(0, 5)) out.push(`  ${d.score.toFixed(3)}  #${d.id} ${d.externalId}  ${d.title}`)
  }
  for (const n of r.notes) out.push(`note: ${n}`)
  return out
}

export const agreementCommand: CliCommand = {
  name: 'agreement',
  usage: 'agreement [--db FILE] [--annotators a,b,c] [--labels A,B] [--json]',
  summary: "inter-annotator agreement: span and relation F1, Cohen's and Fleiss' kappa, Krippendorff's alpha",
  options: { db: { type: 'string' }, annotators: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean', default: false } },
  async run({ values, out }) {
    const annotators = list(values.annotators, 'annotators')
    const labels = list(values.labels, 'labels')
    const store = await openWorkspaceForReading(values.db as string | undefined)
    try {
      const report = computeAgreement(store, { annotators, labels }, { shouldStop: stopAsked })
      if (values.json) out.log(JSON.stringify(report))
      else for (const line of formatAgreement(report)) out.log(line)
      return 0
    } finally {
      store.close()
    }
  },
}
