// Format detection on the shape of the records: real first records of other tools' files, and tricky ones.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SAMPLE_RECORDS, detectFormat, looksTokenPerLine, sniffFormat } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'

const PEERS = path.join(REPO_ROOT, 'test', 'fixtures', 'peers')
const j = (o: unknown) => JSON.stringify(o)
const lines = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : j(r))).join('\n') + '\n'

describe('every peer file is detected as the tool that wrote it', () => {
  it.each([
    ['doccano/seq_export_example.jsonl', 'doccano'],
    ['doccano/seq_overlapping.jsonl', 'doccano'],
    ['doccano/rel_import_test.jsonl', 'doccano-rel'],
    ['prodigy/news_headlines_ner_manual.head40.jsonl', 'prodigy'],
    ['prodigy/rel_component_annotations.head20.jsonl', 'prodigy'],
    ['prodigy/nel_emerson_annotated.jsonl', 'prodigy'],
    ['labelstudio/converter_csv_test.json', 'labelstudio'],
    ['labelstudio/ls_editor_named_entity_annotation.json', 'labelstudio'],
    ['spacy/ner_demo_train.json', 'spacy'],
    ['conll/doccano_example.conll', 'conll'],
    ['conll/spacy_ner-token-per-line-conll2003.iob', 'conll'],
  ])('%s is %s', (file, want) => {
    const text = fs.readFileSync(path.join(PEERS, file), 'utf8')
    expect(detectFormat(path.basename(file), text)).toBe(want)
  })

  it('the CoNLL peer files are CoNLL by content too, under names that say nothing (train.txt, data)', () => {
    for (const file of ['conll/doccano_example.conll', 'conll/spacy_ner-token-per-line-conll2003.iob']) {
      const text = fs.readFileSync(path.join(PEERS, file), 'utf8')
      expect([file, looksTokenPerLine(text), detectFormat('data', text)]).toEqual([file, true, 'conll'])
    }
  })

  // The first lines of the spaCy and CoNLL peer files (explosion/projects ner_demo train.json, spaCy's
  // ner-token-per-line-conll2003.iob, doccano's example.conll), as those tools wrote them.
  it('spaCy training data as ONE pretty-printed JSON array is spaCy', () => {
    const head = '[\n  [\n    "Who is Shaka Khan?",\n    {\n      "entities":[\n        [\n          7,\n          17,\n          "PERSON"\n        ]\n      ]\n    }\n  ]\n]\n'
    expect(detectFormat('train.json', head)).toBe('spacy')
    expect(detectFormat('train.json', '[\n  [\n    "Who is', true)).toBe('spacy')
    expect(detectFormat('train.jsonl', '["Who is Shaka Khan?", {"entities": [[7, 17, "PERSON"]]}]\n')).toBe('spacy')
  })

  it('CoNLL with and without -DOCSTART-, by extension and by content', () => {
    const four = 'When WRB _ O\nSebastian NNP _ B-PERSON\nThrun NNP _ I-PERSON\nstarted VBD _ O\n'
    const two = 'JAPAN\tB-LOC\nGET\tO\n\nNadim\tB-PER\nLadki\tI-PER'
    expect(detectFormat('ner.iob', `-DOCSTART- -X- O O\n\n${four}`)).toBe('conll')
    expect(detectFormat('example.conll', two)).toBe('conll')
    expect(detectFormat('train.tsv', two)).toBe('conll')
    expect(detectFormat('train', four)).toBe('conll')
    expect(looksTokenPerLine(four)).toBe(true)
    expect(looksTokenPerLine(two)).toBe(true)
    // Prose, a single tagged line, or lines whose last word only looks like a tag are not token-per-line.
    expect(looksTokenPerLine('It was a day O\nand then another day O\n')).toBe(false)
    expect(looksTokenPerLine('Kerry B-PER\n')).toBe(false)
    expect(looksTokenPerLine('The meeting was held in Brussels.\nKerry met Michel B-PER\n')).toBe(false)
    expect(detectFormat('notes.txt', four)).toBe('txt') // a .txt file's content is looked at by the importer (see inputSources)
  })
})

describe('detection decides on the shape of the records, not on stray keys', () => {
  const native = { id: 'd1', text: 'Kerry met Michel.', annotator: 'a', spans: [{ id: 'T1', start: 0, end: 5, label: 'PERSON' }] }
  it.each([
    ['native with meta.labels (read as doccano before)', lines({ ...native, meta: { labels: ['PERSON'] } }), 'jsonl'],
    ['native with an empty entities key', lines({ ...native, entities: [] }), 'jsonl'],
    ['native with a label string in meta', lines({ ...native, meta: { label: [[0, 5, 'PERSON']] } }), 'jsonl'],
    ['doccano with a stray spans key that is empty', lines({ id: 1, text: 'x y', label: [[0, 1, 'L']], spans: [] }), 'doccano'],
    ['doccano 1.x: the text under data', lines({ id: 7, data: 'EU rejects German call', label: [[0, 2, 'ORG']] }), 'doccano'],
    ['doccano-rel without relation ids', lines({ text: 'Google', entities: [{ id: 0, start_offset: 0, end_offset: 6, label: 'ORG' }], relations: [{ from_id: 0, to_id: 0, type: 'x' }] }), 'doccano-rel'],
    ['empty doccano-rel records use its keys', lines({ id: 1, text: 'x', entities: [], relations: [] }), 'doccano-rel'],
    ['Prodigy ner.teach: no tokens, one suggested span, an answer', lines({ text: 'Uber’s Lesson', _input_hash: 1, _task_hash: 2, spans: [{ start: 0, end: 4, text: 'Uber', rank: 0, label: 'ORG', score: 0.4 }], meta: { score: 0.4 }, _view_id: 'ner', answer: 'reject' }), 'prodigy'],
    ['Prodigy input stream (bio_events: text and meta only)', lines({ text: 'Although the bcr-abl translocation', meta: { source: 'BioNLP' } }, { text: 'The hallmark', meta: { source: 'BioNLP' } }), 'prodigy'],
    ['Prodigy textcat: a category label string', lines({ text: 'Update Docs', label: 'DOCUMENTATION', _input_hash: 1, _task_hash: 2, answer: 'accept' }), 'prodigy'],
    ['our own Prodigy export (id, tokens, answer)', lines({ id: 'd', text: 'Kerry', tokens: [{ text: 'Kerry', start: 0, end: 5, id: 0 }], spans: [{ start: 0, end: 5, token_start: 0, token_end: 0, label: 'P' }], answer: 'accept' }), 'prodigy'],
    ['Hugging Face token tags', lines({ tokens: ['EU', 'rejects'], ner_tags: ['B-ORG', 'O'] }), 'hf'],
    ['one Label Studio task a line', lines({ id: 1, data: { text: 'x' }, annotations: [] }, { id: 2, data: { text: 'y' }, annotations: [] }), 'labelstudio'],
    ['a first line without annotations does not decide alone', lines({ id: 1, text: 'a', label: [] }, { id: 2, text: 'b', label: [[0, 1, 'L']] }), 'doccano'],
    ['text with ids only: the native format', lines({ id: 'a', text: 'x' }), 'jsonl'],
    // Keys of one format with values of another shape: that format's reader names the fault (a doccano
    // classification file: labels are strings, not span triples; a native span whose start is a string).
    ['doccano keys, classification values', lines({ id: 1, text: 'a', label: ['positive'] }), 'doccano'],
    ['native keys, a bad span', lines({ id: 'x', text: 'abc', spans: [{ start: '0', end: 1, label: 'L' }] }), 'jsonl'],
  ])('%s', (_name, head, want) => {
    expect(sniffFormat('in.jsonl', head)).toEqual({ format: want })
  })

  it.each([
    ['native spans and doccano-rel entities in one record', lines({ ...native, entities: [{ id: 0, start_offset: 0, end_offset: 5, label: 'PERSON' }] }), 1, /^ambiguous: .*"spans".*"entities".*pass --format$/],
    ['doccano label and native spans in one record', lines({ id: 1, text: 'x y', label: [[0, 1, 'L']], spans: [{ start: 0, end: 1, label: 'L' }] }), 1, /^ambiguous: .*"label".*"spans"/],
    ['a native line, then a doccano one', lines(native, { id: 2, text: 'y', label: [[0, 1, 'L']] }), 2, /^mixed formats: line 1 reads as jsonl, this line as doccano; pass --format$/],
    ['a doccano file whose 3rd line is native', lines({ id: 1, text: 'a', label: [[0, 1, 'L']] }, { id: 2, text: 'b', label: [] }, native), 3, /mixed formats/],
    ['a JSON array of native records', `[\n${j(native)}\n]\n`, 2, /a JSON array of jsonl records/],
    ['one pretty-printed object that is not a task', '{\n  "id": "x",\n  "text": "y",\n  "label": [[0, 1, "L"]]\n}\n', 1, /one JSON object that is not a Label Studio task/],
  ])('refuses %s, naming the line', (_name, head, line, reason) => {
    const d = sniffFormat('in.jsonl', head)
    expect(d.format).toBeNull()
    expect(d).toMatchObject({ line, reason: expect.stringMatching(reason) })
  })

  it(`samples up to ${SAMPLE_RECORDS} records: a mixed file is refused when the other format starts within them`, () => {
    const doccano = (i: number) => ({ id: i, text: 'ab', label: [[0, 1, 'L']] })
    const within = Array.from({ length: SAMPLE_RECORDS - 1 }, (_, i) => doccano(i))
    expect(sniffFormat('a.jsonl', lines(...within, native))).toMatchObject({ format: null, line: SAMPLE_RECORDS })
    // Beyond the sample the codec refuses the line itself (see the codec tests): it does not read another format's spans.
    expect(sniffFormat('a.jsonl', lines(...within, doccano(99), native))).toEqual({ format: 'doccano' })
  })

  it('Label Studio: an array of tasks, bare tasks, one task object over many lines, an empty array', () => {
    expect(detectFormat('a.json', j([{ id: 1, data: { text: 'x' }, annotations: [] }]))).toBe('labelstudio')
    expect(detectFormat('a.json', j([{ text: 'bare task', id: 3 }]))).toBe('labelstudio')
    expect(detectFormat('a.json', '{\n  "data": {"text": "x"},\n  "annotations": []\n}\n')).toBe('labelstudio')
    expect(detectFormat('a.json', '{\n  "text": "a bare task"\n}\n')).toBe('labelstudio')
    expect(detectFormat('a.json', '[]')).toBe('labelstudio')
    // A single task too big for the head is told by its keys.
    expect(detectFormat('a.json', '{\n  "annotations": [\n    {"result": [', true)).toBe('labelstudio')
  })

  it('extensions: .txt is plain text, .ann brat, unknown content in a .csv cannot be told', () => {
    expect(detectFormat('a.txt', '{"id":"x","text":"y"}')).toBe('txt')
    expect(detectFormat('a.ann', '')).toBe('brat')
    expect(sniffFormat('a.csv', 'a,b\n')).toMatchObject({ format: null, reason: /cannot tell the file's format; pass --format/ })
    // Bytes no JSON reader takes in a .jsonl: the native reader names the fault line by line.
    expect(detectFormat('a.jsonl', '{"id": 1,,,\n')).toBe('jsonl')
  })
})
