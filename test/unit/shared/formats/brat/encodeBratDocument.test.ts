import { describe, expect, it } from 'vitest'
import type { Relation, Span } from '../../../../../src/shared/domain/model'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'
import { encodeBratDocument } from '../../../../../src/shared/formats/brat/encodeBratDocument'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'

/** What the store would hand the exporter for a decoded record: ids 1.., the same fields. */
function layerOf(r: ImportRecord): ExportLayer {
  const spans: Span[] = r.spans.map((s, i) => ({
    id: i + 1,
    documentId: 1,
    annotator: 'a',
    label: s.label,
    start: s.start,
    end: s.end,
    fragments: s.fragments,
    kind: s.kind ?? 'entity',
    attributes: s.attributes,
    note: s.note,
    norm: s.norm,
    normText: s.normText ?? null,
    sourceId: s.sourceId,
    createdAt: '',
  }))
  const relations: Relation[] = r.relations.map((x, i) => ({
    id: 100 + i,
    documentId: 1,
    annotator: 'a',
    label: x.label,
    headId: x.head + 1,
    tailId: x.tail + 1,
    kind: x.kind ?? 'binary',
    attributes: x.attributes,
    note: x.note,
    sourceId: x.sourceId,
    createdAt: '',
  }))
  return { externalId: r.externalId, title: r.title, text: r.text, meta: {}, annotator: 'a', status: null, spans, relations }
}

function roundTrip(text: string, ann: string): string {
  const { record, errors } = decodeBratDocument(text, ann, { file: 'x.ann', externalId: 'x' })
  expect(errors).toEqual([])
  const out = encodeBratDocument(layerOf(record!))
  expect(out.txt).toBe(text)
  return out.ann
}

describe('encodeBratDocument', () => {
  it('writes every line kind back, in brat order, with fresh ids', () => {
    const text = 'Acme merged Bolt; Kerry 😀 said so.'
    const ann = [
      'T1\tOrg 0 4\tAcme',
      'T2\tMerge-org 5 11\tmerged',
      'T3\tOrg 12 16\tBolt',
      'T4\tPerson 18 23\tKerry',
      'T5\tReport 26 30\tsaid',
      'E1\tMerge-org:T2 Org-Arg:T1 Org-Arg2:T3',
      'E2\tReport:T5 Reporter-Arg:T4 Event-Arg:E1',
      'R1\tOwns Arg1:T4 Arg2:T1\t',
      '*\tAlias T1 T3',
      'A1\tNegation E1',
      'A2\tConfidence E2 High',
      'A3\tIndividual T4',
      'A4\tSure R1',
      'N1\tReference T4 Wikipedia:534366\tJohn Kerry',
      '#1\tAnnotatorNotes T1\tthe company',
      '#2\tAnnotatorNotes E1\tone event?',
      '#3\tAnnotatorNotes R1\tstated?',
    ].join('\n')
    expect(roundTrip(text, ann)).toBe(
      [
        'T1\tOrg 0 4\tAcme',
        'T2\tMerge-org 5 11\tmerged',
        'T3\tOrg 12 16\tBolt',
        'T4\tPerson 18 23\tKerry',
        'T5\tReport 26 30\tsaid',
        'E1\tMerge-org:T2 Org-Arg:T1 Org-Arg2:T3',
        'E2\tReport:T5 Reporter-Arg:T4 Event-Arg:E1',
        'R1\tOwns Arg1:T4 Arg2:T1\t',
        '*\tAlias T1 T3',
        'A1\tNegation E1',
        'A2\tIndividual T4',
        'A3\tConfidence E2 High',
        'A4\tSure R1',
        'N1\tReference T4 Wikipedia:534366\tJohn Kerry',
        '#1\tAnnotatorNotes T1\tthe company',
        '#2\tAnnotatorNotes E1\tone event?',
        '#3\tAnnotatorNotes R1\tstated?',
        '',
      ].join('\n'),
    )
  })

  it('writes code point offsets after astral characters, and discontinuous fragments', () => {
    const text = '😀 Kerry and 👩‍👩‍👧 Michel'
    const ann = 'T1\tPerson 2 7;18 24\tKerry Michel'
    expect(roundTrip(text, ann)).toBe(`${ann}\n`)
  })

  it('keeps equivalence sets in their order as read; links made elsewhere merge into sets that share a member', () => {
    const text = 'a b c d e'
    const ann = ['T1\tX 0 1\ta', 'T2\tX 2 3\tb', 'T3\tX 4 5\tc', 'T4\tX 6 7\td', 'T5\tX 8 9\te', '*\tAlias T3 T1 T2', '*\tAlias T4 T5'].join('\n')
    expect(roundTrip(text, ann).split('\n').filter((l) => l.startsWith('*'))).toEqual(['*\tAlias T3 T1 T2', '*\tAlias T4 T5'])
    const layer = layerOf(decodeBratDocument(text, ann, { file: 'x', externalId: 'x' }).record!)
    layer.relations.push({ ...layer.relations[0], id: 999, headId: 2, tailId: 4, sourceId: null }) // joins the two sets
    // The lines read come back as read; the new link is a line of its own (brat reads overlapping sets as one).
    expect(encodeBratDocument(layer).ann.split('\n').filter((l) => l.startsWith('*'))).toEqual(['*\tAlias T3 T1 T2', '*\tAlias T4 T5', '*\tAlias T2 T4'])
    // Links with no line of their own (made in the app) are grouped into connected sets.
    layer.relations = layer.relations.map((r) => ({ ...r, sourceId: null }))
    expect(encodeBratDocument(layer).ann.split('\n').filter((l) => l.startsWith('*'))).toEqual(['*\tAlias T3 T1 T2 T4 T5'])
  })

  it('writes an empty .ann for an empty layer and keeps notes on one line', () => {
    const layer = layerOf(decodeBratDocument('Hi there', '', { file: 'x', externalId: 'x' }).record!)
    expect(encodeBratDocument(layer)).toEqual({ txt: 'Hi there', ann: '' })
    const one = layerOf(decodeBratDocument('Hi there', 'T1\tX 0 2\tHi', { file: 'x', externalId: 'x' }).record!)
    one.spans[0].note = 'two\nlines\tand a tab'
    one.spans[0].attributes = { Done: false, Score: 3 }
    expect(encodeBratDocument(one).ann).toBe('T1\tX 0 2\tHi\nA1\tScore T1 3\n#1\tAnnotatorNotes T1\ttwo lines\tand a tab\n')
  })
})
