import { OffsetConverter } from '../text/offsets'
import { textHash } from '../text/textHash'
import type { StreamCodec } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import { LayerBuilder, addTripleSpan, atLine, expectArray, expectObject, expectString, flattenedFragments, recordPerLine } from './codecSupport'

/**
 * spaCy training tuples, one JSON array a line: `["text", {"entities":
 * [[s, e, "L"]]}]`. The tuple has no room for an id, so a document is named
 * after its text's hash (the same text gets the same id on every import), and
 * spaCy refuses unknown annotation keys, so nothing else is written.
 */

function parseTupleLine(json: unknown, line: number, unit: 'codepoint' | 'utf16'): ImportRecord {
  return atLine(line, () => {
    const tuple = expectArray(json, 'a spaCy training line')
    if (tuple.length !== 2) throw new RecordError(`a spaCy training line must be ["text", {"entities": [...]}], not ${tuple.length} items`)
    const text = expectString(tuple[0], 'the text (item 0)')
    const annotations = expectObject(tuple[1], 'the annotations (item 1)')
    const layer = new LayerBuilder(text, unit)
    expectArray(annotations.entities ?? [], 'entities').forEach((item, i) => {
      const what = `entities[${i}]`
      if (typeof item === 'string') throw new RecordError(`${what}: BILUO tag lists are not supported; give [start, end, "LABEL"] triples`)
      addTripleSpan(layer, item, what)
    })
    const externalId = `doc-${textHash(text)}`
    return { line, externalId, title: externalId, text, meta: {}, annotator: null, status: null, spans: layer.spans, relations: [] }
  })
}

export const spacyCodec: StreamCodec = {
  name: 'spacy',
  extensions: ['.jsonl', '.json'],
  lossy: 'spaCy training tuples keep only text and entity spans (no ids, annotator, relations, attributes or notes)',
  sniff: (first) => /^\s*\[\s*"/.test(first),
  decode: recordPerLine(parseTupleLine),
  *encode(layers, ctx) {
    for (const layer of flattenedFragments(layers, ctx, 'spacy')) {
      const conv = new OffsetConverter(layer.text)
      const entities = layer.spans.map((s) => [conv.toUnit(s.start, ctx.unit), conv.toUnit(s.end, ctx.unit), s.label])
      yield `${JSON.stringify([layer.text, { entities }])}\n`
    }
  },
}
