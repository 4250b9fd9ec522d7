import { decode, encode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { docBinRecords } from '../../../../src/shared/formats/spacyDocBin/docBinRecords'
import { binMapKey } from '../../../../src/shared/formats/spacyDocBin/docBinSpanGroups'
import { spacyHashString } from '../../../../src/shared/formats/spacyDocBin/murmurHash64A'
import { ATTR, symbolId } from '../../../../src/shared/formats/spacyDocBin/spacySymbols'

/**
 * A DocBin from a spaCy pipeline holds more than entities: TAG, POS, LEMMA, DEP and HEAD per token (spaCy's
 * DocBin(attrs=...) default keeps them all). Spanwright keeps spans, not token attributes, so they are not imported;
 * the import said so once per file ("files with values": 1) however many tokens held them. Now each document's
 * record counts the tokens that held a value of each attribute, so the report says how much was left out.
 * The message is built as DocBin.to_bytes lays it out (spacy/tokens/_serialize.py), before zlib.
 */
const id = (s: string) => BigInt(symbolId(s) ?? spacyHashString(s))
const unpack = (b: Uint8Array) => decode(b, { mapKeyConverter: (k) => (k instanceof Uint8Array ? binMapKey(k) : (k as string)) })
const ATTRS = [ATTR.ORTH, ATTR.ENT_IOB, ATTR.ENT_TYPE, ATTR.TAG, ATTR.LEMMA, ATTR.DEP]

/** Tokens as [word, tag, lemma] ('' for none); ENT_IOB O everywhere, DEP never set. */
function message(docs: [string, string, string][][]): Record<string, unknown> {
  const all = docs.flat()
  const cells = new DataView(new ArrayBuffer(all.length * ATTRS.length * 8))
  const strings = new Set<string>([''])
  all.forEach(([w, tag, lemma], t) => {
    const values: Record<number, bigint> = { [ATTR.ORTH]: id(w), [ATTR.ENT_IOB]: 2n, [ATTR.TAG]: tag ? id(tag) : 0n, [ATTR.LEMMA]: lemma ? id(lemma) : 0n }
    ATTRS.forEach((a, c) => cells.setBigUint64((t * ATTRS.length + c) * 8, values[a] ?? 0n, true))
    for (const s of [w, tag, lemma]) strings.add(s)
  })
  const lengths = new DataView(new ArrayBuffer(docs.length * 4))
  docs.forEach((d, i) => lengths.setInt32(i * 4, d.length, true))
  return {
    version: '0.1',
    attrs: ATTRS,
    tokens: new Uint8Array(cells.buffer),
    spaces: Uint8Array.from(all.map(() => 1)),
    lengths: new Uint8Array(lengths.buffer),
    strings: [...strings].sort(),
    cats: docs.map(() => ({})),
    flags: docs.map(() => ({ has_unknown_spaces: false })),
    span_groups: docs.map(() => encode([])),
  }
}

const TAG_NOTE = 'spaCy DocBin tokens with a TAG value (a token attribute Spanwright does not keep: tags, lemmas, dependencies, morphology), not imported'
const LEMMA_NOTE = TAG_NOTE.replace('TAG', 'LEMMA')

describe('spaCy DocBin import: token attributes not kept are counted per token', () => {
  it('each document counts its tokens with a TAG or LEMMA value; an attribute with no value anywhere (DEP) is not named', () => {
    const msg = message([
      [['Kerry', 'NNP', 'Kerry'], ['met', 'VBD', 'meet'], ['Michel', 'NNP', ''], ['.', '', '']],
      [['Paris', 'NNP', 'Paris'], ['sleeps', 'VBZ', 'sleep']],
    ])
    const notes = [...docBinRecords(msg, { file: 'train.spacy', unpack })].map((i) => ('record' in i ? i.record.notes : i.error))
    expect(notes).toEqual([
      { [TAG_NOTE]: 3, [LEMMA_NOTE]: 2 },
      { [TAG_NOTE]: 2, [LEMMA_NOTE]: 2 },
    ])
  })
})
