import { afterEach, describe, expect, it } from 'vitest'
import { cohenKappa } from '../../../../../src/shared/agreement/cohenKappa'
import { GOLD_ANNOTATOR } from '../../../../../src/shared/domain/model'
import { bioTags } from '../../../../../src/shared/text/bioTags'
import { tokenize } from '../../../../../src/shared/text/tokenizer'
import { computeAgreement, defaultAnnotators } from '../../../../../src/main/services/review/agreementService'
import type { Store } from '../../../../../src/main/store/store'
import { tempStore } from '../../../../helpers/tempWorkspace'

let open: Store[] = []
afterEach(() => {
  for (const s of open) s.close()
  open = []
})

function workspace() {
  const { store } = tempStore()
  open.push(store)
  const put = (docId: number, annotator: string, spans: [number, number, string][], rels: [number, number, string][] = []) => {
    const a = store.annotators.ensure(annotator, annotator === GOLD_ANNOTATOR ? 'gold' : 'human')
    const ids = spans.map(([start, end, label]) =>
      store.spans.insert({ documentId: docId, annotatorId: a.id, labelId: store.labels.byName('entity', label)!.id, start, end }),
    )
    for (const [h, t, label] of rels) {
      store.relations.insert({ documentId: docId, annotatorId: a.id, labelId: store.labels.byName('relation', label)!.id, headId: ids[h], tailId: ids[t] })
    }
  }
  return { store, put }
}

const TEXT1 = 'Kerry met Michel in Brussels.'
const TEXT2 = 'NATO opened an office in Kabul.'

describe('computeAgreement over a real store', () => {
  it('compares the human layers document by document, skipping gold and a document one annotator never opened', () => {
    const { store, put } = workspace()
    const d1 = store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT1, meta: {} })
    const d2 = store.documents.insert({ externalId: 'd2', title: 'Two', text: TEXT2, meta: {} })
    store.documents.insert({ externalId: 'd3', title: 'Untouched', text: 'Nothing here.', meta: {} })
    put(d1, 'alice', [[0, 5, 'PERSON'], [10, 16, 'PERSON'], [20, 28, 'GPE']], [[0, 1, 'PART_OF']])
    put(d1, 'bob', [[0, 5, 'PERSON'], [10, 16, 'ORG'], [20, 28, 'GPE']], [[0, 1, 'PART_OF']])
    put(d1, GOLD_ANNOTATOR, [[0, 5, 'PERSON']])
    put(d2, 'alice', [[0, 4, 'ORG'], [25, 30, 'GPE']], [[0, 1, 'LOCATED_IN']])
    // bob never opened d2; carol opened it (a status row) and labelled nothing.
    store.documents.setStatus(d2, store.annotators.ensure('carol').id, 'done')

    expect(defaultAnnotators(store)).toEqual(['alice', 'bob', 'carol'])
    const r = computeAgreement(store)
    expect(r.annotators).toEqual(['alice', 'bob', 'carol'])
    expect(r.documents).toBe(2)
    expect(r.tokens).toBe(tokenize(TEXT1).length + tokenize(TEXT2).length)
    const ab = r.pairs.find((p) => p.a === 'alice' && p.b === 'bob')!
    // d1 only: exact tp 2 of 3 + 3 → 4/6; the relation has the same label between the same extents, so it agrees
    // though its tail (Michel) is PERSON for alice and ORG for bob: that is counted once, in span F1 (relationIdentity.ts).
    expect(ab.documents).toBe(1)
    expect(ab.spanF1Exact).toBeCloseTo(4 / 6, 12)
    expect(ab.relationF1).toBe(1)
    const t = tokenize(TEXT1)
    const tagsOf = (spans: [number, number, string][]) => bioTags(t, spans.map(([start, end, label]) => ({ start, end, label }))).tags
    const expected = cohenKappa(tagsOf([[0, 5, 'PERSON'], [10, 16, 'PERSON'], [20, 28, 'GPE']]), tagsOf([[0, 5, 'PERSON'], [10, 16, 'ORG'], [20, 28, 'GPE']]))
    expect(ab.cohenKappa).toBeCloseTo(expected.value!, 12)
    expect(ab.perLabel.PERSON).toMatchObject({ spanF1Exact: 2 / 3, spansA: 2, spansB: 1 })
    const ac = r.pairs.find((p) => p.a === 'alice' && p.b === 'carol')!
    // d2 only: alice has 2 spans, carol none.
    expect(ac).toMatchObject({ documents: 1, spanF1Exact: 0, relationF1: 0 })
    const bc = r.pairs.find((p) => p.a === 'bob' && p.b === 'carol')!
    expect(bc).toMatchObject({ documents: 0, spanF1Exact: null, cohenKappa: null })
    expect(bc.reasons.cohenKappa).toMatch(/never opened the same document/)
    // Nobody opened every document with the others: Fleiss has no tokens; alpha uses all of them.
    expect(r.overall.fleissKappa).toBeNull()
    expect(r.overall.reasons.fleissKappa).toMatch(/every annotator/)
    expect(r.overall.krippendorffTokens).toBe(r.tokens)
    expect(r.overall.krippendorffAlpha).not.toBeNull()
    expect(r.lowestDocuments.map((d) => d.title)).toEqual(['Two', 'One'])
  })

  it('filters by annotators, labels and documents', () => {
    const { store, put } = workspace()
    const d1 = store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT1, meta: {} })
    const d2 = store.documents.insert({ externalId: 'd2', title: 'Two', text: TEXT2, meta: {} })
    put(d1, 'alice', [[0, 5, 'PERSON'], [20, 28, 'GPE']])
    put(d1, 'bob', [[0, 5, 'PERSON'], [20, 28, 'LOC']])
    put(d2, 'alice', [[0, 4, 'ORG']])
    put(d2, 'bob', [[0, 4, 'NORP']])
    put(d1, 'carol', [[0, 5, 'ORG']])
    const r = computeAgreement(store, { annotators: ['alice', 'bob'], labels: ['PERSON'] })
    expect(r.pairs).toHaveLength(1)
    expect(r.pairs[0].spanF1Exact).toBe(1)
    expect(Object.keys(r.pairs[0].perLabel)).toEqual(['PERSON'])
    const only2 = computeAgreement(store, { annotators: ['alice', 'bob'], documentIds: [d2] })
    expect(only2.documents).toBe(1)
    expect(only2.pairs[0].spanF1Exact).toBe(0)
  })

  it('names an unknown annotator, label or document in a clear error', () => {
    const { store } = workspace()
    expect(() => computeAgreement(store, { annotators: ['alice', 'nobody'] })).toThrow(/no annotator named "alice"/)
    store.annotators.ensure('alice')
    store.annotators.ensure('bob')
    expect(() => computeAgreement(store, { annotators: ['alice', 'bob'], labels: ['PERSON', 'WIDGET'] })).toThrow(/no entity label named "WIDGET"/)
    expect(() => computeAgreement(store, { annotators: ['alice', 'bob'], documentIds: [999] })).toThrow(/no document with id 999/)
  })

  it('an empty workspace gives nulls with reasons, not an error', () => {
    const { store } = workspace()
    const r = computeAgreement(store)
    expect(r).toMatchObject({ annotators: [], documents: 0, tokens: 0, pairs: [], overall: { fleissKappa: null, krippendorffAlpha: null } })
    expect(r.overall.reasons.krippendorffAlpha).toMatch(/two annotators/)
  })
})
