// doccano 1.x exports other than sequence labeling: intent detection (`entities` as triples beside `cats`), text
// classification (`label` lists category names) and doccano 1.0's `annotations` with label ids. Files in
// test/fixtures/peers/doccano (see SOURCES.md).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATEGORIES_NOTE, LABEL_ID_NOTE, doccanoCodec, doccanoRelCodec } from '../../../../src/shared/formats/doccano'
import { detectFormat } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, encodeAll, recordView, records } from './formatTestUtil'

const peer = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'doccano', name), 'utf8')

describe('doccano intent detection and slot filling', () => {
  it('reads `entities` given as [start, end, label] and keeps `cats` in meta, counted', () => {
    for (const file of ['intent_detection_example.jsonl', 'intent_detection_export.jsonl']) {
      const text = peer(file)
      expect(detectFormat(file, text)).toBe('doccano-rel')
      const recs = records(decodeAll(doccanoRelCodec, text))
      expect(recs.map(recordView)[0].spans.map(([, , l]) => l)).toEqual(['City', 'City'])
      expect(recs[0].notes).toEqual({ [CATEGORIES_NOTE]: 1 })
    }
    const [first] = records(decodeAll(doccanoRelCodec, peer('intent_detection_export.jsonl')))
    expect(recordView(first).spans).toEqual([
      [19, 26, 'City'],
      [30, 36, 'City'],
    ])
    expect(first.externalId).toBe('51')
    expect(first.meta.doccano).toEqual({ cats: ['flight'], Comments: [] })
  })
})

describe('doccano text classification', () => {
  it('is a document with its categories in meta (no spans), not a refused line; the export writes them back as `cats`', () => {
    const text = peer('text_classification_export.jsonl')
    expect(detectFormat('admin.jsonl', text)).toBe('doccano')
    const recs = records(decodeAll(doccanoCodec, text))
    expect(recs.map((r) => [r.externalId, r.spans.length, r.meta.doccano])).toEqual([
      ['41', 0, { source: 'reviews', Comments: [], cats: ['negative'] }],
      ['42', 0, { source: 'reviews', Comments: ['two labels?'], cats: ['positive', 'shipping'] }],
      ['43', 0, { source: 'reviews', Comments: [] }],
    ])
    expect(recs[0].notes).toEqual({ [CATEGORIES_NOTE]: 1 })
    expect(recs[2].notes).toBeUndefined()
    const layer = { externalId: '42', title: '42', text: recs[1].text, meta: recs[1].meta, annotator: 'amy', status: null, spans: [], relations: [] }
    const line = JSON.parse(encodeAll(doccanoCodec, [layer]).out)
    // doccano's id was the JSON number 42: written back as one (jsonIdType.ts).
    expect(line).toMatchObject({ id: 42, label: [], cats: ['positive', 'shipping'], source: 'reviews' })
    // The written line reads back with the same categories.
    expect(records(decodeAll(doccanoCodec, JSON.stringify(line)))[0].meta.doccano).toMatchObject({ cats: ['positive', 'shipping'] })
  })

  it('refuses a line mixing category names and span triples, naming the item', () => {
    const items = decodeAll(doccanoCodec, JSON.stringify({ text: 'ab', label: ['x', [0, 1, 'A']] }))
    expect(JSON.stringify(items)).toMatch(/label\[0\] must be an array/)
  })
})

describe("doccano 1.0's export with label ids", () => {
  it('is read as doccano (not taken for Label Studio annotations): each user a layer, labels the label ids, counted', () => {
    const text = peer('v1_0_label_id_export.jsonl')
    expect(detectFormat('doccano.jsonl', text)).toBe('doccano')
    const [rec] = records(decodeAll(doccanoCodec, text))
    expect([rec.annotator, recordView(rec).spans]).toEqual([
      'user1',
      [
        [0, 2, '3'],
        [11, 17, '5'],
      ],
    ])
    expect(rec.notes).toEqual({ [LABEL_ID_NOTE]: 2 })
    // Read, so not kept to be written back beside the spans' `label` (a re-import would read them twice).
    expect(rec.meta.doccano).toEqual({ annotation_approver: null })
  })

  it("reads doccano-transformer's own multi-user test file as doccano-transformer does: a layer per user", () => {
    const text = peer('transformer_labeling_multi_users.jsonl')
    expect(detectFormat('labeling_multi_users.jsonl', text)).toBe('doccano')
    const recs = records(decodeAll(doccanoCodec, text))
    expect(recs.map((r) => [r.externalId, r.annotator, r.spans.length])).toEqual([
      ['2578', 'user1', 5],
      ['2578', 'user2', 5],
      ['2580', 'user2', 6],
    ])
    // doccano-transformer's labeling_multi_users.spacy.user2: "United Arab Emirates" is 12 (B-12 I-12 L-12).
    const united = recs[1].spans.find((s) => recs[1].text.slice(s.start, s.end) === 'United Arab Emirates')
    expect(united?.label).toBe('12')
    expect(recs[0].notes).toEqual({ [LABEL_ID_NOTE]: 10 })
  })

  it("reads a text classification project's export (annotations without offsets) as categories kept in meta, not as Label Studio annotations", () => {
    const text = peer('transformer_classification.jsonl')
    expect(detectFormat('classification.jsonl', text)).toBe('doccano')
    const recs = records(decodeAll(doccanoCodec, text))
    expect(recs.map((r) => [r.externalId, r.spans.length, r.status, r.meta.doccano])).toEqual([
      ['2591', 0, null, { annotation_approver: null, annotations: [{ label: 15, user: 1 }] }],
      ['2592', 0, null, { annotation_approver: null, annotations: [{ label: 17, user: 1 }] }],
      ['2593', 0, null, { annotation_approver: null, annotations: [{ label: 17, user: 1 }] }],
    ])
    expect(recs[0].notes).toEqual({ [CATEGORIES_NOTE]: 1 })
  })

  it("reads doccano's JSON export (its JSONL records as one array on one line, as pandas writes it), naming a bad record's line", () => {
    const text = peer('text_classification_export.json')
    expect(detectFormat('admin.json', text)).toBe('doccano')
    const recs = records(decodeAll(doccanoCodec, text))
    expect(recs.map((r) => [r.externalId, r.text, r.meta.doccano])).toEqual(records(decodeAll(doccanoCodec, peer('text_classification_export.jsonl'))).map((r) => [r.externalId, r.text, r.meta.doccano]))
    const pretty = JSON.stringify([{ id: 1, text: 'Apple', label: [[0, 5, 'ORG']] }, { id: 2, text: 'Pear', label: [[0, 9, 'ORG']] }], null, 2)
    const items = decodeAll(doccanoCodec, pretty)
    expect(records(items.slice(0, 1)).map(recordView)).toEqual([{ spans: [[0, 5, 'ORG']], relations: [] }])
    expect(JSON.stringify(items[1])).toMatch(/"line":13/u)
    expect(detectFormat('rel.json', JSON.stringify([{ id: 1, text: 'ab', entities: [{ id: 1, label: 'A', start_offset: 0, end_offset: 1 }], relations: [] }]))).toBe('doccano-rel')
  })
})
