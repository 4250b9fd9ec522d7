// Label Studio shapes older or quieter than the 1.x export: 0.x's `completions` (label-studio-converter reads them when
// a task has no `annotations`), its `skipped` (the converter drops it as it drops `was_cancelled`), and the empty
// `prediction: {}` an annotation carries when it did not start from a prediction.
import { describe, expect, it } from 'vitest'
import { LS_NOTES } from '../../../../src/shared/formats/labelStudioTasks'
import { labelStudioCodec } from '../../../../src/shared/formats/labelStudio'
import { detectFormat } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, recordView, records } from './formatTestUtil'
import type { SpanSpec } from './formatTestUtil'

const region = (id: string, start: number, end: number, text: string, label: string) => ({
  id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { start, end, text, labels: [label] },
})

// As Label Studio 0.x exported a project (a task per completed item, `completions` instead of `annotations`).
const LEGACY = JSON.stringify([
  {
    id: 0,
    data: { text: 'Opossums like to be aloft in trees.' },
    completions: [
      { id: 1, lead_time: 12.5, created_at: 1580000000, result: [region('a1', 0, 8, 'Opossums', 'Animal'), region('a2', 29, 34, 'trees', 'Plant')] },
      { id: 2, skipped: true, created_at: 1580000100, result: [region('s1', 0, 8, 'Opossums', 'Plant')] },
    ],
    predictions: [],
  },
])

describe('Label Studio 0.x completions', () => {
  it('are read as annotations (they were dropped without a word), a skipped one counted as cancelled', () => {
    expect(detectFormat('export.json', LEGACY)).toBe('labelstudio')
    const recs = records(decodeAll(labelStudioCodec, LEGACY))
    expect(recs.map((r) => recordView(r).spans)).toEqual([
      [
        [0, 8, 'Animal'],
        [29, 34, 'Plant'],
      ],
    ])
    expect(recs[0].status).toBe('done')
    expect(recs[0].notes).toEqual({ [LS_NOTES.cancelled]: 1 })
  })

  it('are written back as `annotations`', () => {
    const [rec] = records(decodeAll(labelStudioCodec, LEGACY))
    const layer = { externalId: rec.externalId, title: rec.title, text: rec.text, meta: rec.meta, annotator: 'amy', status: null, spans: [], relations: [] }
    const [task] = JSON.parse(encodeAll(labelStudioCodec, [layer]).out)
    expect(task.completions).toBeUndefined()
    expect(Array.isArray(task.annotations)).toBe(true)
  })
})

describe('an annotation with `prediction: {}`', () => {
  it('is not counted as a copy of a prediction (only a prediction object with content is)', () => {
    const task = (prediction: unknown) =>
      JSON.stringify([{ id: 3, data: { text: 'Ada Lovelace' }, annotations: [{ id: 9, completed_by: 1, result: [region('r', 0, 12, 'Ada Lovelace', 'PER')], prediction }] }])
    expect(records(decodeAll(labelStudioCodec, task({})))[0].notes).toBeUndefined()
    expect(records(decodeAll(labelStudioCodec, task({ id: 4, result: [] })))[0].notes).toEqual({ [LS_NOTES.embedded]: 1 })
  })
})

describe("a region's meta text (Label Studio's per-region Meta field)", () => {
  it('is the span note, written back as the region meta; other meta keys are counted (it was dropped without a word)', () => {
    const r = { ...region('a', 0, 12, 'Barack Obama', 'PER'), meta: { text: ['check the title', 'second line'] } }
    const other = { ...region('b', 17, 30, 'Angela Merkel', 'PER'), meta: { score: 3 } }
    const file = JSON.stringify([{ id: 4, data: { text: 'Barack Obama met Angela Merkel' }, annotations: [{ id: 7, completed_by: 1, result: [r, other] }] }])
    const [rec] = records(decodeAll(labelStudioCodec, file))
    expect(rec.spans.map((s) => s.note)).toEqual(['check the title\nsecond line', ''])
    expect(rec.notes).toEqual({ [LS_NOTES.regionMeta]: 1 })
    const layer = makeLayer(rec.text, rec.spans.map((s) => [s.start, s.end, s.label] as SpanSpec), [], { meta: rec.meta, annotator: 'user1' })
    layer.spans.forEach((s, i) => (s.note = rec.spans[i].note))
    const [task] = JSON.parse(encodeAll(labelStudioCodec, [layer]).out)
    expect(task.annotations[0].result.map((x: { meta?: unknown }) => x.meta)).toEqual([{ text: ['check the title\nsecond line'] }, undefined])
  })
})
