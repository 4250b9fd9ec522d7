import { decode, encode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { docBinRecords } from '../../../../src/shared/formats/spacyDocBin/docBinRecords'
import type { DocBinItem } from '../../../../src/shared/formats/spacyDocBin/docBinRecords'
import { formatLineError } from '../../../../src/shared/formats/importRecord'
import { binMapKey } from '../../../../src/shared/formats/spacyDocBin/docBinSpanGroups'
import { spacyHashString } from '../../../../src/shared/formats/spacyDocBin/murmurHash64A'
import { symbolId } from '../../../../src/shared/formats/spacyDocBin/spacySymbols'

/**
 * DocBin messages built here as DocBin.to_bytes lays them out (before zlib), to reach each rule of the reader:
 * columns ORTH, ENT_IOB, ENT_TYPE (+ ENT_KB_ID), uint64 little-endian rows, int32 lengths, bool spaces.
 */
const ORTH = 65
const ENT_IOB = 77
const ENT_TYPE = 78
const ENT_KB_ID = 452
const id = (s: string) => BigInt(symbolId(s) ?? spacyHashString(s))
const unpack = (b: Uint8Array) => decode(b, { mapKeyConverter: (k) => (k instanceof Uint8Array ? binMapKey(k) : (k as string)) })

type Tok = [word: string, space: boolean, iob?: number, type?: string, kb?: string]
interface Doc {
  tokens: Tok[]
  groups?: Uint8Array
  cats?: Record<string, number>
  flags?: Record<string, unknown>
}

function message(docs: Doc[], opts: { attrs?: number[]; strings?: string[] } = {}): Record<string, unknown> {
  const attrs = opts.attrs ?? [ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID]
  const all = docs.flatMap((d) => d.tokens)
  const tokens = new DataView(new ArrayBuffer(all.length * attrs.length * 8))
  const strings = new Set<string>(['', ...(opts.strings ?? [])])
  all.forEach(([w, , iob = 2, type = '', kb = ''], t) => {
    const values: Record<number, bigint> = { [ORTH]: id(w), [ENT_IOB]: BigInt(iob), [ENT_TYPE]: id(type), [ENT_KB_ID]: id(kb) }
    attrs.forEach((a, c) => tokens.setBigUint64((t * attrs.length + c) * 8, values[a] ?? 0n, true))
    for (const s of [w, type, kb]) strings.add(s)
  })
  const lengths = new DataView(new ArrayBuffer(docs.length * 4))
  docs.forEach((d, i) => lengths.setInt32(i * 4, d.tokens.length, true))
  return {
    version: '0.1',
    attrs,
    tokens: new Uint8Array(tokens.buffer),
    spaces: Uint8Array.from(all.map(([, s]) => (s ? 1 : 0))),
    lengths: new Uint8Array(lengths.buffer),
    strings: [...strings].sort(),
    cats: docs.map((d) => d.cats ?? {}),
    flags: docs.map((d) => d.flags ?? { has_unknown_spaces: false }),
    span_groups: docs.map((d) => d.groups ?? encode([])),
  }
}

/** One SpanGroup's bytes: {"name", "attrs", "spans": [">QQQllll"]} (spacy/tokens/span_group.pyx). */
function group(name: string, spans: [start: number, end: number, label: string, startChar: number, endChar: number, kb?: string][], attrs = {}): Uint8Array {
  return encode({
    name,
    attrs,
    spans: spans.map(([s, e, label, sc, ec, kb = '']) => {
      const v = new DataView(new ArrayBuffer(40))
      v.setBigUint64(8, kb ? id(kb) : 0n, false)
      v.setBigUint64(16, id(label), false)
      ;[s, e, sc, ec].forEach((n, i) => v.setInt32(24 + i * 4, n, false))
      return new Uint8Array(v.buffer)
    }),
  })
}

/** msgpack {bytes: [keys]}: a map keyed by bytes (bin 8), which @msgpack/msgpack's encoder does not write. */
function byBytes(g: Uint8Array, keys: string[]): Uint8Array {
  return Uint8Array.from([0x81, 0xc4, g.length, ...g, ...encode(keys)])
}

function read(msg: unknown): DocBinItem[] {
  return [...docBinRecords(msg, { file: 'train.spacy', unpack })]
}
const records = (msg: unknown) => read(msg).map((i) => ('record' in i ? i.record : null))
const errors = (msg: unknown) => read(msg).flatMap((i) => ('error' in i ? [formatLineError(i.error)] : []))
const spansOf = (msg: unknown) => records(msg).map((r) => r && r.spans.map((s) => [r.text.slice(s.start, s.end), s.label, s.attributes]))

const ADA: Tok[] = [['Ada', true, 3, 'PERSON', 'Q7259'], ['Lovelace', true, 1, 'PERSON', 'Q7259'], ['wrote', false, 2], ['.', false, 2]]

describe('spaCy DocBin reader (shared)', () => {
  it('entities with their kb_id; the words joined by their spaces', () => {
    expect(records(message([{ tokens: ADA }]))[0]?.text).toBe('Ada Lovelace wrote.')
    expect(spansOf(message([{ tokens: ADA }]))).toEqual([[['Ada Lovelace', 'PERSON', { kb_id: 'Q7259' }]]])
  })

  it('unknown spaces (flags.has_unknown_spaces): a space after every token, as spaCy rebuilds such a Doc', () => {
    expect(records(message([{ tokens: ADA, flags: { has_unknown_spaces: true } }]))[0]?.text).toBe('Ada Lovelace wrote . ')
  })

  it('a B without a type is an O (Doc.ents); an ENT_IOB over 3 is refused', () => {
    expect(errors(message([{ tokens: [['Ada', true, 3, ''], ['wrote', false, 1]] }]))).toEqual([
      'train.spacy: document 0 (0-based, in DocBin order): token 1 ("wrote") is I (inside an entity) with no entity open: token 0 ("Ada") is B (spaCy refuses this as E093)',
    ])
    expect(spansOf(message([{ tokens: [['Ada', true, 3, ''], ['wrote', false, 2]] }]))).toEqual([[]])
    expect(errors(message([{ tokens: [['Ada', false, 5, 'PERSON']] }]))).toEqual(['train.spacy: document 0 (0-based, in DocBin order): token 0 ("Ada"): ENT_IOB 5 is not 0-3 (missing, I, O, B)'])
  })

  it('symbol strings are stored as symbol ids: a token "number" stored as its hash is not found', () => {
    expect(records(message([{ tokens: [['number', false, 3, 'CARDINAL']] }]))[0]?.spans.map((s) => s.label)).toEqual(['CARDINAL'])
    const msg = message([{ tokens: [['number', false, 2]] }])
    new DataView((msg.tokens as Uint8Array).buffer).setBigUint64(0, spacyHashString('number'), true)
    expect(errors(msg)).toEqual([`train.spacy: document 0 (0-based, in DocBin order): token 0: ORTH hash ${spacyHashString('number')} is not in the file's strings`])
  })

  it.each([
    ['spaCy >= 3.3: {group bytes: [keys]}, one group under two keys', (g: Uint8Array) => byBytes(g, ['sc', 'ruler']), ['sc', 'ruler']],
    ['spaCy 3.2: {key: group bytes}', (g: Uint8Array) => encode({ sc: g }), ['sc']],
    ['spaCy 3.0: [group bytes], the key is the group name', (g: Uint8Array) => encode([g]), ['sc']],
  ] as const)('span groups, %s', (_, wrap, keys) => {
    const groups = wrap(group('sc', [[0, 2, 'PERSON', 0, 12], [1, 2, 'SURNAME', 4, 12, 'Q1']], { source: 'ruler' }))
    const out = read(message([{ tokens: ADA, groups }], { strings: ['SURNAME', 'Q1'] }))
    const r = 'record' in out[0] ? out[0].record : null
    expect(r?.spans.map((s) => [r.text.slice(s.start, s.end), s.label, s.attributes])).toEqual([
      ['Ada Lovelace', 'PERSON', { kb_id: 'Q7259' }],
      ...keys.flatMap((k) => [
        ['Ada Lovelace', 'PERSON', { spans_key: k }],
        ['Lovelace', 'SURNAME', { spans_key: k, kb_id: 'Q1' }],
      ]),
    ])
    expect(r?.notes).toMatchObject({ 'spaCy DocBin span-group attrs, not imported': keys.length })
  })

  it('span group faults: characters that are not their tokens, no label, tokens outside the document', () => {
    const at = (spans: Parameters<typeof group>[1]) => errors(message([{ tokens: ADA, groups: encode([group('sc', spans)]) }]))
    expect(at([[0, 2, 'PERSON', 0, 11]])).toEqual([
      'train.spacy: document 0 (0-based, in DocBin order): span group "sc" span 0: characters 0-11 are not those of its tokens 0-2 (0-12 in code points)',
    ])
    expect(at([[0, 1, '', 0, 3]])).toEqual(['train.spacy: document 0 (0-based, in DocBin order): span group "sc" span 0 has no label'])
    expect(at([[2, 9, 'X', 13, 40]])).toEqual(["train.spacy: document 0 (0-based, in DocBin order): span group \"sc\" span 0: tokens 2-9 are not a span of the document's 4 tokens"])
  })

  it('code points vs UTF-16: after an emoji, a span group\'s characters count code points and the span lands in UTF-16', () => {
    const tokens: Tok[] = [['🍮', true, 2], ['Zürich', false, 3, 'GPE']]
    const out = records(message([{ tokens, groups: encode([group('sc', [[1, 2, 'GPE', 2, 8]])]) }]))[0]!
    // The group span equals the entity: one span, marked as both.
    expect(out.spans.map((s) => [s.start, s.end, out.text.slice(s.start, s.end), s.attributes])).toEqual([[3, 9, 'Zürich', { spans_key: 'sc', in_ents: true }]])
  })

  it('no ENT_IOB column and no groups: text without a layer; an empty document is counted on the next record', () => {
    const r = records(message([{ tokens: [] }, { tokens: ADA }], { attrs: [ORTH] }))
    expect(r).toHaveLength(1)
    expect(r[0]).toMatchObject({ layer: false, spans: [] })
    expect(r[0]?.notes).toMatchObject({ 'spaCy DocBin documents without tokens, not imported': 1 })
  })

  it('a document fault is that document only; the others are read', () => {
    const bad: Tok[] = [['Bob', false, 1, 'PERSON']]
    const out = read(message([{ tokens: ADA }, { tokens: bad }, { tokens: ADA }]))
    expect(out.map((i) => ('record' in i ? 'record' : i.error.line))).toEqual(['record', 2, 'record'])
  })
})
