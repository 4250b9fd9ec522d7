import { describe, expect, it } from 'vitest'
import { cohenKappa } from '../../../../src/shared/agreement/cohenKappa'
import { AgreementBuilder } from '../../../../src/shared/agreement/corpusAgreement'
import { fleissKappaOfRatings } from '../../../../src/shared/agreement/fleissKappa'
import { krippendorffAlphaNominal } from '../../../../src/shared/agreement/krippendorffAlpha'
import { bioTags } from '../../../../src/shared/text/bioTags'
import { tokenize } from '../../../../src/shared/text/tokenizer'

const doc = (id: number, text: string) => ({ id, externalId: `d${id}`, title: `Doc ${id}`, text })
const sp = (start: number, end: number, label: string) => ({ start, end, label })
const layer = (...spans: ReturnType<typeof sp>[]) => ({ spans, relations: [] })

const TEXT = 'Kerry met Michel in Brussels.' // tokens: Kerry met Michel in Brussels .
const KERRY = sp(0, 5, 'PERSON')
const MICHEL = sp(10, 16, 'PERSON')
const BRUSSELS = sp(20, 28, 'GPE')

describe('AgreementBuilder', () => {
  it('perfect agreement: every figure is 1', () => {
    const b = new AgreementBuilder(['a', 'b', 'c'])
    const l = layer(KERRY, MICHEL, BRUSSELS)
    b.addDocument(doc(1, TEXT), [l, l, l])
    const r = b.report()
    expect(r).toMatchObject({ annotators: ['a', 'b', 'c'], documents: 1, tokens: 6 })
    expect(r.pairs).toHaveLength(3)
    for (const p of r.pairs) expect(p).toMatchObject({ spanF1Exact: 1, spanF1Overlap: 1, cohenKappa: 1, relationF1: null })
    expect(r.pairs[0].reasons.relationF1).toMatch(/no.*relations|neither annotator has any relations/)
    expect(r.overall.fleissKappa).toBeCloseTo(1, 12)
    expect(r.overall.krippendorffAlpha).toBeCloseTo(1, 12)
    expect(r.pairs[0].perLabel.PERSON).toMatchObject({ spanF1Exact: 1, spansA: 2, spansB: 2 })
  })

  it('token figures equal the coefficients computed directly on the BIO tags', () => {
    const b = new AgreementBuilder(['a', 'b', 'c'])
    const la = layer(KERRY, MICHEL, BRUSSELS)
    const lb = layer(sp(0, 16, 'PERSON'), BRUSSELS) // "Kerry met Michel" as one span
    const lc = layer(KERRY, sp(20, 28, 'LOC'))
    b.addDocument(doc(1, TEXT), [la, lb, lc])
    const r = b.report()
    const tokens = tokenize(TEXT)
    const [ta, tb, tc] = [la, lb, lc].map((l) => bioTags(tokens, l.spans).tags)
    expect(r.pairs[0].cohenKappa).toBeCloseTo(cohenKappa(ta, tb).value!, 12)
    expect(r.pairs[1].cohenKappa).toBeCloseTo(cohenKappa(ta, tc).value!, 12)
    expect(r.overall.fleissKappa).toBeCloseTo(fleissKappaOfRatings(tokens.map((_, i) => [ta[i], tb[i], tc[i]])).value!, 12)
    expect(r.overall.krippendorffAlpha).toBeCloseTo(krippendorffAlphaNominal([ta, tb, tc]).value!, 12)
    // a vs b: exact tp 1 (Brussels) of 3 + 2 → 2/5; overlap: Kerry–(0,16) and Brussels → 4/5
    expect(r.pairs[0].spanF1Exact).toBeCloseTo(2 / 5, 12)
    expect(r.pairs[0].spanF1Overlap).toBeCloseTo(4 / 5, 12)
    // The confusion matrix: a's GPE token is b's GPE and c's LOC.
    const m = r.pairs[1].confusion
    expect(m.counts[m.labels.indexOf('GPE')][m.labels.indexOf('LOC')]).toBe(1)
    expect(r.lowestDocuments[0]).toMatchObject({ id: 1, title: 'Doc 1' })
  })

  it('6 annotators (token patterns packed) and 12 (too many to pack) give the textbook alpha and Fleiss', () => {
    const six = [
      layer(KERRY, MICHEL, BRUSSELS),
      layer(KERRY, BRUSSELS),
      layer(sp(0, 16, 'PERSON')),
      layer(KERRY, sp(20, 28, 'LOC')),
      layer(MICHEL),
      layer(KERRY, MICHEL, BRUSSELS),
    ]
    for (const layers of [six, [...six, ...six]]) {
      const b = new AgreementBuilder(layers.map((_, i) => `ann${i}`))
      b.addDocument(doc(1, TEXT), layers)
      const r = b.report()
      const tokens = tokenize(TEXT)
      const tags = layers.map((l) => bioTags(tokens, l.spans).tags)
      expect(r.pairs).toHaveLength((layers.length * (layers.length - 1)) / 2)
      expect(r.overall.krippendorffAlpha).toBeCloseTo(krippendorffAlphaNominal(tags).value!, 12)
      expect(r.overall.fleissKappa).toBeCloseTo(fleissKappaOfRatings(tokens.map((_, i) => tags.map((t) => t[i]))).value!, 12)
    }
  })

  it('total disagreement gives negative kappa and zero F1', () => {
    const b = new AgreementBuilder(['a', 'b'])
    b.addDocument(doc(1, 'x y'), [layer(sp(0, 1, 'ORG')), layer(sp(2, 3, 'ORG'))])
    const r = b.report()
    expect(r.pairs[0].spanF1Exact).toBe(0)
    expect(r.pairs[0].spanF1Overlap).toBe(0)
    expect(r.pairs[0].cohenKappa!).toBeLessThan(0)
    expect(r.overall.krippendorffAlpha!).toBeLessThan(0)
  })

  it('a single label everywhere: kappa and alpha are null with reasons, never NaN', () => {
    const b = new AgreementBuilder(['a', 'b'])
    b.addDocument(doc(1, TEXT), [layer(), layer()])
    const r = b.report()
    expect(r.pairs[0].cohenKappa).toBeNull()
    expect(r.pairs[0].reasons.cohenKappa).toMatch(/expected agreement is 1/)
    expect(r.overall.fleissKappa).toBeNull()
    expect(r.overall.reasons.fleissKappa).toMatch(/single category/)
    expect(r.overall.krippendorffAlpha).toBeNull()
    expect(r.overall.reasons.krippendorffAlpha).toMatch(/same category/)
    expect(JSON.stringify(r)).not.toMatch(/NaN/)
  })

  it('a document one annotator never opened: left out of their pairs and of Fleiss, missing for alpha', () => {
    const b = new AgreementBuilder(['a', 'b', 'c'])
    const l1 = layer(KERRY, MICHEL)
    b.addDocument(doc(1, TEXT), [l1, l1, layer(KERRY, BRUSSELS)])
    b.addDocument(doc(2, 'Michel left.'), [layer(sp(0, 6, 'PERSON')), layer(sp(0, 6, 'ORG')), null])
    b.addDocument(doc(3, 'Nobody here.'), [layer(), null, null]) // only one opened: not compared
    const r = b.report()
    expect(r.documents).toBe(2)
    expect(r.tokens).toBe(6 + 3)
    const ac = r.pairs.find((p) => p.a === 'a' && p.b === 'c')!
    expect(ac.documents).toBe(1)
    expect(ac.tokens).toBe(6)
    const ab = r.pairs.find((p) => p.a === 'a' && p.b === 'b')!
    expect(ab.documents).toBe(2)
    expect(ab.spanF1Exact).toBeCloseTo(4 / 6, 12)
    expect(r.overall.fleissTokens).toBe(6)
    expect(r.overall.krippendorffTokens).toBe(9)
    // Alpha equals the textbook formula with c's values missing on document 2.
    const tag = (text: string, l: { spans: { start: number; end: number; label: string }[] } | null, n: number) =>
      l ? bioTags(tokenize(text), l.spans).tags : new Array<string | null>(n).fill(null)
    const rows = [
      [...tag(TEXT, l1, 6), ...tag('Michel left.', layer(sp(0, 6, 'PERSON')), 3)],
      [...tag(TEXT, l1, 6), ...tag('Michel left.', layer(sp(0, 6, 'ORG')), 3)],
      [...tag(TEXT, layer(KERRY, BRUSSELS), 6), ...tag('Michel left.', null, 3)],
    ]
    expect(r.overall.krippendorffAlpha).toBeCloseTo(krippendorffAlphaNominal(rows).value!, 12)
  })

  it('a label filter drops other labels and the relations that touch them', () => {
    const b = new AgreementBuilder(['a', 'b'], { labels: ['PERSON'] })
    const l = { spans: [KERRY, BRUSSELS, MICHEL], relations: [{ head: 0, tail: 1, label: 'LOCATED_IN' }, { head: 0, tail: 2, label: 'PART_OF' }] }
    const m = { spans: [KERRY, MICHEL], relations: [{ head: 0, tail: 1, label: 'PART_OF' }] }
    b.addDocument(doc(1, TEXT), [l, m])
    const r = b.report()
    expect(Object.keys(r.pairs[0].perLabel)).toEqual(['PERSON'])
    expect(r.pairs[0].spanF1Exact).toBe(1)
    expect(r.pairs[0].relationF1).toBe(1)
    expect(r.labels).toEqual(['PERSON'])
  })

  it('with fewer than two annotators the overall figures are null with a reason', () => {
    const r = new AgreementBuilder(['a']).report()
    expect(r.pairs).toEqual([])
    expect(r.overall.reasons.fleissKappa).toMatch(/two annotators/)
  })
})
