import { describe, expect, it } from 'vitest'
import { AgreementBuilder } from '../../../../src/shared/agreement/corpusAgreement'
import { summarize } from '../../../../src/shared/recommend/evaluation'

/**
 * Label names are free text without spaces, so `__proto__`, `constructor` and
 * `toString` are valid labels (a software-NER corpus may well have one). Kept
 * as keys of plain objects, `perLabel['__proto__'] = …` set the object's
 * prototype instead of a property, so the agreement report and a
 * recommender's evaluation lost that label (seen through `spanwright
 * agreement --json`). The label palette's case is in
 * test/unit/renderer/features/annotate/labelPaletteCounts.test.ts.
 */

const TEXT = 'Kerry met Michel in Paris'
const sp = (start: number, end: number, label: string) => ({ start, end, label })

describe('labels named like Object.prototype keys', () => {
  it('the agreement report has every label, __proto__ included', () => {
    const b = new AgreementBuilder(['alice', 'bob'])
    b.addDocument({ id: 1, externalId: 'd1', title: 'd1', text: TEXT }, [
      { spans: [sp(0, 5, 'constructor'), sp(10, 16, '__proto__'), sp(20, 25, 'toString')], relations: [] },
      { spans: [sp(0, 5, 'constructor'), sp(10, 16, 'hasOwnProperty'), sp(20, 25, 'toString')], relations: [] },
    ])
    const perLabel = b.report().pairs[0].perLabel
    expect(Object.keys(perLabel).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])
    expect(Object.getPrototypeOf(perLabel)).toBe(Object.prototype)
    expect(perLabel['__proto__']).toMatchObject({ spanF1Exact: 0, spansA: 1, spansB: 0 })
    expect(perLabel.constructor).toMatchObject({ spanF1Exact: 1, spansA: 1, spansB: 1 })
    // As the API sends it (JSON), and as the dashboard reads it back.
    expect(Object.keys(JSON.parse(JSON.stringify(perLabel)) as object).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])
  })

  it("a recommender's evaluation keeps a label named __proto__", () => {
    const e = summarize('x', 1, 1, new Map([['__proto__', [1, 0, 1] as [number, number, number]], ['toString', [2, 0, 0] as [number, number, number]]]))
    expect(Object.keys(e.perLabel)).toEqual(['__proto__', 'toString'])
    expect(e.perLabel['__proto__'].precision).toBe(1)
  })
})
