import { describe, expect, it } from 'vitest'
import { looksDocBinMessage } from '../../../../src/shared/formats/spacyDocBin/docBinMessage'
import { spacyHashString } from '../../../../src/shared/formats/spacyDocBin/murmurHash64A'
import { ATTR, symbolId } from '../../../../src/shared/formats/spacyDocBin/spacySymbols'

describe("spaCy's string ids", () => {
  // Values spaCy prints for nlp.vocab.strings[s]: "coffee" in spaCy's course ("Vocab, Lexemes and the StringStore"),
  // the others from its users' printed outputs (an ASCII word, a 2-character and a 1-character CJK word: 6 and 3 bytes).
  it.each([
    ['coffee', 3197928453018144401n],
    ['apple', 8566208034543834098n],
    ['咖啡', 7962530705879205333n],
    ['猫', 12262475268243743508n],
  ])('hash_string(%j) is %s (MurmurHash64A of the UTF-8 bytes, seed 1)', (s, want) => {
    expect(spacyHashString(s)).toBe(want)
  })

  it('symbol strings get their symbol id, not a hash, as StringStore.add gives them', () => {
    // DEP is 76 in spaCy's attribute docs; PERSON prints as 380.
    expect([ATTR.DEP, symbolId('DEP'), symbolId('PERSON'), symbolId('ORTH'), symbolId('ENT_IOB'), symbolId('')]).toEqual([76, 76, 380, 65, 77, 0])
    expect(symbolId('coffee')).toBeUndefined()
  })

  it.each([
    ['fixmap starting with "version"', [0x89, 0xa7, ...Buffer.from('version')], true],
    ['fixmap starting with "attrs" (spaCy 2.2)', [0x87, 0xa5, ...Buffer.from('attrs')], true],
    ['map of other keys', [0x85, 0xa5, ...Buffer.from('alpha')], false],
    ['a map too small to be a DocBin', [0x82, 0xa7, ...Buffer.from('version')], false],
    ['a list', [0x95, 0xa7, ...Buffer.from('version')], false],
    ['JSON text', [...Buffer.from('{"version": 1}')], false],
  ])('detection: %s -> %s', (_, bytes, want) => {
    expect(looksDocBinMessage(Uint8Array.from(bytes))).toBe(want)
  })
})
