// A Label Studio task labelled on two <Text> objects (`title` and `body`) is a document per field (before h60 it was
// refused: 'data has no "text" and several text fields'). Tasks shaped as Label Studio's JSON export writes them.
import { describe, expect, it } from 'vitest'
import { labelStudioCodec } from '../../../../src/shared/formats/labelStudio'
import { CROSS_FIELD_NOTE } from '../../../../src/shared/formats/labelStudioTextFields'
import { LS_NOTES } from '../../../../src/shared/formats/labelStudioTasks'
import { decodeAll, encodeAll, errors, makeLayer, records } from './formatTestUtil'
import type { RelationSpec, SpanSpec } from './formatTestUtil'

const region = (id: string, toName: string, start: number, end: number, text: string, label: string) => ({
  id,
  type: 'labels',
  from_name: `${toName}_label`,
  to_name: toName,
  origin: 'manual',
  value: { start, end, text, labels: [label] },
})
const relation = (from: string, to: string, label: string) => ({ type: 'relation', from_id: from, to_id: to, direction: 'right', labels: [label] })

function task(names: { title: string; body: string } = { title: 'title', body: 'body' }) {
  return {
    id: 7,
    data: { title: 'Merkel visits Paris', body: 'Angela Merkel met Macron in Paris.', source: 'wire' },
    annotations: [
      {
        id: 1,
        completed_by: 1,
        was_cancelled: false,
        result: [
          region('t1', names.title, 0, 6, 'Merkel', 'PER'),
          region('t2', names.title, 14, 19, 'Paris', 'LOC'),
          region('b1', names.body, 0, 13, 'Angela Merkel', 'PER'),
          region('b2', names.body, 18, 24, 'Macron', 'PER'),
          region('b3', names.body, 28, 33, 'Paris', 'LOC'),
          relation('b1', 'b2', 'met'),
          relation('t1', 'b1', 'same_as'),
          { id: 'c1', type: 'choices', from_name: 'topic', to_name: names.body, value: { choices: ['politics'] } },
        ],
      },
    ],
  }
}

const view = (r: { externalId: string; text: string; spans: { start: number; end: number; label: string }[]; relations: { head: number; tail: number; label: string }[] }) => ({
  id: r.externalId,
  spans: r.spans.map((s) => `${r.text.slice(s.start, s.end)}/${s.label}`),
  relations: r.relations.map((x) => `${r.text.slice(r.spans[x.head].start, r.spans[x.head].end)} ${x.label} ${r.text.slice(r.spans[x.tail].start, r.spans[x.tail].end)}`),
})

describe('a Label Studio task with regions on two text fields', () => {
  it('is a document per field, id <task id>/<field>, each region on its own text, relations within a field kept and across fields counted', () => {
    const recs = records(decodeAll(labelStudioCodec, JSON.stringify([task()]), 'codepoint', 'export.json'))
    expect(recs.map(view)).toEqual([
      { id: '7/title', spans: ['Merkel/PER', 'Paris/LOC'], relations: [] },
      { id: '7/body', spans: ['Angela Merkel/PER', 'Macron/PER', 'Paris/LOC'], relations: ['Angela Merkel met Macron'] },
    ])
    expect(recs.map((r) => [r.text, r.annotator, r.status])).toEqual([
      ['Merkel visits Paris', 'user1', 'done'],
      ['Angela Merkel met Macron in Paris.', 'user1', 'done'],
    ])
    // The cross-field relation and the choices are said once, on the first field's document.
    expect(recs[0].notes).toEqual({ [CROSS_FIELD_NOTE]: 1, [LS_NOTES.otherType('choices')]: 1 })
    expect(recs[1].notes).toBeUndefined()
    // Each document keeps the task's other data, not the other labelled field, and its own id as data.id (for the export).
    expect(recs.map((r) => (r.meta.labelstudio as { data: object; textKey?: string }).textKey)).toEqual(['title', 'body'])
    expect((recs[1].meta.labelstudio as { data: object }).data).toEqual({ source: 'wire', id: '7/body' })
  })

  it('exported back to Label Studio, each field is a task of its own whose data.id names its document, so it reads back the same', () => {
    const recs = records(decodeAll(labelStudioCodec, JSON.stringify([task()])))
    const layers = recs.map((r) =>
      makeLayer(
        r.text,
        r.spans.map((x): SpanSpec => [x.start, x.end, x.label]),
        r.relations.map((x): RelationSpec => [x.head, x.tail, x.label]),
        { externalId: r.externalId, title: r.title, meta: r.meta, annotator: 'user1', status: 'done' },
      ),
    )
    const out = JSON.parse(encodeAll(labelStudioCodec, layers).out) as { id: number; data: Record<string, string> }[]
    expect(out.map((t) => [t.id, t.data])).toEqual([
      [7, { id: '7/title', title: 'Merkel visits Paris', source: 'wire' }],
      [7, { id: '7/body', body: 'Angela Merkel met Macron in Paris.', source: 'wire' }],
    ])
    const again = records(decodeAll(labelStudioCodec, JSON.stringify(out)))
    expect(again.map(view)).toEqual(recs.map(view))
  })

  it("JSON-MIN (and so CSV), which names no Text object: each control's regions go to the field they fit; a doubt is read as before", () => {
    const min = {
      id: 9,
      title: 'Merkel visits Paris',
      body: 'Angela Merkel met Macron in Paris.',
      title_label: [{ start: 0, end: 6, text: 'Merkel', labels: ['PER'] }],
      body_label: [{ start: 18, end: 24, text: 'Macron', labels: ['PER'] }],
      annotator: 'amy@example.org',
      annotation_id: 3,
    }
    const recs = records(decodeAll(labelStudioCodec, JSON.stringify([min])))
    expect(recs.map((r) => [r.externalId, r.annotator, r.spans.map((x) => r.text.slice(x.start, x.end))])).toEqual([
      ['9/title', 'amy@example.org', ['Merkel']],
      ['9/body', 'amy@example.org', ['Macron']],
    ])
    // A control whose regions fit both fields is not split on a guess: read as before (the one field all regions fit).
    const doubt = { ...min, title: 'Angela Merkel', title_label: [{ start: 0, end: 6, text: 'Angela', labels: ['PER'] }] }
    const one = records(decodeAll(labelStudioCodec, JSON.stringify([doubt])))
    expect(one.map((r) => [r.externalId, r.text, r.spans.length])).toEqual([['9', 'Angela Merkel met Macron in Paris.', 2]])
  })

  it('maps a Text object named other than its data key by where its regions fit; one that fits no field is refused naming it', () => {
    const recs = records(decodeAll(labelStudioCodec, JSON.stringify([task({ title: 'headline', body: 'body' })])))
    expect(recs.map((r) => r.externalId)).toEqual(['7/title', '7/body'])
    const t = task({ title: 'headline', body: 'body' })
    t.annotations[0].result[0] = region('t1', 'headline', 0, 6, 'Nobody', 'PER')
    expect(errors(decodeAll(labelStudioCodec, JSON.stringify([t]))).map((e) => e.reason)).toEqual([
      'task 0: regions on 2 text objects (headline, body), and "headline" names no data field; name each Text object after its data key',
    ])
  })
})
