// A Label Studio annotation whose results are all of kinds Spanwright cannot hold (an image's rectangles, a choice)
// was imported as a done, empty layer: the document said its annotator had read the text and found nothing in it.
// Such an annotation is no judgement about the text, so it makes no layer (as predictions of image results already
// did not); the report counts it and names the file and the task, so the researcher learns what was not imported.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { LS_NOTES } from '../../../src/shared/formats/labelStudioTasks'
import type { Store } from '../../../src/main/store/store'
import { cliInProcess } from '../../helpers/cliInProcess'
import { tempStore } from '../../helpers/tempWorkspace'
import { PEERS } from './peerCounts'

/** Every layer (a document_status row): document, annotator, status. */
const layers = (store: Store) =>
  store.db
    .prepare('SELECT d.external_id AS doc, a.name AS annotator, s.status FROM document_status s JOIN documents d ON d.id = s.document_id JOIN annotators a ON a.id = s.annotator_id ORDER BY doc, annotator')
    .all()

describe('a Label Studio annotation of image results only', () => {
  it("label-studio-converter's full export (rectangles only): no layer for its annotator, counted and named by file and task", async () => {
    const { store } = tempStore()
    const file = path.join(PEERS, 'labelstudio/converter_csv_test.json')
    const r = await importFiles(store, [file], { annotator: null })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded]).toEqual([2, 0, 0])
    expect(layers(store)).toEqual([])
    expect(r.notes).toMatchObject({ [LS_NOTES.annotationsNotText]: 2, [LS_NOTES.predictionsNotText('"model 0"')]: 2 })
    expect(r.remarks).toEqual([
      { file, reason: expect.stringMatching(/^task 0 \(id 1\): annotations\[0\] by hakan@heartex\.com holds 1 result of other types only \("rectanglelabels"\), no text labels or relations: not a judgement about the text/u) },
      { file, reason: expect.stringMatching(/^task 1 \(id 2\): annotations\[0\] by hakan@heartex\.com holds 2 results of other types only \("rectanglelabels"\)/u) },
    ])
    store.close()
  })

  it('beside a text annotation by another: only the text one is a layer; an empty result stays a done layer', async () => {
    const { store, dir } = tempStore()
    const [task] = JSON.parse(fs.readFileSync(path.join(PEERS, 'labelstudio/converter_csv_test.json'), 'utf8'))
    const text: string = task.data.text
    const start = text.indexOf('wildfires')
    const words = { id: 'w1', from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end: start + 9, text: 'wildfires', labels: ['EVENT'] } }
    task.annotations.push({ id: 8, completed_by: { id: 3, email: 'ana@example.org' }, result: [words], was_cancelled: false })
    task.annotations.push({ id: 9, completed_by: { id: 4, email: 'ben@example.org' }, result: [], was_cancelled: false })
    const file = path.join(dir, 'project-1.json')
    fs.writeFileSync(file, JSON.stringify([task]))
    const r = await importFiles(store, [file], { annotator: null, addLabels: true })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded]).toEqual([1, 2, 1])
    expect(layers(store)).toEqual([
      { doc: '1', annotator: 'ana@example.org', status: 'done' },
      { doc: '1', annotator: 'ben@example.org', status: 'done' },
    ])
    expect(r.notes?.[LS_NOTES.annotationsNotText]).toBe(1)
    expect(r.remarks?.map((w) => w.reason)).toEqual([expect.stringMatching(/^task 0 \(id 1\): annotations\[0\] by hakan@heartex\.com holds 1 result/u)])
    store.close()
  })

  it('the command line says so, counted and by file and task, and makes no layer', async () => {
    const { store, file: db } = tempStore()
    store.close()
    const file = path.join(PEERS, 'labelstudio/converter_csv_test.json')
    const r = await cliInProcess(['import', file, '--db', db])
    expect(r.code).toBe(0)
    expect(r.errors).toEqual([])
    expect(r.lines).toContain(`note: 2 ${LS_NOTES.annotationsNotText}`)
    expect(r.lines.filter((l) => l.startsWith(`note: ${file}: task `))).toHaveLength(2)
    expect(r.lines.at(-1)).toMatch(/2 new documents, 0 new layers, 0 spans/u)
  })

  it("a text classification project's thousands of choice-only annotations: the first 20 named, the rest counted by file", async () => {
    const { store, dir } = tempStore()
    const choice = { id: 'c', type: 'choices', from_name: 'sentiment', to_name: 'text', value: { choices: ['Positive'] } }
    const tasks = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, data: { text: `Review ${i + 1}: great.` }, annotations: [{ id: i + 1, completed_by: 1, result: [choice] }] }))
    const file = path.join(dir, 'sentiment.json')
    fs.writeFileSync(file, JSON.stringify(tasks))
    const r = await importFiles(store, [file], { annotator: null })
    expect([r.documentsAdded, r.layersAdded]).toEqual([30, 0])
    expect(r.notes?.[LS_NOTES.annotationsNotText]).toBe(30)
    expect(r.remarks).toHaveLength(21)
    expect(r.remarks?.[19].reason).toMatch(/^task 19 \(id 20\): annotations\[0\] by user1 holds 1 result of other types only \("choices"\)/u)
    expect(r.remarks?.[20]).toEqual({ file, reason: '10 more like those above, not named here (the notes count them all)' })
    store.close()
  })
})
