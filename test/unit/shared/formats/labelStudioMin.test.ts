import { describe, expect, it } from 'vitest'
import { detectFormat, streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, records } from './formatTestUtil'

/**
 * Label Studio's JSON-MIN export (label-studio-converter `convert_to_json_min`):
 * one record per annotation, the task's data fields at the top level, each
 * control tag's regions under its name (`"label": [{start, end, text,
 * labels}]`), and `annotator`, `annotation_id`, `created_at`, `updated_at`,
 * `lead_time`. It used to be undetectable ("cannot tell the format") and, with
 * --format labelstudio, refused (its regions "would be lost").
 */

const codec = streamCodec('labelstudio')
const MIN = [
  { text: '😀 Barack Obama met Angela Merkel', id: 1, label: [{ start: 2, end: 14, text: 'Barack Obama', labels: ['PER'] }, { start: 19, end: 32, text: 'Angela Merkel', labels: ['PER'] }], annotator: 'ann@example.org', annotation_id: 3, created_at: '2021-08-23T12:19:18.905800Z', updated_at: '2021-08-23T12:19:18.905819Z', lead_time: 8.4 },
  { text: '😀 Barack Obama met Angela Merkel', id: 1, label: [{ start: 2, end: 8, text: 'Barack', labels: ['PER'] }], annotator: 'bob@example.org', annotation_id: 4, created_at: '2021-08-23T12:19:18.905800Z', updated_at: '2021-08-23T12:19:18.905819Z', lead_time: 2 },
  { review: 'Paris is nice', title: 'T', id: 2, ner: [{ start: 0, end: 5, text: 'Paris', labels: ['LOC'] }], sentiment: 'Positive', annotator: 7, annotation_id: 5 },
]

describe('Label Studio JSON-MIN', () => {
  it('is detected as labelstudio', () => {
    expect(detectFormat('export.json', JSON.stringify(MIN, null, 2))).toBe('labelstudio')
  })

  it('reads each record as one annotator\'s layer of its task, the text under whatever key the regions match', () => {
    const rs = records(decodeAll(codec, JSON.stringify(MIN, null, 2)))
    expect(rs.map((r) => [r.externalId, r.annotator, r.text, r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])])).toEqual([
      ['1', 'ann@example.org', MIN[0].text, [['Barack Obama', 'PER'], ['Angela Merkel', 'PER']]],
      ['1', 'bob@example.org', MIN[0].text, [['Barack', 'PER']]],
      ['2', 'user7', 'Paris is nice', [['Paris', 'LOC']]],
    ])
    expect(rs[2].title).toBe('T')
  })
})
