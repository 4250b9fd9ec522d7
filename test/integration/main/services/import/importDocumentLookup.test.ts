import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

const text = (i: number) => `Document ${i} was written in Geneva.`

describe('import checks each record against the documents held, a slice of records per query', () => {
  it('across several slices: held documents get the new layer, one with other text is refused naming its line, new ones are added', async () => {
    const { store, dir } = tempStore()
    const write = (name: string, lines: object[]) => {
      const f = path.join(dir, name)
      fs.writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
      return f
    }
    const held = write('held.jsonl', Array.from({ length: 2500 }, (_, i) => ({ id: `d${i}`, text: text(i) })))
    expect((await importFiles(store, [held], { annotator: null, backup: false })).documentsAdded).toBe(2500)

    // 2,600 lines (three slices of the check): the held documents again with bob's span, one with other text, 100 new.
    const span = { id: 'T1', start: 0, end: 8, label: 'ORG' }
    const second = write(
      'second.jsonl',
      Array.from({ length: 2600 }, (_, i) => ({ id: `d${i}`, text: i === 1500 ? 'Other text.' : text(i), annotator: 'bob', spans: [span] })),
    )
    const refused = importFiles(store, [second], { annotator: null, backup: false })
    await expect(refused).rejects.toThrow(`${second}:1501: document "d1500" already exists with different text`)
    await expect(refused).rejects.toThrow('1 bad line of 2600 read; nothing was imported')
    expect(store.db.prepare('SELECT COUNT(*) FROM spans').pluck().get()).toBe(0)

    const r = await importFiles(store, [second], { annotator: null, backup: false, skipInvalid: true })
    expect([r.imported, r.rejected, r.documentsAdded, r.layersAdded, r.spansAdded]).toEqual([2599, 1, 100, 2599, 2599])
    expect(store.documents.count()).toBe(2600)
    expect(store.documents.byExternalId('d1500')!.text).toBe(text(1500))
    store.close()
  })
})
