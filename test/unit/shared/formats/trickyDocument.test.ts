import { describe, expect, it } from 'vitest'
import type { FormatName } from '../../../../src/shared/formats/formatCodec'
import { streamCodec } from '../../../../src/shared/formats/registry'
import type { OffsetUnit } from '../../../../src/shared/text/offsets'
import { decodeAll, encodeAll, layerView, makeLayer, recordView, records, sliceCodePoints } from './formatTestUtil'
import type { SpanSpec } from './formatTestUtil'

/**
 * One document with everything that shifts offsets in peer tools: astral
 * emoji, a ZWJ family, combining marks, CRLF line ends and a Hebrew line,
 * with a span on each. Every format must place each span on its text.
 */

const TEXT = 'Family 👨‍👩‍👧 met 😀 Zoe\u0301 in Tel Aviv.\r\nשלום עולם said Kerry!\r\nThe end 🇮🇱 now.'
const at = (s: string, from = 0): [number, number] => {
  const i = TEXT.indexOf(s, from)
  if (i < 0) throw new Error(`${s} not in text`)
  return [i, i + s.length]
}
const SPANS: SpanSpec[] = [
  [...at('👨‍👩‍👧'), 'FAMILY', 'T1'],
  [...at('😀'), 'EMOJI', 'T2'],
  [...at('Zoe\u0301'), 'PERSON', 'T3'],
  [...at('Tel Aviv'), 'GPE', 'T4'],
  [...at('שלום'), 'WORD', 'T5'],
  [...at('Kerry'), 'PERSON', 'T6'],
  [...at('🇮🇱'), 'FLAG', 'T7'],
]
const layer = makeLayer(TEXT, SPANS, [
  [2, 3, 'LOCATED_IN'],
  [5, 0, 'PART_OF'],
])
const expectedTexts = SPANS.map(([s, e]) => TEXT.slice(s, e))

/** Reads each format's exported offsets back out of its own shape. */
const exportedOffsets: Partial<Record<FormatName, (out: string) => [number, number][]>> = {
  jsonl: (out) => JSON.parse(out).spans.map((s: { start: number; end: number }) => [s.start, s.end]),
  doccano: (out) => JSON.parse(out).label.map((l: [number, number]) => [l[0], l[1]]),
  'doccano-rel': (out) => JSON.parse(out).entities.map((e: { start_offset: number; end_offset: number }) => [e.start_offset, e.end_offset]),
  spacy: (out) => JSON.parse(out)[0][1].entities.map((l: [number, number]) => [l[0], l[1]]),
  prodigy: (out) => JSON.parse(out).spans.map((s: { start: number; end: number }) => [s.start, s.end]),
  labelstudio: (out) =>
    JSON.parse(out)[0]
      .annotations[0].result.filter((r: { type: string }) => r.type === 'labels')
      .map((r: { value: { start: number; end: number } }) => [r.value.start, r.value.end]),
}

describe('the tricky document', () => {
  for (const [format, read] of Object.entries(exportedOffsets)) {
    it(`${format}: slicing the text by the exported code points gives each span's text`, () => {
      const { out } = encodeAll(streamCodec(format as FormatName), [layer])
      const offsets = read!(out)
      expect(offsets.map(([s, e]) => sliceCodePoints(TEXT, s, e))).toEqual(expectedTexts)
    })

    for (const unit of ['codepoint', 'utf16'] as OffsetUnit[]) {
      it(`${format}: decode(encode(x)) gives x back (${unit} offsets)`, () => {
        const codec = streamCodec(format as FormatName)
        const [record] = records(decodeAll(codec, encodeAll(codec, [layer], unit).out, unit))
        expect(record.text).toBe(TEXT)
        const want = layerView(layer)
        const carriesRelations = format !== 'doccano' && format !== 'spacy'
        expect(recordView(record)).toEqual({ spans: want.spans, relations: carriesRelations ? want.relations : [] })
      })
    }
  }

  it('utf16 export differs from code points after an astral character', () => {
    const cp = JSON.parse(encodeAll(streamCodec('doccano'), [layer]).out).label[1]
    const u16 = JSON.parse(encodeAll(streamCodec('doccano'), [layer], 'utf16').out).label[1]
    expect(u16[0]).toBe(SPANS[1][0])
    expect(cp[0]).toBeLessThan(u16[0])
  })

  it('jsonl, doccano-rel and labelstudio keep span ids, the annotator and the title', () => {
    for (const format of ['jsonl', 'doccano-rel', 'labelstudio'] as FormatName[]) {
      const codec = streamCodec(format)
      const [record] = records(decodeAll(codec, encodeAll(codec, [layer]).out))
      expect([format, record.externalId, record.title, record.annotator]).toEqual([format, 'doc-1', 'Doc one', 'alice'])
      if (format !== 'doccano-rel') expect(record.spans.map((s) => s.sourceId)).toEqual(SPANS.map((s) => s[3]))
    }
  })

  for (const format of ['conll', 'hf'] as FormatName[]) {
    it(`${format}: every span comes out as exactly its tokens with B-/I- tags`, () => {
      const { out, warnings } = encodeAll(streamCodec(format), [layer])
      expect(warnings).toEqual([])
      const pairs: [string, string][] =
        format === 'conll'
          ? out
              .split('\n')
              .filter((l) => l && !l.startsWith('-DOCSTART-'))
              .map((l) => l.split(' ') as [string, string])
          : out
              .trim()
              .split('\n')
              .flatMap((l) => {
                const o = JSON.parse(l) as { tokens: string[]; ner_tags: string[] }
                return o.tokens.map((t, i): [string, string] => [t, o.ner_tags[i]])
              })
      const tagged: [string, string][] = []
      for (const [token, tag] of pairs) {
        if (tag.startsWith('B-')) tagged.push([token, tag.slice(2)])
        else if (tag.startsWith('I-')) tagged[tagged.length - 1][0] += ` ${token}`
      }
      expect(tagged).toEqual(SPANS.map(([s, e, label]) => [TEXT.slice(s, e), label]))
    })
  }

  it('conll: decode(encode(x)) keeps every span text and label on the rebuilt text', () => {
    const codec = streamCodec('conll')
    const [record] = records(decodeAll(codec, encodeAll(codec, [layer]).out))
    // CoNLL carries no document id (see docstartLine): the file's name and the document's place name it.
    expect(record.externalId).toBe('in-1')
    expect(record.text).toBe('Family 👨‍👩‍👧 met 😀 Zoe\u0301 in Tel Aviv .\nשלום עולם said Kerry !\nThe end 🇮🇱 now .')
    expect(record.spans.map((s) => [record.text.slice(s.start, s.end), s.label])).toEqual(SPANS.map(([s, e, label]) => [TEXT.slice(s, e), label]))
  })
})
