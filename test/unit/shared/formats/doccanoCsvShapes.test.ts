// doccano's CSV exports as each version writes them (doccano 1.0's row per annotation, 1.2-1.5's `data` column,
// 1.6+'s sequence-to-sequence CSV), and CSVs with text and label columns that are not doccano's: read right, or
// refused naming the line and why, never read as categories (test/fixtures/peers/SOURCES.md, h68).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATEGORIES_NOTE, LABEL_ID_NOTE, doccanoCodec } from '../../../../src/shared/formats/doccano'
import { sniffFormat } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from './formatTestUtil'

const peer = (dir: string, name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', dir, name), 'utf8')

describe("doccano 1.0's CSV export (a row per annotation)", () => {
  it('sequence labeling: detected, the rows of a document one record, a layer per user, spans labelled by the id, meta and approver kept', () => {
    const csv = peer('doccano', 'v1_0_sequence_labeling_export.csv')
    expect(sniffFormat('project_1.csv', csv)).toEqual({ format: 'doccano' })
    const items = decodeAll(doccanoCodec, csv, 'codepoint', 'project_1.csv')
    expect(errors(items)).toEqual([])
    const recs = records(items)
    expect(recs.map((r) => [r.line, r.externalId, r.annotator, r.spans.map((s) => [s.start, s.end, s.label])])).toEqual([
      [2, '1', 'user1', [[0, 2, '3'], [11, 17, '5']]],
      [2, '1', 'user2', [[0, 2, '3']]],
      [5, '2', 'user2', [[0, 15, '4']]],
      [6, '4', 'user1', [[35, 43, '6']]],
    ])
    expect(recs[3].text).toBe('She said "fine, thanks",\nthen left Brussels.')
    expect(recs[2].meta).toMatchObject({ source: 'reuters', doccano: { annotation_approver: 'admin' } })
    expect(recs[0].notes).toEqual({ [LABEL_ID_NOTE]: 3 })
  })

  it('text classification: the label ids of each document kept as its categories (as the JSON export of the same project is read)', () => {
    const csv = peer('doccano', 'v1_0_classification_export.csv')
    expect(sniffFormat('p.csv', csv)).toEqual({ format: 'doccano' })
    const recs = records(decodeAll(doccanoCodec, csv, 'codepoint', 'p.csv'))
    const jsonl = records(decodeAll(doccanoCodec, peer('doccano', 'transformer_classification.jsonl')))
    expect(recs.map((r) => [r.externalId, r.text, r.meta, r.notes])).toEqual(jsonl.map((r) => [r.externalId, r.text, r.meta, r.notes]))
    expect(recs[0].notes).toEqual({ [CATEGORIES_NOTE]: 1 })
  })

  it('a row whose label is no id, or a document whose rows disagree on its text, is refused at its line', () => {
    const items = decodeAll(doccanoCodec, 'annotation_approver,id,label,text,user\n,1,3,ab,1\n,2,PER,cd,1\n,1,4,xy,1\n,1,5,zz,1\n', 'codepoint', 'x.csv')
    expect(errors(items).map((e) => `${e.line}: ${e.reason}`)).toEqual(['3: the label cell must be a doccano 1.0 label id (a number), not "PER"', '5: document id 1 has another text here than on line 4 (doccano 1.0 repeats a document\'s text on each of its annotations\' rows)'])
    expect(sniffFormat('x.csv', 'annotation_approver,id,label,text,user\n,1,3,ab,1\n,2,PER,cd,1\n')).toMatchObject({ format: null, line: 3, reason: /label ids/ })
  })
})

describe('doccano 1.2-1.5 CSV (`id,data,label`, a file per user)', () => {
  it('is detected and read with the text under `data`, as its JSONL export is', () => {
    const csv = peer('doccano', 'v1_2_text_classification_admin.csv')
    expect(sniffFormat('admin.csv', csv)).toEqual({ format: 'doccano' })
    const recs = records(decodeAll(doccanoCodec, csv, 'codepoint', 'admin.csv'))
    expect(recs.map((r) => [r.externalId, r.text, r.meta.doccano])).toEqual([
      ['41', 'Terrible customer service.', { source: 'reviews', cats: ['negative'] }],
      ['42', 'Really great transaction.', { source: 'reviews', cats: ['positive', 'shipping'] }],
      ['43', 'No opinion yet.', { source: 'reviews' }],
    ])
  })
})

describe('CSVs with text and label columns that are not doccano text classification', () => {
  it("doccano's sequence-to-sequence CSV (answers in label) is refused at the first such row, by detection and by the reader", () => {
    const csv = peer('doccano', 'seq2seq_export.csv')
    expect(sniffFormat('mt.csv', csv)).toMatchObject({ format: null, line: 2, reason: /^the label column holds a sentence \("Bonjour, comment allez-vous \?"\), not category names/ })
    // --format doccano does not make answers categories either.
    const items = decodeAll(doccanoCodec, csv, 'codepoint', 'mt.csv')
    expect(errors(items).map((e) => e.line)).toEqual([2])
  })

  it("a Hugging Face dataset's CSV (class numbers, no id column) is refused, naming what the numbers are", () => {
    expect(sniffFormat('train.csv', peer('csv-other', 'hf_dataset_to_csv.csv'))).toMatchObject({ format: null, line: 1, reason: /class numbers as a Hugging Face dataset's CSV writes them/ })
    // With an id column (doccano's), numeric label names are names.
    expect(sniffFormat('a.csv', 'id,text,label\n1,ab,1\n').format).toBe('doccano')
  })

  it("another tool's columns beside text and label are named, and the file is not read as doccano's", () => {
    expect(sniffFormat('db.csv', peer('csv-other', 'prodigy_pandas_flat.csv'))).toMatchObject({ format: null, line: 1, reason: /but also Prodigy's columns _input_hash, _task_hash, answer: not doccano's CSV export/ })
    expect(sniffFormat('a.csv', 'id,text,label,start,end\n1,ab,X,0,1\n')).toMatchObject({ format: null, reason: /span or token columns start, end/ })
  })

  it('short labels with spaces, and numbers with an id column, are still category names', () => {
    expect(sniffFormat('a.csv', 'id,text,label\n1,Great food. Slow service.,very positive#food quality\n').format).toBe('doccano')
  })
})
