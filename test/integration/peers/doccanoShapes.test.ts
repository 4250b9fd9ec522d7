// doccano as its versions write it: 1.x with the text under `data` (what flair's JsonlCorpus reads),
// relations without ids, the same span twice; and the detection faults that used to drop annotations.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { DUPLICATE_NOTE } from '../../../src/shared/formats/doccano'
import { snapshotStore } from '../../helpers/storeSnapshot'
import { tempStore } from '../../helpers/tempWorkspace'
import { PEERS, readJsonLines } from './peerCounts'

const j = (o: unknown) => JSON.stringify(o)
function write(dir: string, name: string, rows: unknown[]): string {
  const f = path.join(dir, name)
  fs.writeFileSync(f, rows.map(j).join('\n') + '\n')
  return f
}

describe('doccano', () => {
  it('1.x exports with the text under `data` import, by detection and with --format', async () => {
    const rows = [
      { id: 1, data: 'EU rejects German call to boycott British lamb.', label: [[0, 2, 'ORG'], [11, 17, 'NORP']] },
      { id: 2, data: 'Peter Blackburn', label: [[0, 15, 'PERSON']] },
    ]
    for (const format of [null, 'doccano'] as const) {
      const { store, dir } = tempStore()
      const r = await importFiles(store, [write(dir, 'v1.jsonl', rows)], { annotator: 'alice', format, addLabels: true })
      expect([r.documentsAdded, r.spansAdded]).toEqual([2, 3])
      expect(store.documents.byExternalId('1')!.text).toBe(rows[0].data)
      store.close()
    }
  })

  it('relations without ids import (3 in the relation-extraction fixture), and come back by their ends', async () => {
    const { store, dir } = tempStore()
    const file = path.join(PEERS, 'doccano/rel_import_test.jsonl')
    expect(readJsonLines(file)[0].relations.every((r: Record<string, unknown>) => r.id === undefined)).toBe(true)
    const r = await importFiles(store, [file], { annotator: 'alice', addLabels: true })
    expect([r.spansAdded, r.relationsAdded]).toEqual([4, 3])
    const out = path.join(dir, 'out.jsonl')
    await exportDataset(store, out, { format: 'doccano-rel', annotator: 'alice' })
    const [line] = readJsonLines(out)
    const ent = new Map(line.entities.map((e: Record<string, number>) => [e.id, e.start_offset]))
    expect(line.relations.map((x: Record<string, unknown>) => [ent.get(x.from_id), ent.get(x.to_id), x.type])).toEqual([
      [0, 22, 'foundedAt'],
      [0, 44, 'foundedBy'],
      [0, 59, 'foundedBy'],
    ])
    store.close()
  })

  it('the same span twice in one line is one annotation, and the report says so', async () => {
    const { store } = tempStore()
    const r = await importFiles(store, [path.join(PEERS, 'doccano/seq_overlapping.jsonl')], { annotator: 'alice' })
    expect([r.spansAdded, r.spansSkipped]).toEqual([1, 0])
    expect(r.notes).toEqual({ [DUPLICATE_NOTE]: 1 })
    expect(store.documents.byExternalId(store.db.prepare('SELECT external_id AS e FROM documents').pluck().get() as string)!.meta).toEqual({ wikiPageID: 1 })
    store.close()
  })

  it('a native file with meta.labels or an entities key keeps every span (read as doccano before: 0 spans, exit 0)', async () => {
    const { store, dir } = tempStore()
    const native = { id: 'n1', text: 'Kerry met Michel.', annotator: 'alice', meta: { labels: ['PERSON'] }, spans: [{ id: 'T1', start: 0, end: 5, label: 'PERSON' }, { id: 'T2', start: 10, end: 16, label: 'PERSON' }], relations: [{ head: 'T1', tail: 'T2', label: 'PART_OF' }] }
    const r = await importFiles(store, [write(dir, 'native.jsonl', [native, { ...native, id: 'n2', entities: [] }])], { annotator: null })
    expect([r.spansAdded, r.relationsAdded]).toEqual([4, 2])
    store.close()
  })

  it('a record with annotations of two formats is refused with the line, and nothing is written', async () => {
    const { store, dir } = tempStore()
    const before = snapshotStore(store)
    const f = write(dir, 'both.jsonl', [{ id: 'a', text: 'Kerry', spans: [{ start: 0, end: 5, label: 'PERSON' }], entities: [{ id: 1, start_offset: 0, end_offset: 5, label: 'PERSON' }] }])
    await expect(importFiles(store, [f], { annotator: 'alice' })).rejects.toThrow(/both\.jsonl:1: ambiguous: .*pass --format/)
    // Forced to one format, the other format's annotations are refused, not dropped.
    await expect(importFiles(store, [f], { annotator: 'alice', format: 'jsonl' })).rejects.toThrow(/both\.jsonl:1: "entities" holds 1 item that the native jsonl format does not read/)
    await expect(importFiles(store, [f], { annotator: 'alice', format: 'doccano-rel' })).rejects.toThrow(/both\.jsonl:1: "spans" holds 1 item that the doccano-rel format does not read/)
    expect(snapshotStore(store)).toEqual(before)
    store.close()
  })
})
