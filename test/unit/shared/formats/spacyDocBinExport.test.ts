import zlib from 'node:zlib'
import { decode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { docBinBytes } from '../../../../src/main/services/export/spacyDocBinFile'
import { stringId } from '../../../../src/shared/formats/spacyDocBin/docBinBuild'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { makeLayer } from './formatTestUtil'

/**
 * The `.spacy` export as spaCy reads it. `spacyDocs` follows spaCy's own
 * reading step by step: DocBin.from_bytes and get_docs
 * (spacy/tokens/_serialize.py: zlib, msgpack, the uint64 token array reshaped
 * to tokens × attrs, `Doc(vocab, words=ORTH column, spaces=spaces)`), the
 * StringStore's look-up of every hash (a hash not in `strings` is spaCy's
 * KeyError), `doc.ents` from ENT_IOB/ENT_TYPE (spacy/tokens/doc.pyx: 3 = B,
 * 1 = I, 2 = O, 0 = missing), span groups (span_group.pyx: `>QQQllll`), and
 * Python's character offsets (code points).
 */

interface SpacyDoc {
  text: string
  words: string[]
  ents: [string, string][]
  entIob: number[]
  groups: Record<string, { label: string; text: string; start: number; end: number }[]>
}

function spacyDocs(bytes: Uint8Array): SpacyDoc[] {
  const msg = decode(zlib.inflateSync(bytes)) as Record<string, unknown>
  expect(Object.keys(msg).sort()).toEqual(['attrs', 'cats', 'flags', 'lengths', 'spaces', 'span_groups', 'strings', 'tokens', 'version'])
  const attrs = msg.attrs as number[]
  const vocab = new Map((msg.strings as string[]).map((s) => [stringId(s), s]))
  const str = (id: bigint) => {
    if (!vocab.has(id)) throw new Error(`KeyError: [E018] Can't retrieve string for hash '${id}'`)
    return vocab.get(id)!
  }
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength)
  const tokens = view(msg.tokens as Uint8Array)
  const lengths = view(msg.lengths as Uint8Array)
  const spaces = msg.spaces as Uint8Array
  const n = tokens.byteLength / 8 / attrs.length
  expect(Number.isInteger(n)).toBe(true)
  expect(spaces.length).toBe(n)
  const cell = (row: number, attr: number) => tokens.getBigUint64((row * attrs.length + attrs.indexOf(attr)) * 8, true)
  const docs: SpacyDoc[] = []
  let row = 0
  for (let d = 0; d < lengths.byteLength / 4; d++) {
    const len = lengths.getInt32(d * 4, true)
    const words: string[] = []
    const idx: number[] = [] // token.idx, in code points
    let text = ''
    const entIob: number[] = []
    const ents: [string, string][] = []
    let open: { start: number; label: string } | null = null
    // An entity's text is the doc's text from its first token's idx to its last token's end, as Span.text gives.
    const close = (end: number) => {
      if (open) ents.push([[...text].slice(idx[open.start], idx[end - 1] + [...words[end - 1]].length).join(''), open.label])
      open = null
    }
    for (let i = 0; i < len; i++, row++) {
      const iob = Number(cell(row, 77))
      if (iob === 3 || iob !== 1) close(i)
      idx.push([...text].length)
      const w = str(cell(row, 65))
      words.push(w)
      text += w + (spaces[row] ? ' ' : '')
      entIob.push(iob)
      if (iob === 3) open = { start: i, label: str(cell(row, 78)) }
      if (iob === 1 && (!open || str(cell(row, 78)) !== open.label)) throw new Error(`token ${i}: I without its B`)
    }
    close(len)
    const groups: SpacyDoc['groups'] = {}
    const raw = decode((msg.span_groups as Uint8Array[])[d]) as Uint8Array[]
    for (const g of raw) {
      const group = decode(g) as { name: string; spans: Uint8Array[] }
      groups[group.name] = group.spans.map((b) => {
        const v = view(b)
        const [start, end, startChar, endChar] = [v.getInt32(24), v.getInt32(28), v.getInt32(32), v.getInt32(36)]
        expect([idx[start], start === end ? idx[start] : idx[end - 1] + [...words[end - 1]].length]).toEqual([startChar, endChar])
        return { label: str(v.getBigUint64(16)), text: [...text].slice(startChar, endChar).join(''), start, end }
      })
    }
    docs.push({ text, words, ents, entIob, groups })
  }
  return docs
}

const warnings: string[] = []
const ctx = { unit: 'codepoint' as const, warn: (m: string) => warnings.push(m) }
const bin = (layers: ExportLayer[]) => spacyDocs(docBinBytes(layers, ctx))
const at = (text: string, s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length]

describe('spacy-docbin export, read as spaCy reads a .spacy file', () => {
  it('spaCy\'s own string ids: "coffee" hashes to 3197928453018144401 (spaCy\'s docs) and PERSON is symbol 380', () => {
    expect(stringId('coffee')).toBe(3197928453018144401n)
    expect(stringId('PERSON')).toBe(380n)
    expect(stringId('')).toBe(0n)
  })

  it('doc.text is the document\'s text exactly (emoji, Hebrew, CRLF, double spaces, edge whitespace), and doc.ents are the spans', () => {
    const text = '  Family 👨‍👩‍👧 met 😀 Zoe\u0301 in Tel Aviv.\r\nשלום  עולם said Kerry!\n\nThe end 🇮🇱 now. '
    const spans: [number, number, string][] = [[...at(text, '👨‍👩‍👧'), 'FAMILY'], [...at(text, 'Tel Aviv'), 'GPE'], [...at(text, 'שלום  עולם'), 'WORD'], [...at(text, 'Kerry'), 'PERSON'], [...at(text, '🇮🇱'), 'FLAG']]
    const [doc] = bin([makeLayer(text, spans)])
    expect(doc.text).toBe(text)
    expect(doc.ents).toEqual(spans.map(([s, e, l]) => [text.slice(s, e), l]))
    expect(doc.entIob.every((v) => v === 1 || v === 2 || v === 3)).toBe(true)
    expect(doc.groups.sc.map((g) => [g.text, g.label])).toEqual(doc.ents)
  })

  it('overlapping spans: the outermost in doc.ents, every span in doc.spans["sc"] on its words, and a warning', () => {
    warnings.length = 0
    const text = 'The University of Texas at Austin said so.'
    const spans: [number, number, string][] = [[...at(text, 'University of Texas at Austin'), 'ORG'], [...at(text, 'Texas'), 'GPE'], [...at(text, 'Austin'), 'GPE']]
    const [doc] = bin([makeLayer(text, spans)])
    expect(doc.ents).toEqual([['University of Texas at Austin', 'ORG']])
    expect(doc.groups.sc.map((s) => [s.text, s.label])).toEqual([['University of Texas at Austin', 'ORG'], ['Texas', 'GPE'], ['Austin', 'GPE']])
    expect(warnings).toContain('spacy-docbin: overlapping spans: 2 spans left out of doc.ents (spaCy\'s entities cannot overlap); every span is in doc.spans["sc"]')
  })

  it('a span with edge whitespace is written without it; one of only whitespace is left out; each is warned', () => {
    warnings.length = 0
    const text = 'Kerry met  Michel .'
    const [doc] = bin([makeLayer(text, [[0, 6, 'PER'], [9, 11, 'X'], [10, 17, 'PER']])])
    expect(doc.text).toBe(text)
    expect(doc.ents).toEqual([['Kerry', 'PER'], ['Michel', 'PER']])
    expect(warnings).toContain('spacy-docbin: 2 spans started or ended on whitespace and were written without it, in doc.ents and doc.spans alike (spaCy\'s NER cannot learn one)')
    expect(warnings).toContain('spacy-docbin: 1 span of whitespace only was left out (no spaCy token can hold one)')
  })

  it('a span read from a DocBin span group (spans_key) goes back to its group only; the other spans are doc.ents and "sc"', () => {
    const layer = makeLayer('Kerry met Michel in Paris.', [[0, 5, 'PER'], [10, 16, 'PER'], [20, 25, 'GPE']])
    layer.spans[1].attributes = { spans_key: 'people' }
    const [doc] = bin([layer])
    expect(doc.ents).toEqual([['Kerry', 'PER'], ['Paris', 'GPE']])
    expect(Object.fromEntries(Object.entries(doc.groups).map(([k, g]) => [k, g.map((x) => x.text)]))).toEqual({ sc: ['Kerry', 'Paris'], people: ['Michel'] })
  })

  it('several layers are several docs, in order, and a layer with no spans is a real negative (all O, none missing)', () => {
    const docs = bin([makeLayer('Kerry left.', [[0, 5, 'PER']]), makeLayer('Nothing here.', [])])
    expect(docs.map((d) => d.text)).toEqual(['Kerry left.', 'Nothing here.'])
    expect(docs[1].entIob.every((v) => v === 2)).toBe(true)
    expect(docs.map((d) => d.ents)).toEqual([[['Kerry', 'PER']], []])
    // spancat reads a Doc without its key as having no spans: the key is on every Doc, empty where there are none.
    expect(docs.map((d) => d.groups.sc.map((g) => g.text))).toEqual([['Kerry'], []])
  })

  it('a span ending or starting on U+FEFF (whitespace to the tokenizer, a character to Python) is on its own words in doc.ents and "sc"', () => {
    const texts: [string, string][] = [['X\ufeff Y', 'X\ufeff'], ['a\ufeff\ufeffX b', '\ufeffX'], ['Paris\ufeff\ufeff met', 'Paris\ufeff']]
    for (const [text, s] of texts) {
      const [doc] = bin([makeLayer(text, [[...at(text, s), 'LOC']])])
      expect(doc.text).toBe(text)
      expect(doc.ents).toEqual([[s, 'LOC']])
      expect(doc.groups.sc.map((g) => [g.text, g.label])).toEqual([[s, 'LOC']])
    }
  })
})
