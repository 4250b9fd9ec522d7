// Label Studio as its users' files are: one task a file, bare tasks, predictions as a model's layer,
// other result types and drafts counted, and the annotator where Label Studio reads it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { LS_NOTES } from '../../../src/shared/formats/labelStudioTasks'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'
import { PEERS } from './peerCounts'

type Obj = Record<string, any>
const TEXT = 'Kerry met Michel in Brussels.'
const region = (id: string, start: number, end: number, label: string) => ({ id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, text: TEXT.slice(start, end), labels: [label] } })

function write(dir: string, name: string, body: unknown): string {
  const f = path.join(dir, name)
  fs.writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body, null, 2))
  return f
}
const layers = (store: Store) =>
  store.db
    .prepare('SELECT d.external_id AS doc, a.name AS annotator, COUNT(s.id) AS spans FROM spans s JOIN documents d ON d.id = s.document_id JOIN annotators a ON a.id = s.annotator_id GROUP BY d.id, a.id ORDER BY doc, annotator')
    .all()

describe('Label Studio tasks', () => {
  it('a single task object (one file per task) imports, by detection, with its tag names kept for export', async () => {
    const { store, dir } = tempStore()
    const file = path.join(PEERS, 'labelstudio/ls_editor_named_entity_annotation.json')
    const r = await importFiles(store, [file], { annotator: 'alice', addLabels: true })
    expect([r.documentsAdded, r.spansAdded]).toEqual([1, 1])
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'labelstudio' })
    const [task] = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(task).toMatchObject({ id: 1, task_path: '../examples/named_entity/tasks.json', annotations: [{ completed_by: { email: 'alice' }, result: [{ from_name: 'ner', to_name: 'text', value: { start: 343, end: 354, text: 'February 22', labels: ['Date'] } }] }] })
    store.close()
  })

  it('bare tasks without a data wrapper import, and tasks without annotations are documents, exported again without annotations', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 'bare.json', [{ text: 'First bare task.' }, { id: 'b2', text: 'Second, with an id.' }, { data: { text: 'Wrapped, no annotations' }, annotations: [] }])
    const r = await importFiles(store, [f], { annotator: 'alice' })
    expect([r.documentsAdded, r.spansAdded]).toEqual([3, 0])
    expect(store.documents.byExternalId('b2')!.text).toBe('Second, with an id.')
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'labelstudio' })
    const back = JSON.parse(fs.readFileSync(out, 'utf8')) as Obj[]
    expect(back.map((t) => [t.data.text, t.annotations]).sort()).toEqual([
      ['First bare task.', []],
      ['Second, with an id.', []],
      ['Wrapped, no annotations', []],
    ])
    store.close()
  })

  it('a submitted annotation without results is a real negative: exported again as an empty annotation by its annotator', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 'neg.json', [{ id: 9, data: { text: TEXT }, annotations: [{ completed_by: 5, result: [] }] }])
    await importFiles(store, [f], { annotator: null })
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'labelstudio' })
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))[0].annotations).toEqual([expect.objectContaining({ completed_by: 5, result: [] })])
    store.close()
  })

  it('predictions are a layer of their own named after model_version, said in the report; annotators by completed_by (id or object)', async () => {
    const { store, dir } = tempStore()
    const task = {
      id: 11,
      data: { text: TEXT },
      annotations: [
        { id: 1, completed_by: 7, result: [region('a', 0, 5, 'PERSON')] },
        { id: 2, completed_by: { id: 3, email: 'ann@example.org', first_name: '', last_name: '' }, result: [region('b', 0, 5, 'PERSON'), region('c', 10, 16, 'PERSON')] },
      ],
      predictions: [{ model_version: 'spacy-3.7', score: 0.4, result: [region('p', 20, 28, 'GPE')] }],
    }
    const f = write(dir, 'tasks.json', [task])
    const r = await importFiles(store, [f], { annotator: null, addLabels: true })
    expect(r.notes).toEqual({ [LS_NOTES.predictions('model:spacy-3.7')]: 1 })
    expect(layers(store)).toEqual([
      { doc: '11', annotator: 'ann@example.org', spans: 2 },
      { doc: '11', annotator: 'model:spacy-3.7', spans: 1 },
      { doc: '11', annotator: 'user7', spans: 1 },
    ])
    // Exported: annotations completed_by (a user id back as the id, others by email), the model's layer as its prediction.
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'labelstudio' })
    const [back] = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(back.annotations.map((a: Obj) => [a.completed_by, a.result.length]).sort()).toEqual([[7, 1], [{ email: 'ann@example.org' }, 2]].sort())
    expect(back.predictions).toEqual([{ model_version: 'spacy-3.7', result: [expect.objectContaining({ value: expect.objectContaining({ start: 20, end: 28, labels: ['GPE'] }) })] }])
    // Read again (into a fresh workspace), who annotated is kept.
    const fresh = tempStore()
    await importFiles(fresh.store, [out], { annotator: null, addLabels: true })
    expect(layers(fresh.store)).toEqual(layers(store))
    fresh.store.close()
    store.close()
  })

  it('results of other types, drafts, reviews and cancelled annotations are counted and named, never skipped silently', async () => {
    const { store, dir } = tempStore()
    const task = {
      data: { text: TEXT },
      annotations: [
        { completed_by: 1, result: [region('a', 0, 5, 'PERSON'), { id: 'c', type: 'choices', value: { choices: ['news'] } }, { id: 'r', type: 'rectanglelabels', value: { x: 1, y: 2, width: 3, height: 4, rectanglelabels: ['Car'] } }], reviews: [{ accepted: false }] },
        { completed_by: 2, was_cancelled: true, result: [region('z', 10, 16, 'PERSON')] },
      ],
      drafts: [{ result: [region('d', 20, 28, 'GPE')] }],
    }
    const r = await importFiles(store, [write(dir, 'one.json', task)], { annotator: null, addLabels: true })
    expect(r.spansAdded).toBe(1)
    expect(r.notes).toEqual({
      [LS_NOTES.otherType('choices')]: 1,
      [LS_NOTES.otherType('rectanglelabels')]: 1,
      [LS_NOTES.reviews]: 1,
      [LS_NOTES.cancelled]: 1,
      [LS_NOTES.drafts]: 1,
    })
    store.close()
  })

  it('the full export with rectangles only: 2 documents, 5 rectangle results and 2 predictions named in the report', async () => {
    const { store } = tempStore()
    const r = await importFiles(store, [path.join(PEERS, 'labelstudio/converter_csv_test.json')], { annotator: null })
    expect([r.documentsAdded, r.spansAdded]).toEqual([2, 0])
    // The predictions hold only rectangles: nothing of them is imported, so no model layer, and the note says so
    // (it said 'imported as the layer "model:model_0"', and made two empty model layers).
    expect(r.notes).toMatchObject({ [LS_NOTES.otherType('rectanglelabels')]: 5, [LS_NOTES.predictionsNotText('"model 0"')]: 2, [LS_NOTES.embedded]: 2 })
    expect(Object.keys(r.notes ?? {}).some((n) => n.includes('imported as the layer'))).toBe(false)
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM annotators WHERE name LIKE 'model:%'").get()).toEqual({ n: 0 })
    store.close()
  })

  it('a prediction with text labels is a model layer; one with an empty result too (the model found nothing)', async () => {
    const { store, dir } = tempStore()
    const f = write(
      dir,
      'preds.json',
      JSON.stringify([
        { id: 1, data: { text: TEXT }, predictions: [{ model_version: 'ner-1', result: [region('a', 0, 5, 'PERSON')] }] },
        { id: 2, data: { text: 'a b' }, predictions: [{ model_version: 'ner-1', result: [] }] },
      ]),
    )
    const r = await importFiles(store, [f], { annotator: null, addLabels: true })
    expect([r.documentsAdded, r.spansAdded]).toEqual([2, 1])
    expect(r.notes).toEqual({ [LS_NOTES.predictions('model:ner-1')]: 2 })
    store.close()
  })

  it('one task a line (JSONL) imports too', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 'tasks.jsonl', [{ id: 1, data: { text: 'a b' }, annotations: [] }, { id: 2, data: { text: TEXT }, annotations: [{ completed_by: 4, result: [region('a', 0, 5, 'PERSON')] }] }].map((t) => JSON.stringify(t)).join('\n'))
    const r = await importFiles(store, [f], { annotator: null })
    expect([r.documentsAdded, r.spansAdded]).toEqual([2, 1])
    store.close()
  })
})
