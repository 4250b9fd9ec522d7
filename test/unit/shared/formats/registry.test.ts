import { describe, expect, it } from 'vitest'
import { FORMAT_NAMES } from '../../../../src/shared/formats/formatCodec'
import { STREAM_FORMATS, detectFormat, streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

describe('the format registry', () => {
  it('has a stream codec for every format except the file/folder ones', () => {
    expect([...STREAM_FORMATS].sort()).toEqual(FORMAT_NAMES.filter((f) => f !== 'txt' && f !== 'brat' && f !== 'xmi' && f !== 'spacy-docbin').sort())
    for (const f of STREAM_FORMATS) expect(streamCodec(f).name).toBe(f)
    expect(() => streamCodec('txt')).toThrow(/file\/folder format/)
    expect(() => streamCodec('brat')).toThrow(/file\/folder format/)
    expect(() => streamCodec('xmi')).toThrow(/file\/folder format/)
    expect(() => streamCodec('spacy-docbin')).toThrow(/file\/folder format/)
  })

  it.each([
    ['a.txt', '', 'txt'],
    ['a.ann', '', 'brat'],
    ['train.spacy', 'x\uFFFD', 'spacy-docbin'],
    ['train.conll', 'EU B-ORG', 'conll'],
    ['a.jsonl', '{"id":"d","text":"x","spans":[]}', 'jsonl'],
    ['a.jsonl', '{"id":"d","text":"x"}', 'jsonl'],
    ['a.jsonl', '{"id": 1, "text": "x", "label": [[0, 1, "L"]], "Comments": []}', 'doccano'],
    ['a.jsonl', '{"id": 1, "text": "x", "entities": [], "relations": []}', 'doccano-rel'],
    ['a.jsonl', '["Uber blew", {"entities": [[0, 4, "ORG"]]}]', 'spacy'],
    ['a.jsonl', '{"text":"x","tokens":[],"spans":[],"answer":"accept"}', 'prodigy'],
    ['a.jsonl', '{"tokens":["x"],"ner_tags":["O"]}', 'hf'],
    ['export.json', '[', 'labelstudio'],
    ['export.JSON', '[{"id": 1, "data": {"text": "x"}}]', 'labelstudio'],
    ['a.csv', 'x,y', null],
  ] as const)('detects %s starting %s as %s', (file, first, want) => {
    expect(detectFormat(file, first)).toBe(want)
  })

  it('detects what each codec writes', () => {
    const layer = makeLayer('Kerry met Michel.', [[0, 5, 'PER'], [10, 16, 'PER']], [[0, 1, 'MET']])
    const files: Record<string, string> = { jsonl: 'a.jsonl', doccano: 'a.jsonl', 'doccano-rel': 'a.jsonl', spacy: 'a.json', 'spacy-jsonl': 'a.jsonl', prodigy: 'a.jsonl', labelstudio: 'a.json', conll: 'a.conll', hf: 'a.jsonl', 'webanno-tsv': 'a.tsv' }
    for (const f of STREAM_FORMATS) {
      const first = encodeAll(streamCodec(f), [layer]).out.split('\n').find((l) => l.trim() !== '')!
      // spaCy's JSONL variant is read back by the one spaCy importer.
      expect([f, detectFormat(files[f], first)]).toEqual([f, f === 'spacy-jsonl' ? 'spacy' : f])
    }
  })
})

describe('jsonl codec', () => {
  it('keeps attributes, notes, norm ids and status, and honours the default unit', () => {
    const layer = makeLayer('😀 Kerry', [[3, 8, 'PER', 'T1']], [], { status: 'done' })
    layer.spans[0] = { ...layer.spans[0], attributes: { negated: true, level: 'high' }, note: 'check', norm: 'Wikidata:Q22316' }
    const codec = streamCodec('jsonl')
    const out = encodeAll(codec, [layer]).out
    const [r] = records(decodeAll(codec, out))
    expect(r.status).toBe('done')
    expect(r.spans[0]).toMatchObject({ start: 3, end: 8, attributes: { negated: true, level: 'high' }, note: 'check', norm: 'Wikidata:Q22316', sourceId: 'T1' })
    // A line without "offsets" uses the import's unit.
    const line = JSON.stringify({ id: 'x', text: '😀 Kerry', spans: [{ start: 3, end: 8, label: 'PER', text: 'Kerry' }] })
    expect(records(decodeAll(codec, line, 'utf16'))[0].spans[0].start).toBe(3)
    expect(decodeAll(codec, line, 'codepoint')).toMatchObject([{ error: { line: 1, reason: expect.stringMatching(/out of bounds|does not match/) } }])
  })
})

describe('jsonl codec: what brat corpora bring', () => {
  it('keeps discontinuous fragments, trigger spans, role relations and the normalized name', () => {
    const text = '😀 North and South Korea'
    // UTF-16: North 3-8, South Korea 13-24.
    const layer = makeLayer(text, [[3, 24, 'GPE', 'T1'], [13, 24, 'GPE', 'T2']], [[0, 1, 'Arg']])
    layer.spans[0] = { ...layer.spans[0], fragments: [[3, 8], [19, 24]], kind: 'trigger' }
    layer.spans[1] = { ...layer.spans[1], norm: 'Wikidata:Q884', normText: 'South Korea' }
    layer.relations[0] = { ...layer.relations[0], kind: 'role' }
    const codec = streamCodec('jsonl')
    for (const unit of ['codepoint', 'utf16'] as const) {
      const out = encodeAll(codec, [layer], unit).out
      const [r] = records(decodeAll(codec, out, unit))
      expect(r.spans[0]).toMatchObject({ start: 3, end: 24, fragments: [[3, 8], [19, 24]], kind: 'trigger' })
      expect(r.spans[1]).toMatchObject({ norm: 'Wikidata:Q884', normText: 'South Korea', fragments: null })
      expect(r.spans[1].kind).toBeUndefined()
      expect(r.relations[0]).toMatchObject({ head: 0, tail: 1, kind: 'role' })
    }
    expect(JSON.parse(encodeAll(codec, [layer]).out).spans[0].fragments).toEqual([[2, 7], [18, 23]])
  })

  it.each([
    [[[0, 2], [1, 5]], /fragments\[1\] overlaps/],
    [[[0, 2], [3, 4]], /start and end must be the first fragment's start/],
    [[[0, 2], [3, 9]], /fragments\[1\].*out of bounds/],
  ])('refuses bad fragments %j', (fragments, reason) => {
    const line = JSON.stringify({ id: 'x', text: 'abcde', spans: [{ start: 0, end: 5, label: 'L', fragments }] })
    expect(decodeAll(streamCodec('jsonl'), line)).toMatchObject([{ error: { line: 1, reason: expect.stringMatching(reason) } }])
  })
})

describe('formats without fragments', () => {
  it('write a discontinuous span as its fragments (annotation tools and training formats alike) and say so once', () => {
    const layer = makeLayer('North and South Korea', [[0, 21, 'GPE'], [10, 21, 'GPE']])
    layer.spans[0] = { ...layer.spans[0], fragments: [[0, 5], [16, 21]] }
    for (const f of ['doccano', 'doccano-rel', 'labelstudio', 'webanno-tsv', 'spacy', 'spacy-jsonl', 'conll', 'hf', 'prodigy'] as const) {
      const { warnings } = encodeAll(streamCodec(f), [layer, layer])
      expect([f, warnings.filter((w) => /discontinuous/.test(w))]).toEqual([
        f,
        [`${f}: 2 discontinuous spans were written as their fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label`],
      ])
    }
    expect(encodeAll(streamCodec('jsonl'), [layer]).warnings).toEqual([])
  })
})
