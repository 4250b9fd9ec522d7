// `spanwright agreement` right after importing one corpus under one name (as an outsider does first) printed
// "agreement of brat over 0 documents, 0 tokens", two blank lines, and n/a figures, without saying that agreement
// needs a second annotator's layer. Now the second line says it, and counts read in the singular for one.
import { describe, expect, it } from 'vitest'
import { formatAgreement } from '../../../../src/main/cli/commands/agreementCommand'
import type { AgreementReport } from '../../../../src/shared/agreement/report'

function report(annotators: string[], documents: number, tokens: number): AgreementReport {
  const reasons = { fleissKappa: 'agreement needs at least two annotators', krippendorffAlpha: 'agreement needs at least two annotators' }
  return {
    annotators,
    documents,
    tokens,
    labels: null,
    pairs: [],
    overall: { fleissKappa: null, krippendorffAlpha: null, reasons, fleissTokens: 0, krippendorffTokens: 0, confusion: { labels: [], counts: [] } },
    lowestDocuments: [],
    notes: [],
  } as unknown as AgreementReport
}

describe('agreement of fewer than two annotators', () => {
  it('says that it needs a second layer, with no empty table between', () => {
    const lines = formatAgreement(report(['brat'], 0, 0))
    expect(lines.slice(0, 4)).toEqual([
      'agreement of brat over 0 documents, 0 tokens',
      "only one annotator (brat) has a layer: agreement compares two or more annotators' layers of the same documents (import or annotate another, or name them with --annotators)",
      '',
      "Fleiss' κ           n/a  (0 tokens every annotator saw)",
    ])
  })

  it('no annotator at all says so too; one document is one document', () => {
    expect(formatAgreement(report([], 1, 1)).slice(0, 2)).toEqual([
      'agreement of (no annotators) over 1 document, 1 token',
      "no annotator has a layer: agreement compares two or more annotators' layers of the same documents (import or annotate another, or name them with --annotators)",
    ])
  })
})
