// doccano's CSV export (text classification: `id,text,<meta>,label,Comments`, labels joined by `#`), written
// after doccano's writer (test/fixtures/peers/SOURCES.md). Read as the same project's JSONL export is read.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATEGORIES_NOTE, doccanoCodec } from '../../../../src/shared/formats/doccano'
import { detectFormat, sniffFormat } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from './formatTestUtil'

const peer = (dir: string, name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', dir, name), 'utf8')

describe("doccano's CSV export (text classification)", () => {
  it('is detected as doccano and read as the JSONL export of the same project is: categories in meta, other columns kept, counted', () => {
    const csv = peer('doccano', 'text_classification_export.csv')
    expect(detectFormat('admin.csv', csv)).toBe('doccano')
    const recs = records(decodeAll(doccanoCodec, csv, 'codepoint', 'admin.csv'))
    expect(recs.map((r) => [r.line, r.externalId, r.text, r.spans.length, r.meta.doccano])).toEqual([
      [2, '41', 'Terrible customer service.', 0, { source: 'reviews', cats: ['negative'] }],
      [3, '42', 'Really great transaction.', 0, { source: 'reviews', Comments: 'two labels?', cats: ['positive', 'shipping'] }],
      [4, '43', 'No opinion yet.', 0, { source: 'reviews' }],
      [5, '44', 'She said "fine, thanks".\nThen left.', 0, { cats: ['positive'] }],
    ])
    expect(recs.map((r) => r.notes)).toEqual([{ [CATEGORIES_NOTE]: 1 }, { [CATEGORIES_NOTE]: 1 }, undefined, { [CATEGORIES_NOTE]: 1 }])
    // The same project's JSONL export gives the same ids, texts and categories.
    const jsonl = records(decodeAll(doccanoCodec, peer('doccano', 'text_classification_export.jsonl')))
    expect(jsonl.map((r) => [r.externalId, r.text, (r.meta.doccano as { cats?: string[] }).cats])).toEqual(recs.slice(0, 3).map((r) => [r.externalId, r.text, (r.meta.doccano as { cats?: string[] }).cats]))
  })

  it("is not taken for Label Studio's CSV, nor a CSV without `text` and `label` for doccano's", () => {
    expect(detectFormat('ner_export.csv', peer('labelstudio', 'ner_export.csv'))).toBe('labelstudio')
    expect(sniffFormat('a.csv', 'text,category\nx,y\n')).toMatchObject({ format: null, reason: /cannot tell the file's format/ })
    // Span offsets without doccano 1.0's user column are in no doccano CSV: not taken for categories (doccanoCsvShapes.test.ts reads 1.0's).
    expect(sniffFormat('a.csv', 'id,text,label,start_offset,end_offset\n1,ab,3,0,1\n').format).toBeNull()
    // A .csv with doccano's columns but another extension is not guessed at.
    expect(sniffFormat('a.txt', 'id,text,label\n1,ab,x\n').format).toBe('txt')
  })

  it('names the line of a row with a cell too many and of an unclosed quote, and reads the rest', () => {
    const items = decodeAll(doccanoCodec, 'id,text,label\n1,ok,pos\n2,bad,pos,extra\n3,"open,pos\n', 'codepoint', 'x.csv')
    expect(records(items.filter((i) => 'record' in i)).map((r) => r.externalId)).toEqual(['1'])
    expect(errors(items).map((e) => `${e.line}: ${e.reason}`)).toEqual(['3: row 2 has 4 cells, the header 3 (a quote missing or a comma too many?)', '4: a quoted field is not closed before the end of the file (a " is missing)'])
  })
})
