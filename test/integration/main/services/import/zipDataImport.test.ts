// doccano 1.x's default "Export dataset" is a ZIP of `<username>.jsonl` files (celery_tasks.create_individual_dataset;
// `all.jsonl` when the project shares annotations). Such an archive imports as it is: each entry a source named
// `archive.zip!/entry`, detected by content as a file is, each user's file that user's layer; macOS's `__MACOSX/`
// and dot-files are skipped and counted, other entries listed with why; the ZIP reader's size guards still hold.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../../../src/main/cli/main'
import { importFiles, previewImport } from '../../../../../src/main/services/import/importFiles'
import type { Store } from '../../../../../src/main/store/store'
import { tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'
import type { Entry } from '../../../../helpers/zipFile'

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const TEXT = 'EU rejects German call to boycott British lamb.'
const doc = (id: number, label: unknown[]) => ({ id, text: TEXT, label, Comments: [] })

/** doccano's per-user export of one project: two members, one of them in a folder (as a re-zipped download may be). */
function doccanoExport(dir: string, extra: Entry[] = []): string {
  const file = path.join(dir, 'project-1.zip')
  fs.writeFileSync(
    file,
    zip([
      { name: 'admin.jsonl', data: jsonl([doc(1, [[0, 2, 'ORG']]), doc(2, [])]) },
      { name: 'export/alice.jsonl', data: jsonl([doc(1, [[0, 2, 'ORG'], [11, 17, 'NORP']])]) },
      { name: '__MACOSX/._admin.jsonl', data: Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]) },
      { name: '__MACOSX/export/._alice.jsonl', data: Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]) },
      { name: '.DS_Store', data: Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]) },
      { name: 'export/', data: '' },
      { name: 'README.md', data: '# exported from doccano\n' },
      ...extra,
    ]),
  )
  return file
}

/** Span counts per layer. */
function layers(store: Store): Record<string, number> {
  const rows = store.db.prepare('SELECT a.name AS name, count(*) AS n FROM spans s JOIN annotators a ON a.id = s.annotator_id GROUP BY a.name ORDER BY a.name').all() as { name: string; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.name, r.n]))
}

describe("a ZIP archive of data files (doccano's default export) imports entry by entry", () => {
  it("each <username>.jsonl is that user's layer; __MACOSX and dot-files are counted, other entries listed; all.jsonl is no user's", async () => {
    const { store, dir } = tempStore()
    const file = doccanoExport(dir)
    const r = await importFiles(store, [file], { annotator: null, addLabels: true, backup: false })
    expect([r.documentsAdded, r.spansAdded, r.linesRead]).toEqual([2, 3, 3])
    expect(layers(store)).toEqual({ admin: 1, alice: 2 })
    expect(store.documents.byExternalId('1')?.text).toBe(TEXT)
    expect(r.skipped).toEqual([
      { file: `${file}!/README.md`, reason: 'not a file the import reads (by its extension)' },
      { file: `${file}!/__MACOSX/`, reason: '2 macOS resource entries, not data' },
      { file: `${file}!/.*`, reason: '1 hidden entry (names starting with a dot), not read' },
    ])
    // A project with shared annotations exports all.jsonl: one file for everyone, read as any doccano file is.
    const shared = path.join(dir, 'shared.zip')
    fs.writeFileSync(shared, zip([{ name: 'all.jsonl', data: jsonl([doc(3, [[34, 41, 'NORP']])]) }]))
    const { store: s2 } = tempStore()
    const r2 = await importFiles(s2, [shared], { annotator: 'team', addLabels: true, backup: false })
    expect([r2.documentsAdded, r2.spansAdded]).toEqual([1, 1])
    expect(layers(s2)).toEqual({ team: 1 })
    store.close()
    s2.close()
  })

  it('--annotator puts every user file into its one layer; a record naming its annotator keeps it', async () => {
    const { store, dir } = tempStore()
    const file = doccanoExport(dir, [{ name: 'carol.jsonl', data: jsonl([{ ...doc(4, [[0, 2, 'ORG']]), annotator: 'dora' }]) }])
    const r = await importFiles(store, [file], { annotator: 'merged', addLabels: true, backup: false })
    // admin's and alice's ORG on document 1 are one span in the merged layer.
    expect([r.spansAdded, r.spansSkipped]).toEqual([3, 1])
    expect(layers(store)).toEqual({ dora: 1, merged: 2 })
    // The preview says the same: each record's layer by its file, or none when the annotator is given.
    expect(previewImport([file], {}).records.map((x) => [x.file.slice(file.length), x.annotator])).toEqual([
      ['!/admin.jsonl', 'admin'],
      ['!/admin.jsonl', 'admin'],
      ['!/carol.jsonl', 'dora'],
      ['!/export/alice.jsonl', 'alice'],
    ])
    expect(previewImport([file], { annotator: 'merged' }).records.map((x) => x.annotator)).toEqual([null, null, 'dora', null])
    store.close()
  })

  it('faults name archive.zip!/entry and the line; an entry no format fits is refused by name', async () => {
    const { store, dir } = tempStore()
    const file = doccanoExport(dir, [{ name: 'bob.jsonl', data: jsonl([doc(5, [[0, 2, 'ORG']])]) + '{"id": 6, "text": "x", "label": [[0, 9, "ORG"]]}\n' }])
    await expect(importFiles(store, [file], { annotator: null, addLabels: true, backup: false })).rejects.toThrow(`${file}!/bob.jsonl:2: `)
    expect(store.documents.count()).toBe(0)
    const r = await importFiles(store, [file], { annotator: null, addLabels: true, skipInvalid: true, backup: false })
    expect(r.errors.map((e) => [e.file, e.line])).toEqual([[`${file}!/bob.jsonl`, 2]])
    expect(layers(store)).toEqual({ admin: 1, alice: 2, bob: 1 })

    const odd = path.join(dir, 'odd.zip')
    fs.writeFileSync(odd, zip([{ name: 'a.jsonl', data: jsonl([doc(1, [])]) }, { name: 'notes/b.json', data: 'hello, not json\n' }]))
    await expect(importFiles(store, [odd], { annotator: null, backup: false })).rejects.toThrow(`${odd}!/notes/b.json:1: `)
    // An archive holding nothing the import reads says what it skipped.
    const none = path.join(dir, 'none.zip')
    fs.writeFileSync(none, zip([{ name: 'picture.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }, { name: '__MACOSX/._picture.png', data: 'x' }]))
    await expect(importFiles(store, [none], { annotator: null, backup: false })).rejects.toThrow(
      `${none}: a ZIP archive holding no file the import reads (XMI, or .jsonl, .json, .conll, .tsv files); skipped ${none}!/picture.png: not a file the import reads (by its extension); skipped ${none}!/__MACOSX/: 1 macOS resource entry, not data`,
    )
    store.close()
  })

  it('other formats are detected per entry (Label Studio JSON, Prodigy, CoNLL); the preview lists the same sources', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'mixed.zip')
    const labelStudio = [{ id: 7, data: { text: 'Ada Lovelace' }, annotations: [{ completed_by: 1, result: [{ id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 12, labels: ['PER'] } }] }] }]
    const prodigy = [{ text: 'Grace Hopper', spans: [{ start: 0, end: 12, label: 'PER' }], answer: 'accept', _annotator_id: 'p-grace' }]
    fs.writeFileSync(
      file,
      zip([
        { name: 'ls/tasks.json', data: JSON.stringify(labelStudio) },
        { name: 'prodigy/db.jsonl', data: jsonl(prodigy) },
        { name: 'conll/train.conll', data: 'Alan B-PER\nTuring I-PER\n' },
      ]),
    )
    const preview = previewImport([file], {})
    expect(preview.sources).toEqual([
      { file: `${file}!/conll/train.conll`, format: 'conll' },
      { file: `${file}!/ls/tasks.json`, format: 'labelstudio' },
      { file: `${file}!/prodigy/db.jsonl`, format: 'prodigy' },
    ])
    expect(preview.errors).toEqual([])
    expect(preview.records.map((x) => [x.file, x.text])).toEqual([
      [`${file}!/conll/train.conll`, 'Alan Turing'],
      [`${file}!/ls/tasks.json`, 'Ada Lovelace'],
      [`${file}!/prodigy/db.jsonl`, 'Grace Hopper'],
    ])
    const r = await importFiles(store, [file], { annotator: 'me', addLabels: true, backup: false })
    expect([r.documentsAdded, r.spansAdded]).toEqual([3, 3])
    store.close()
  })

  it('keeps the size guards: an entry inflating past its declared size, or declaring more than the limit, refuses the archive', async () => {
    const { store, dir } = tempStore()
    const bomb = path.join(dir, 'bomb.zip')
    fs.writeFileSync(bomb, zip([{ name: 'big.jsonl', data: Buffer.alloc(4 << 20, 0x20), size: 100 }]))
    await expect(importFiles(store, [bomb], { annotator: null, backup: false })).rejects.toThrow(`${bomb}!/big.jsonl: damaged ZIP entry`)
    const huge = path.join(dir, 'huge.zip')
    fs.writeFileSync(huge, zip([{ name: 'big.jsonl', data: '{}\n', size: 0xfffffff0 }]))
    await expect(importFiles(store, [huge], { annotator: null, backup: false })).rejects.toThrow(`${huge}!/big.jsonl: entry larger than 512 MiB`)
    expect(store.documents.count()).toBe(0)
    store.close()
  })

  it('the CLI imports the archive and prints what it skipped', async () => {
    const { store, dir, file: db } = tempStore()
    store.close()
    const file = doccanoExport(dir)
    const err: string[] = []
    const code = await main(['import', file, '--db', db, '--add-labels'], { log: () => {}, error: (l) => err.push(l) })
    expect(code).toBe(0)
    expect(err).toContain(`skipped ${file}!/README.md: not a file the import reads (by its extension)`)
    expect(err).toContain(`skipped ${file}!/__MACOSX/: 2 macOS resource entries, not data`)
  })
})
