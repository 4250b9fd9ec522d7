// Token-level agreement tags a discontinuous span as its fragments, as the CoNLL and hf exports write it
// (formats/fragmentSpans.ts): the words between the fragments are not part of the span. Before, it tagged the
// covering range, so "and right" in "[left] and right [ventricles]" were I-ANAT in agreement and O in the export.
import { describe, expect, it } from 'vitest'
import { cohenKappa } from '../../../../src/shared/agreement/cohenKappa'
import { AgreementBuilder } from '../../../../src/shared/agreement/corpusAgreement'
import type { LayerInput } from '../../../../src/shared/agreement/corpusAgreement'
import type { MatchSpan } from '../../../../src/shared/agreement/spanMatching'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { spanFixture } from '../../../helpers/spanFixture'
import { encodeAll, makeLayer } from '../formats/formatTestUtil'

const TEXT = 'The left and right ventricles failed.' // The left and right ventricles failed .
const doc = { id: 1, externalId: 'd1', title: 'Heart', text: TEXT }
const at = (w: string): [number, number] => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length]
const LEFT_VENTRICLES: MatchSpan = { start: at('left')[0], end: at('ventricles')[1], label: 'ANAT', fragments: [at('left'), at('ventricles')] }
const RIGHT_VENTRICLES: MatchSpan = { start: at('right')[0], end: at('ventricles')[1], label: 'ANAT' }
const RIGHT: MatchSpan = { start: at('right')[0], end: at('right')[1], label: 'SIDE' }
const layer = (...spans: MatchSpan[]): LayerInput => ({ spans, relations: [] })

/** The hf export's tags of one layer of TEXT (one sentence). */
function hfTags(spans: MatchSpan[]): string[] {
  const l = makeLayer(TEXT, [])
  l.spans = spans.map((s, i) => spanFixture({ id: i + 1, start: s.start, end: s.end, label: s.label, fragments: s.fragments ? s.fragments.map(([a, b]) => [a, b]) : null }))
  const rows = encodeAll(streamCodec('hf'), [l]).out.trim().split('\n')
  expect(rows).toHaveLength(1)
  return (JSON.parse(rows[0]) as { ner_tags: string[] }).ner_tags
}

describe('token agreement over a discontinuous span', () => {
  it('tags its fragments, as the hf export: exact kappa, Fleiss and alpha', () => {
    // a: O B O O B O O (the export's tags); b: O O O B I O O. Po = 4/7; marginals a O5 B2, b O5 B1 I1.
    expect(hfTags([LEFT_VENTRICLES])).toEqual(['O', 'B-ANAT', 'O', 'O', 'B-ANAT', 'O', 'O'])
    const b = new AgreementBuilder(['a', 'b'])
    b.addDocument(doc, [layer(LEFT_VENTRICLES), layer(RIGHT_VENTRICLES)])
    const r = b.report()
    expect(r.tokens).toBe(7)
    expect(r.pairs[0].cohenKappa).toBeCloseTo(cohenKappa(hfTags([LEFT_VENTRICLES]), hfTags([RIGHT_VENTRICLES])).value!, 12)
    // Cohen: (4/7 − 27/49) / (1 − 27/49) = 1/22 (the covering range gave 3/10).
    expect(r.pairs[0].cohenKappa).toBeCloseTo(1 / 22, 12)
    // Scott/Fleiss, pooled O 10/14, B 3/14, I 1/14: (112 − 110) / (196 − 110) = 1/43 (was 1/4).
    expect(r.overall.fleissKappa).toBeCloseTo(1 / 43, 12)
    // Krippendorff, nominal: 1 − (6/14) / (86/182) = 4/43 (was 17/56).
    expect(r.overall.krippendorffAlpha).toBeCloseTo(4 / 43, 12)
    // Span F1 compares the spans themselves: unchanged, no exact match, one overlap match.
    expect([r.pairs[0].spanF1Exact, r.pairs[0].spanF1Overlap]).toEqual([0, 1])
  })

  it('a span on a word between the fragments is tagged, not left out as nested', () => {
    expect(hfTags([LEFT_VENTRICLES, RIGHT])).toEqual(['O', 'B-ANAT', 'O', 'B-SIDE', 'B-ANAT', 'O', 'O'])
    const b = new AgreementBuilder(['a', 'b'])
    b.addDocument(doc, [layer(LEFT_VENTRICLES, RIGHT), layer(LEFT_VENTRICLES, RIGHT)])
    const r = b.report()
    expect(r.notes).toEqual([])
    expect(r.pairs[0].cohenKappa).toBe(1)
    const m = r.pairs[0].confusion
    expect(m.counts[m.labels.indexOf('SIDE')][m.labels.indexOf('SIDE')]).toBe(1)
  })

  it('overlap F1: a span on the words between the fragments shares no character with it', () => {
    const AND_RIGHT: MatchSpan = { start: at('and')[0], end: at('right')[1], label: 'ANAT' }
    const b = new AgreementBuilder(['a', 'b'])
    b.addDocument(doc, [layer(LEFT_VENTRICLES), layer(AND_RIGHT)])
    expect(b.report().pairs[0].spanF1Overlap).toBe(0)
  })
})
