import { describe, expect, it } from 'vitest'
import type { Relation, Span } from '../../../../../src/shared/domain/model'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'
import { encodeBratDocument } from '../../../../../src/shared/formats/brat/encodeBratDocument'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { formatLineError } from '../../../../../src/shared/formats/importRecord'
import { compareAnn } from '../../../../helpers/bratCompare'

/**
 * The brat standoff class beyond one event per trigger: several events on one
 * trigger, an event typed apart from its T, events as arguments of events,
 * numbered roles, M lines, attribute names that are Object's own, T ids of
 * triggers named directly. Each is decoded, handed to the encoder as the store
 * would (ids 1.., trigger index as triggerId), and must come back line for line.
 */

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
    ...(s.trigger !== undefined ? { triggerId: s.trigger + 1 } : {}),
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
  return { externalId: r.externalId, title: r.title, text: r.text, meta: r.meta, annotator: 'a', status: null, spans, relations }
}

function decode(text: string, ann: string): ImportRecord {
  const { record, errors } = decodeBratDocument(text, ann, { file: 'doc.ann', externalId: 'doc' })
  expect(errors.map(formatLineError)).toEqual([])
  return record!
}

/** Decodes, encodes, and returns the differences (none expected). */
function roundTrip(text: string, ann: string): { missing: string[]; extra: string[] } {
  const out = encodeBratDocument(layerOf(decode(text, ann)))
  expect(out.txt).toBe(text)
  const { missing, extra } = compareAnn(ann, out.ann)
  return { missing, extra }
}

const NONE = { missing: [], extra: [] }
const TEXT = 'Expression of p50 and p65 was not induced by TNF binding.'
//            0         1         2         3         4         5
//            0123456789012345678901234567890123456789012345678901234567
const ENTS = ['T1\tProtein 14 17\tp50', 'T2\tProtein 22 25\tp65', 'T3\tProtein 45 48\tTNF', 'T4\tGene_expression 0 10\tExpression', 'T5\tPositive_regulation 34 41\tinduced']
const lines = (...l: string[]) => `${l.join('\n')}\n`

describe('brat events', () => {
  it('keeps several events on one trigger as events of their own, each with its roles', () => {
    const ann = lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1', 'E2\tGene_expression:T4 Theme:T2')
    const r = decode(TEXT, ann)
    const events = r.spans.filter((s) => s.kind === 'trigger')
    expect(events.map((s) => [s.label, s.start, s.end, s.trigger])).toEqual([
      ['Gene_expression', 0, 10, undefined],
      ['Gene_expression', 0, 10, 3],
    ])
    expect(r.relations.map((x) => [x.label, x.head, x.tail])).toEqual([
      ['Theme', 3, 0],
      ['Theme', 5, 1],
    ])
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps an event whose type differs from its trigger T (DKPro writes these)', () => {
    const ann = lines(...ENTS, 'E1\tTranscription:T4 Theme:T1')
    const r = decode(TEXT, ann)
    expect(r.spans[3].kind).toBe('entity')
    expect(r.spans[5]).toMatchObject({ label: 'Transcription', kind: 'trigger', trigger: 3, start: 0, end: 10 })
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps events as arguments of events (defined before or after), numbered roles and argless events', () => {
    const ann = lines(
      ...ENTS,
      'E2\tPositive_regulation:T5 Theme:E1 Cause:T3 Theme2:E3',
      'E1\tGene_expression:T4 Theme:T1',
      'E3\tGene_expression:T4 Theme:T2 Theme2:T1',
      'T6\tBinding 49 56\tbinding',
      'E4\tBinding:T6 ',
    )
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps a T id of a trigger that other lines name directly apart from its event', () => {
    // R and A lines name T4 itself, not E1: T4 stays a span of its own, so they are written back to T4.
    const ann = lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1', 'R1\tCoref Arg1:T4 Arg2:T2\t', 'A1\tNegation T4', 'A2\tNegation E1')
    const r = decode(TEXT, ann)
    expect(r.spans[3].kind).toBe('entity')
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps relations, attributes, norms and notes on events and on plain entities in event roles', () => {
    const ann = lines(
      ...ENTS,
      'E1\tGene_expression:T4 Theme:T1',
      'E2\tPositive_regulation:T5 Theme:E1 Cause:T3',
      'R1\tInteracts Arg1:T1 Arg2:E2\t',
      'R2\tInteracts Arg1:T3 Arg2:T1\t',
      'A1\tConfidence E2 High',
      'N1\tReference T1 UniProt:P19838\tNF-kB p105',
      '#1\tAnnotatorNotes E1\tnegated by "not"',
      '*\tEquiv T1 T2',
    )
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('reads M lines as binary attributes and writes them as M lines again', () => {
    const ann = lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1', 'E2\tPositive_regulation:T5 Theme:E1', 'M1\tNegation E2', 'M2\tSpeculation E1', 'A1\tNegation E1')
    const r = decode(TEXT, ann)
    expect(r.spans[4].attributes).toEqual({ Negation: true })
    expect(r.spans[3].attributes).toEqual({ Speculation: true, Negation: true })
    // Negation is written both ways in this file: the names written as M are kept, so the file's own M lines come back.
    const out = encodeBratDocument(layerOf(r)).ann
    expect(out).toContain('\tSpeculation E1\n')
    expect(out.split('\n').filter((l) => l.startsWith('M')).length).toBe(3)
    const onlyM = lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1', 'M1\tNegation E1', 'M2\tSpeculation E1')
    expect(roundTrip(TEXT, onlyM)).toEqual(NONE)
  })

  it('treats attribute names that are Object properties (__proto__, toString, constructor) as data', () => {
    const ann = lines(...ENTS, 'A1\t__proto__ T1 polluted', 'A2\ttoString T1', 'A3\tconstructor T2 x', 'A4\thasOwnProperty T2')
    const r = decode(TEXT, ann)
    expect(Object.keys(r.spans[0].attributes)).toEqual(['__proto__', 'toString'])
    expect(Object.getOwnPropertyDescriptor(r.spans[0].attributes, '__proto__')?.value).toBe('polluted')
    expect(Object.getPrototypeOf(r.spans[0].attributes)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
    // Survives JSON, as the store keeps attributes.
    expect(JSON.parse(JSON.stringify(r.spans[0].attributes))).toEqual(r.spans[0].attributes)
  })

  it('still refuses a repeated attribute on one item', () => {
    const { errors } = decodeBratDocument(TEXT, lines(...ENTS, 'A1\ttoString T1', 'M1\ttoString T1'), { file: 'doc.ann', externalId: 'doc' })
    expect(errors.map(formatLineError)).toEqual(['doc.ann:7: M1: T1 already has attribute toString'])
  })

  it('keeps discontinuous triggers shared by two events', () => {
    const ann = lines(...ENTS, 'T6\tBinding 0 10;26 29\tExpression was', 'E1\tBinding:T6 Theme:T1', 'E2\tBinding:T6 Theme:T2')
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })
})

describe('brat spellings other tools use', () => {
  it('keeps relation lines without the trailing tab and argless events without the trailing space (DKPro writes so)', () => {
    const ann = lines(...ENTS, 'R1\tInteracts Arg1:T1 Arg2:T2', 'E1\tGene_expression:T4', 'E2\tPositive_regulation:T5 Theme:E1')
    const out = encodeBratDocument(layerOf(decode(TEXT, ann))).ann
    expect(out).toMatch(/^R1\tInteracts Arg1:T1 Arg2:T2$/m)
    expect(out).toMatch(/^E\d\tGene_expression:T4$/m)
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps relation role names a configuration chose (Located Who:T1 Where:T2), the first naming the head', () => {
    const ann = lines(...ENTS, 'R1\tBinds Binder:T1 Target:T2\t', 'R2\tRel Arg1:T2 Arg2:T3\t', 'R3\t__proto__ toString:T3 valueOf:T1\t')
    const r = decode(TEXT, ann)
    expect(r.relations.map((x) => [x.label, x.head, x.tail])).toEqual([['Binds', 0, 1], ['Rel', 1, 2], ['__proto__', 2, 0]])
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('writes each * line as read, also where two lines share a member', () => {
    const ann = lines(...ENTS, '*\tEquiv T1 T2', '*\tEquiv T2 T3', '*\tAlias T3 T1 T2')
    expect(roundTrip(TEXT, ann)).toEqual(NONE)
  })

  it('keeps tabs in free text (a span over a tab, a note, a normalization name), as brat reads the rest of the line', () => {
    const text = 'Name:\tKerry\tBolt'
    const ann = lines('T1\tPerson 0 11\tName:\tKerry', 'N1\tReference T1 Wiki:1\tJohn\tKerry', '#1\tAnnotatorNotes T1\tcol 1\tcol 2')
    const r = decode(text, ann)
    expect([r.spans[0].end, r.spans[0].normText, r.spans[0].note]).toEqual([11, 'John\tKerry', 'col 1\tcol 2'])
    expect(roundTrip(text, ann)).toEqual(NONE)
  })

  it('keeps note types other than AnnotatorNotes (TDT writes `#1 Lemma T1 <TAB> olla`), mixed in one file too', () => {
    const only = lines(...ENTS, '#1\tLemma T1\t p50', '#2\tLemma T2\t p65')
    expect(decode(TEXT, only).spans[0].note).toBe(' p50')
    expect(roundTrip(TEXT, only)).toEqual(NONE)
    const mixed = lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1', 'R1\tRel Arg1:T1 Arg2:T2\t', '#1\tLemma T1\tx', '#2\tLemma T2\ty', '#3\tAnnotatorNotes E1\tz', '#4\tGloss R1\tw')
    expect(roundTrip(TEXT, mixed)).toEqual(NONE)
  })

  it('reads a span across a line break whose text brat wrote with a space', () => {
    const text = 'New\nYork is big.'
    const r = decode(text, lines('T1\tGPE 0 8\tNew York'))
    expect(r.spans[0]).toMatchObject({ start: 0, end: 8 })
    expect(encodeBratDocument(layerOf(r)).ann).toBe('T1\tGPE 0 8\tNew York\n')
  })
})

describe('encodeBratDocument: what brat cannot carry', () => {
  it('writes a label with a space or ":" with "_" and leaves out attribute names it cannot carry, saying so', () => {
    const r = decode(TEXT, lines('T1\tProtein 14 17\tp50'))
    const layer = layerOf(r)
    layer.spans[0] = { ...layer.spans[0], label: 'Gene product:x', attributes: { 'has space': true, ok: 'a b' } }
    const warnings: string[] = []
    const out = encodeBratDocument(layer, (m) => warnings.push(m))
    expect(out.ann).toBe('T1\tGene_product_x 14 17\tp50\nA1\tok T1 a_b\n')
    expect(warnings).toEqual([
      'brat cannot carry the type "Gene product:x" (a space or ":"): written with "_" in its place',
      'brat cannot carry the attribute name "has space" (a space or ":"): left out',
      'brat cannot carry whitespace in the attribute value "a b" of "ok" (a value is one word): written as "a_b"',
    ])
  })

  it('writes role relations whose head is a plain entity as that entity\'s event, never dropping them', () => {
    const r = decode(TEXT, lines(...ENTS, 'E1\tGene_expression:T4 Theme:T1 Theme2:T2'))
    const layer = layerOf(r)
    layer.spans = layer.spans.map((s) => ({ ...s, kind: 'entity' as const })) // as a layer from elsewhere might come
    const out = encodeBratDocument(layer).ann
    expect(out).toMatch(/^E1\tGene_expression:T4 Theme:T1 Theme2:T2$/m)
    const back = decode(TEXT, out)
    expect(back.spans[3].kind).toBe('trigger')
    expect(back.relations.map((x) => [x.label, x.head, x.tail, x.kind])).toEqual([['Theme', 3, 0, 'role'], ['Theme2', 3, 1, 'role']])
  })

  it('writes an event whose trigger span is not in the layer (a label filter) with a T line of its own', () => {
    const r = decode(TEXT, lines(...ENTS, 'E1\tTranscription:T4 Theme:T1'))
    const layer = layerOf(r)
    layer.spans = layer.spans.filter((s) => s.label !== 'Gene_expression')
    const out = encodeBratDocument(layer).ann
    expect(out).toContain('\tTranscription 0 10\tExpression\n')
    expect(out).toMatch(/^E1\tTranscription:T\d+ Theme:T1$/m)
  })
})
