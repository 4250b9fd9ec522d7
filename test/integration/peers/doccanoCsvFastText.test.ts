// doccano's CSV (1.0's row per annotation, 1.2's `data` column) and fastText exports imported into a real workspace,
// through the service and the command line; CSVs with text and label columns of other shapes refused with file, line
// and why, the workspace unchanged (h68).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { openStore } from '../../../src/main/store/store'
import { cliInProcess } from '../../helpers/cliInProcess'
import { snapshotStore } from '../../helpers/storeSnapshot'
import { tempStore } from '../../helpers/tempWorkspace'
import { zip } from '../../helpers/zipFile'
import { PEERS } from './peerCounts'

const layers = (store: ReturnType<typeof tempStore>['store']) =>
  store.db.prepare('SELECT d.external_id AS id, a.name AS who, count(*) AS n FROM spans s JOIN documents d ON d.id = s.document_id JOIN annotators a ON a.id = s.annotator_id GROUP BY 1, 2 ORDER BY 1, 2').all()

describe("doccano's CSV and fastText exports", () => {
  it("doccano 1.0's CSV imports through the command line: a document per id, a layer per user, the label ids as labels", async () => {
    const { store, file: db } = tempStore()
    store.close()
    const r = await cliInProcess(['import', path.join(PEERS, 'doccano/v1_0_sequence_labeling_export.csv'), '--db', db, '--add-labels'])
    expect(r.errors.filter((e) => !/^(backup|warning)/u.test(e))).toEqual([])
    expect(r.code).toBe(0)
    const again = openStore(db)
    expect(layers(again as never)).toEqual([
      { id: '1', who: 'user1', n: 2 },
      { id: '1', who: 'user2', n: 1 },
      { id: '2', who: 'user2', n: 1 },
      { id: '4', who: 'user1', n: 1 },
    ])
    expect(again.documents.byExternalId('4')!.text).toBe('She said "fine, thanks",\nthen left Brussels.')
    again.close()
  })

  it('a fastText .txt imports as documents with their categories in meta; in a ZIP, `<username>.txt` is that user\'s layer', async () => {
    const { store, dir } = tempStore()
    const r = await importFiles(store, [path.join(PEERS, 'doccano/v1_0_fasttext_export.txt')], { annotator: 'alice' })
    expect([r.documentsAdded, r.spansAdded, r.errors]).toEqual([4, 0, []])
    const texts = store.db.prepare('SELECT text FROM documents ORDER BY id').pluck().all()
    expect(texts).toEqual(['Terrible customer service.', 'Really great transaction.', 'No opinion yet.', 'She said "fine, thanks", then left.'])
    const archive = path.join(dir, 'export.zip')
    fs.writeFileSync(archive, zip([{ name: 'bob.txt', data: '__label__negative Slow delivery.\n' }]))
    const z = await importFiles(store, [archive], { annotator: null })
    expect([z.documentsAdded, z.errors]).toEqual([1, []])
    const doc = store.db.prepare("SELECT id, meta FROM documents WHERE text = 'Slow delivery.'").get() as { id: number; meta: string }
    expect(JSON.parse(doc.meta)).toMatchObject({ doccano: { cats: ['negative'] } })
    expect(store.db.prepare('SELECT name FROM annotators').pluck().all()).toContain('bob')
    store.close()
  })

  it("a sequence-to-sequence CSV, a Hugging Face CSV and a CSV with Prodigy's columns are refused with file, line and why; nothing is written", async () => {
    const cases: [string, number, RegExp][] = [
      ['doccano/seq2seq_export.csv', 2, /the label column holds a sentence/],
      ['csv-other/hf_dataset_to_csv.csv', 1, /class numbers as a Hugging Face dataset's CSV writes them/],
      ['csv-other/prodigy_pandas_flat.csv', 1, /Prodigy's columns _input_hash, _task_hash, answer/],
    ]
    for (const [name, line, reason] of cases) {
      const { store } = tempStore()
      const before = snapshotStore(store)
      const file = path.join(PEERS, name)
      const err = await importFiles(store, [file], { annotator: 'alice', addLabels: true }).then(
        () => null,
        (e: Error) => e.message,
      )
      expect(err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:${line}: `, 'u'))
      expect(err).toMatch(reason)
      expect(snapshotStore(store)).toEqual(before)
      store.close()
    }
  })
})
