// `spanwright agreement` right after importing one corpus under one name (as an outsider does first) printed
// "agreement of brat over 0 documents, 0 tokens", two blank lines, and n/a figures, without saying that agreement
// needs a second annotator's layer. Now it says only that (and any notes): no header over 0 documents, no n/a figures.
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
  it('says that it needs a second layer, and nothing of empty figures', () => {
    expect(formatAgreement(report(['brat'], 0, 0))).toEqual([
      "only one annotator (brat) has a layer: agreement compares two or more annotators' layers of the same documents (import or annotate another, or name them with --annotators)",
    ])
  })

  it('no annotator at all says so too, with the labels asked for and the notes', () => {
    expect(formatAgreement({ ...report([], 1, 1), labels: ['PER'], notes: ['1 document has no text'] } as AgreementReport)).toEqual([
      "no annotator has a layer (labels: PER): agreement compares two or more annotators' layers of the same documents (import or annotate another, or name them with --annotators)",
      'note: 1 document has no text',
    ])
  })
})
