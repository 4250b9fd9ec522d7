import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, errors, makeLayer, recordView, records } from './formatTestUtil'

/** Decoding hand-written files in each real tool's shape. */

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/formats', name), 'utf8')
const spanTexts = (r: { text: string; spans: { start: number; end: number; label: string }[] }) => r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])

describe('doccano', () => {
  it('reads a sequence labeling export, skipping blank lines', () => {
    const rs = records(decodeAll(streamCodec('doccano'), fixture('doccano.jsonl')))
    expect(rs.map((r) => [r.line, r.externalId])).toEqual([
      [1, '1'],
      [2, '2'],
      [4, '3'],
    ])
    expect(spanTexts(rs[0])).toEqual([
      ['EU', 'ORG'],
      ['German', 'MISC'],
      ['British', 'MISC'],
    ])
    expect(rs[0].annotator).toBeNull()
    expect(rs[2].spans).toEqual([])
  })

  it('reads a relation extraction export with its relations', () => {
    const [r] = records(decodeAll(streamCodec('doccano-rel'), fixture('doccano-rel.jsonl')))
    expect(spanTexts(r)).toEqual([
      ['Google', 'ORG'],
      ['September 4, 1998', 'DATE'],
      ['Larry Page', 'PERSON'],
      ['Sergey Brin', 'PERSON'],
    ])
    expect(r.spans.map((s) => s.sourceId)).toEqual(['0', '1', '2', '3'])
    expect(recordView(r).relations).toEqual([
      [0, 1, 'founded_at'],
      [0, 2, 'founded_by'],
      [0, 3, 'founded_by'],
    ])
    expect(r.relations.map((x) => x.sourceId)).toEqual(['0', '1', '2'])
  })
})

describe('spacy', () => {
  it('reads training tuples, naming each document by its text hash', () => {
    const rs = records(decodeAll(streamCodec('spacy'), fixture('spacy.jsonl')))
    expect(rs.map(spanTexts)).toEqual([[['Uber', 'ORG']], [['Android Pay', 'PRODUCT'], ['Canada', 'GPE']]])
    expect(rs[0].externalId).toMatch(/^doc-fnv/)
    expect(rs[0].externalId).not.toBe(rs[1].externalId)
    // The same text gets the same id on a second import.
    expect(records(decodeAll(streamCodec('spacy'), fixture('spacy.jsonl')))[0].externalId).toBe(rs[0].externalId)
  })
})

describe('prodigy', () => {
  it('reads db-out tasks with relations given as head_span/child_span', () => {
    const rs = records(decodeAll(streamCodec('prodigy'), fixture('prodigy.jsonl')))
    expect(spanTexts(rs[0])).toEqual([
      ['Apple', 'ORG'],
      ['iOS', 'PRODUCT'],
    ])
    expect(recordView(rs[0]).relations).toEqual([[0, 1, 'MAKES']])
    expect(rs[0].externalId).toBe('-1201235321')
    expect(rs[0].annotator).toBe('rel_news-alice')
    // A rejected task is kept in meta, with no spans.
    expect((rs[1].meta.prodigy as { tasks: { answer: string }[] }).tasks[0].answer).toBe('reject')
    expect(rs[1].spans).toEqual([])
  })

  it('derives offsets from token indexes when a span gives only those', () => {
    const line = JSON.stringify({
      text: 'New York City',
      tokens: [
        { text: 'New', start: 0, end: 3, id: 0 },
        { text: 'York', start: 4, end: 8, id: 1 },
        { text: 'City', start: 9, end: 13, id: 2 },
      ],
      spans: [{ token_start: 0, token_end: 2, label: 'GPE' }],
    })
    expect(spanTexts(records(decodeAll(streamCodec('prodigy'), line))[0])).toEqual([['New York City', 'GPE']])
  })
})

describe('labelstudio', () => {
  it('reads a full JSON export: one record per annotation, relations with direction', () => {
    const rs = records(decodeAll(streamCodec('labelstudio'), fixture('labelstudio.json')))
    expect(rs).toHaveLength(2)
    expect(rs[0].line).toBe(2)
    expect(rs[0].externalId).toBe('7')
    expect(rs[0].annotator).toBe('user1')
    expect(spanTexts(rs[0])).toEqual([
      ['Kerry', 'PERSON'],
      ['Michel', 'PERSON'],
    ])
    // direction "left" means the arrow points from to_id to from_id.
    expect(recordView(rs[0]).relations).toEqual([[0, 1, 'MET']])
    expect(rs[0].spans.map((s) => s.sourceId)).toEqual(['aB3xY9', 'Qw8e2R'])
    expect(rs[1].annotator).toBe('bob@example.org')
    expect(rs[1].spans).toEqual([])
  })

  it('names the task and its line for a bad task, and still reads the others', () => {
    const file = JSON.stringify(
      [
        { data: { text: 'Kerry' }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { start: 0, end: 5, labels: ['PERSON'] } }] }] },
        { data: { text: 'Kerry' }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { start: 0, end: 9, labels: ['PERSON'] } }] }] },
      ],
      null,
      2,
    )
    const items = decodeAll(streamCodec('labelstudio'), file)
    expect(items.filter((i) => 'record' in i)).toHaveLength(1)
    const [e] = errors(items)
    expect(e.line).toBe(file.split('\n').findIndex((l, i) => i > 2 && l === '  {') + 1)
    expect(e.reason).toMatch(/task 1: annotations\[0\]\.result\[0\].*out of bounds/)
  })

  it('reports the line of a JSON syntax error', () => {
    const [e] = errors(decodeAll(streamCodec('labelstudio'), '[\n  {"data": {"text": "a"}},\n  {"data": oops}\n]'))
    expect(e.line).toBe(3)
    expect(e.reason).toMatch(/not valid JSON/)
  })

  it('groups consecutive layers of one document into one task', () => {
    const a = makeLayer('Kerry met Michel', [[0, 5, 'PERSON']])
    const b = { ...makeLayer('Kerry met Michel', [[10, 16, 'PERSON']]), annotator: 'bob' }
    const { out } = encodeAll(streamCodec('labelstudio'), [a, b])
    const tasks = JSON.parse(out) as { annotations: unknown[] }[]
    expect(tasks).toHaveLength(1)
    expect(tasks[0].annotations).toHaveLength(2)
    const rs = records(decodeAll(streamCodec('labelstudio'), out))
    expect(rs.map((r) => [r.annotator, spanTexts(r)])).toEqual([
      ['alice', [['Kerry', 'PERSON']]],
      ['bob', [['Michel', 'PERSON']]],
    ])
  })
})

describe('conll', () => {
  it('reads CoNLL-2003 (tag in the last column), rebuilding the text from tokens', () => {
    const rs = records(decodeAll(streamCodec('conll'), fixture('conll2003.conll'), 'codepoint', 'data/eng.train'))
    expect(rs.map((r) => [r.externalId, r.line])).toEqual([
      ['eng-1', 1],
      ['eng-2', 16],
    ])
    expect(rs[0].text).toBe('EU rejects German call to boycott British lamb .\nPeter Blackburn')
    expect(spanTexts(rs[0])).toEqual([
      ['EU', 'ORG'],
      ['German', 'MISC'],
      ['British', 'MISC'],
      ['Peter Blackburn', 'PER'],
    ])
    expect(spanTexts(rs[1])).toEqual([['BRUSSELS', 'LOC']])
  })

  it('writes -DOCSTART- O (no id: readers take the second field as a tag), one token a line, blank lines between sentences, and warns about overlaps', () => {
    const layer = makeLayer('Kerry met Michel Barnier.\nThen he left!', [
      [0, 5, 'PERSON'],
      [10, 24, 'PERSON'],
      [17, 24, 'PERSON'],
    ])
    const { out, warnings } = encodeAll(streamCodec('conll'), [layer])
    expect(out).toBe(
      ['-DOCSTART- O', '', 'Kerry B-PERSON', 'met O', 'Michel B-PERSON', 'Barnier I-PERSON', '. O', '', 'Then O', 'he O', 'left O', '! O', '', ''].join('\n'),
    )
    expect(warnings).toEqual(['conll: overlapping spans: kept the outermost, dropped 1 span'])
  })

  it('reports every bad line of a document and yields no record for it', () => {
    const items = decodeAll(streamCodec('conll'), '-DOCSTART- d1\nKerry B-PER\nmet\nMichel X-PER\n\n-DOCSTART- d2\nok O\n')
    expect(errors(items).map((e) => [e.line, e.reason])).toEqual([
      [3, expect.stringMatching(/expected a token and a tag/)],
      [4, expect.stringMatching(/"X-PER" is not a chunk tag/)],
    ])
    expect(items.filter((i) => 'record' in i).map((i) => ('record' in i ? i.record.externalId : ''))).toEqual(['d2'])
  })
})

describe('hf', () => {
  it('writes one sentence a line with label strings', () => {
    const { out } = encodeAll(streamCodec('hf'), [makeLayer('Kerry met Michel Barnier. Bye', [[0, 5, 'PERSON'], [10, 24, 'PERSON']])])
    expect(out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'doc-1#0', document: 'doc-1', tokens: ['Kerry', 'met', 'Michel', 'Barnier', '.'], ner_tags: ['B-PERSON', 'O', 'B-PERSON', 'I-PERSON', 'O'] },
      { id: 'doc-1#1', document: 'doc-1', tokens: ['Bye'], ner_tags: ['O'] },
    ])
  })

  it('is export only: every line of an import is an error saying so', () => {
    const errs = errors(decodeAll(streamCodec('hf'), '{"tokens":["a"],"ner_tags":["O"]}\n\n{"tokens":[],"ner_tags":[]}'))
    expect(errs.map((e) => e.line)).toEqual([1, 3])
    expect(errs[0].reason).toMatch(/export-only/)
  })
})

describe('labelstudio task lines', () => {
  it('keeps task lines aligned when a task is not an object', () => {
    const file = '[\n  "oops",\n  12,\n  {"data": {"text": "x"}}\n]'
    const items = decodeAll(streamCodec('labelstudio'), file)
    expect(errors(items).map((e) => [e.line, e.reason])).toEqual([
      [2, expect.stringMatching(/task 0 must be an object/)],
      [3, expect.stringMatching(/task 1 must be an object/)],
    ])
    expect(items.flatMap((i) => ('record' in i ? [i.record.line] : []))).toEqual([4])
  })
})
