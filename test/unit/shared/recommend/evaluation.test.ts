import { describe, expect, it } from 'vitest'
import { countMatches, documentFolds, evaluateRecommender, summarize } from '../../../../src/shared/recommend/evaluation'
import { StringMatcher } from '../../../../src/shared/recommend/stringMatcher'
import type { GoldDocument } from '../../../../src/shared/recommend/recommender'

const doc = (id: number, text: string, spans: [string, string][]): GoldDocument => ({
  id,
  text,
  spans: spans.map(([s, label]) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label })),
})

describe('evaluation', () => {
  it('deals documents into folds, each in exactly one test set and never trained on there', () => {
    const docs = Array.from({ length: 7 }, (_, i) => doc(i, `d${i}`, []))
    const folds = documentFolds(docs, 3)
    expect(folds).toHaveLength(3)
    expect(folds.flatMap((f) => f.test.map((d) => d.id)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(7)
      expect(f.train.some((d) => f.test.includes(d))).toBe(false)
    }
    expect(documentFolds(docs.slice(0, 2), 5)).toHaveLength(2)
    expect(documentFolds(docs.slice(0, 1), 5)).toEqual([])
  })

  it('counts exact matches per label: boundary or label differences are both an error', () => {
    const counts = new Map<string, [number, number, number]>()
    const gold = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 15, label: 'LOC' }, { start: 20, end: 25, label: 'LOC' }]
    const pred = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 14, label: 'LOC' }, { start: 20, end: 25, label: 'ORG' }]
    countMatches(gold, pred, counts)
    const e = summarize('x', 1, 1, counts)
    expect(e.perLabel.PER).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 })
    expect(e.perLabel.LOC).toMatchObject({ tp: 0, fp: 1, fn: 2, f1: 0 })
    expect(e.perLabel.ORG).toMatchObject({ tp: 0, fp: 1, fn: 0 })
    expect(e.overall).toMatchObject({ tp: 1, fp: 2, fn: 2 })
    expect(e.overall.precision).toBeCloseTo(1 / 3)
    expect(e.overall.f1).toBeCloseTo(1 / 3)
  })

  it('cross-validates a learner without leaking a test document into its training', () => {
    const docs = [
      doc(1, 'Oslo is cold.', [['Oslo', 'LOC']]),
      doc(2, 'Oslo and Bergen.', [['Oslo', 'LOC'], ['Bergen', 'LOC']]),
      doc(3, 'Only Tromsø here.', [['Tromsø', 'LOC']]),
    ]
    const e = evaluateRecommender(() => new StringMatcher(), documentFolds(docs, 3))
    // Oslo is found in docs 1 and 2 (learned from the other); Bergen and Tromsø occur once, so never.
    expect(e.overall).toMatchObject({ tp: 2, fp: 0, fn: 2 })
    expect(e.documents).toBe(3)
    expect(e.folds).toBe(3)
    expect(new StringMatcher().evaluate(documentFolds(docs, 3))).toEqual(e)
  })
})
