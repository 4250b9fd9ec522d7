// Agreement over a real store reads a discontinuous span's fragments (AgreementLayerReader), so its token
// figures tag the fragments, as the CoNLL/hf exports do, not the words between them (failed before: 3/10).
import { expect, it } from 'vitest'
import { computeAgreement } from '../../../../../src/main/services/review/agreementService'
import { tempStore } from '../../../../helpers/tempWorkspace'

it('token kappa of a discontinuous span against a contiguous one counts its fragments only', () => {
  const { store } = tempStore()
  try {
    const text = 'The left and right ventricles failed.'
    const at = (w: string): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length]
    const d = store.documents.insert({ externalId: 'heart', title: 'Heart', text, meta: {} })
    const label = store.labels.byName('entity', 'PERSON')!.id
    const a = store.annotators.ensure('alice', 'human').id
    const b = store.annotators.ensure('bob', 'human').id
    store.spans.insert({ documentId: d, annotatorId: a, labelId: label, start: at('left')[0], end: at('ventricles')[1], fragments: [at('left'), at('ventricles')] })
    store.spans.insert({ documentId: d, annotatorId: b, labelId: label, start: at('right')[0], end: at('ventricles')[1] })
    const r = computeAgreement(store)
    // alice O B O O B O O, bob O O O B I O O (unit test discontinuousTokens: Cohen 1/22, alpha 4/43).
    expect(r.pairs[0].cohenKappa).toBeCloseTo(1 / 22, 12)
    expect(r.overall.krippendorffAlpha).toBeCloseTo(4 / 43, 12)
  } finally {
    store.close()
  }
})
