// An import's "new layers" counts every layer it brings, the empty ones too. Prodigy's news headlines (40 accepted
// ner_manual tasks, 11 without spans) said "note: 11 accepted Prodigy tasks without spans, kept as done layers with
// no spans (real negatives)" and then "40 new documents, 29 new layers", while the export by that annotator wrote 40.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listLayers } from '../../../../../src/main/services/export/exportLayers'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'

const tempStore = tempStoresClosedAfterEach()
const NEWS = path.join(__dirname, '../../../../fixtures/peers/prodigy/news_headlines_ner_manual.head40.jsonl')

describe('new layers, empty ones included', () => {
  it('Prodigy accepted tasks without spans are counted as the layers they make', async () => {
    const { store } = tempStore()
    const r = await importFiles(store, [NEWS], { annotator: 'pg', addLabels: true, backup: false })
    expect([r.documentsAdded, r.layersAdded, r.spansAdded]).toEqual([40, 40, 39])
    expect(listLayers(store, { annotator: 'pg' })).toHaveLength(40)
    // Imported again: nothing new, empty layers included.
    const again = await importFiles(store, [NEWS], { annotator: 'pg', addLabels: true, backup: false })
    expect([again.documentsAdded, again.layersAdded, again.spansAdded]).toEqual([0, 0, 0])
  })

  it('a doccano record with no labels is one new (empty) layer; the same text under another annotator is another', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'none.jsonl')
    fs.writeFileSync(file, '{"id":"n1","text":"Nothing here.","label":[]}\n')
    expect((await importFiles(store, [file], { annotator: 'a', backup: false })).layersAdded).toBe(1)
    expect((await importFiles(store, [file], { annotator: 'b', backup: false })).layersAdded).toBe(1)
    expect((await importFiles(store, [file], { annotator: 'b', backup: false })).layersAdded).toBe(0)
  })
})
