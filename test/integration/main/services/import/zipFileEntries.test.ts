// A ZIP archive's plain-text, brat (.txt + .ann), .spacy and CSV entries are read as a folder's files are (before
// h60 they were listed as "not read from a ZIP archive; unzip it and import the folder"); doccano's per-user CSV
// export (a `<username>.csv` per member) gives each member's categories. An archive holding XMI is read as
// INCEpTION's export, and its other entries are listed once, with why.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { REPO_ROOT, tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'
import { cliInProcess } from '../../../../helpers/cliInProcess'

const fixture = (...p: string[]) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', ...p))

describe('a ZIP archive of plain text, brat, .spacy and CSV entries', () => {
  it('reads each as a folder import would, lists what it cannot read, and stores everything in one import', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'corpus.zip')
    fs.writeFileSync(
      file,
      zip([
        { name: 'notes/a.txt', data: 'A plain note.\n' },
        { name: 'brat/d1.txt', data: 'Kerry met Michel.' },
        { name: 'brat/d1.ann', data: 'T1\tPER 0 5\tKerry\nT2\tPER 10 16\tMichel\nR1\tMET Arg1:T1 Arg2:T2\n' },
        { name: 'orphan.ann', data: 'T1\tPER 0 1\tx\n' },
        { name: 'tagged.txt', data: 'Kerry B-PER\nmet O\nMichel B-PER\n' },
        { name: 'spacy/ner.spacy', data: fixture('spacy-docbin', 'ner.spacy') },
        { name: 'admin.csv', data: fixture('doccano', 'text_classification_export.csv') },
        { name: 'stats.csv', data: 'name,count\nx,1\n' },
      ]),
    )
    const r = await importFiles(store, [file], { annotator: 'amy', addLabels: true, backup: false })
    const ner = JSON.parse(fixture('spacy-docbin', 'ner.expected.json').toString()) as { text: string }[]
    expect(store.documents.byExternalId('notes/a')?.text).toBe('A plain note.\n')
    expect(store.documents.byExternalId('brat/d1')?.text).toBe('Kerry met Michel.')
    const d1 = store.documents.byExternalId('brat/d1')!
    expect(store.db.prepare('SELECT count(*) AS n FROM relations WHERE document_id = ?').get(d1.id)).toEqual({ n: 1 })
    expect(store.db.prepare('SELECT l.name AS label, s.start, s."end" FROM spans s JOIN label_types l ON l.id = s.label_id WHERE s.document_id = ? ORDER BY s.start').all(d1.id)).toEqual([
      { label: 'PER', start: 0, end: 5 },
      { label: 'PER', start: 10, end: 16 },
    ])
    // The token-per-line .txt is CoNLL, as in a folder; the DocBin's documents and the CSV's rows all arrive.
    const texts = (store.db.prepare('SELECT text FROM documents').all() as { text: string }[]).map((d) => d.text)
    expect(texts).toContain('Kerry met Michel')
    for (const d of ner) expect(texts).toContain(d.text)
    expect(store.documents.byExternalId('42')?.meta).toMatchObject({ doccano: { cats: ['positive', 'shipping'] } })
    expect(r.documentsAdded).toBe(2 + 1 + ner.length + 4)
    expect(r.skipped).toEqual([
      { file: `${file}!/orphan.ann`, reason: 'a brat .ann without its .txt in the archive (orphan.txt not found)' },
      { file: `${file}!/stats.csv`, reason: "a CSV that is neither doccano's export (text and label columns) nor Label Studio's (annotator and annotation_id columns)" },
    ])
  })

  it("doccano's per-user CSV export: each member's file is that member's layer; a fault names the entry and line, and nothing is stored", async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'project.zip')
    fs.writeFileSync(file, zip([{ name: 'admin.csv', data: 'id,text,label,Comments\n1,Good.,positive,\n' }, { name: 'bob.csv', data: 'id,text,label,Comments\n1,Good.,negative,\n' }]))
    const r = await importFiles(store, [file], { annotator: null, addLabels: true, backup: false })
    expect(r.documentsAdded).toBe(1)
    const names = (store.db.prepare('SELECT name FROM annotators ORDER BY name').all() as { name: string }[]).map((a) => a.name)
    expect(names).toEqual(expect.arrayContaining(['admin', 'bob']))
    const bad = path.join(dir, 'bad.zip')
    fs.writeFileSync(bad, zip([{ name: 'a.txt', data: 'fine' }, { name: 'carol.csv', data: 'id,text,label\n2,x,y,z\n' }]))
    const { store: s2 } = tempStore()
    await expect(importFiles(s2, [bad], { annotator: 'amy', addLabels: true, backup: false })).rejects.toThrow(`${bad}!/carol.csv:2: row 1 has 4 cells, the header 3`)
    expect(s2.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 })
  })

  it('with --format brat, only the brat pairs are read and every other entry is listed; with --format txt, .txt entries are plain text', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'brat.zip')
    fs.writeFileSync(file, zip([{ name: 'd1.txt', data: 'Kerry met Michel.' }, { name: 'd1.ann', data: 'T1\tPER 0 5\tKerry\n' }, { name: 'lone.txt', data: 'No annotations.' }, { name: 'x.jsonl', data: '{"id":"a","text":"b"}\n' }]))
    const r = await importFiles(store, [file], { annotator: 'amy', addLabels: true, backup: false, format: 'brat' })
    expect([r.documentsAdded, r.spansAdded]).toEqual([1, 1])
    expect(r.skipped).toEqual([
      { file: `${file}!/lone.txt`, reason: '--format brat needs a .ann beside it (lone.ann not found)' },
      { file: `${file}!/x.jsonl`, reason: 'not a brat file (by its extension)' },
    ])
    const { store: s2 } = tempStore()
    const t = await importFiles(s2, [file], { annotator: 'amy', addLabels: true, backup: false, format: 'txt' })
    expect([t.documentsAdded, t.spansAdded]).toEqual([2, 0])
    expect(s2.documents.byExternalId('d1')?.text).toBe('Kerry met Michel.')
  })

  it("a folder's CSV files: doccano's (1.0's too) and Label Studio's exports are read, any other CSV listed with why", async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'exports')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'admin.csv'), fixture('doccano', 'text_classification_export.csv'))
    fs.writeFileSync(path.join(folder, 'ner_export.csv'), fixture('labelstudio', 'ner_export.csv'))
    fs.writeFileSync(path.join(folder, 'old.csv'), 'annotation_approver,end_offset,id,label,start_offset,text,user\n,2,9001,3,0,ab,1\n')
    fs.writeFileSync(path.join(folder, 'stats.csv'), 'name,count\nx,1\n')
    const r = await importFiles(store, [folder], { annotator: 'amy', addLabels: true, backup: false })
    expect(store.documents.byExternalId('44')?.text).toBe('She said "fine, thanks".\nThen left.')
    expect(r.documentsAdded).toBeGreaterThan(4)
    // doccano 1.0's row per annotation: the span of user 1, labelled by its label id.
    expect(store.documents.byExternalId('9001')?.text).toBe('ab')
    expect(r.skipped).toEqual([
      { file: path.join(folder, 'stats.csv'), reason: "a CSV that is neither doccano's export (text and label columns) nor Label Studio's (annotator and annotation_id columns)" },
    ])
  })

  it('an archive holding XMI reads its XMI, and lists its other entries once with why (the CLI prints it)', async () => {
    const { dir } = tempStore()
    const file = path.join(dir, 'inception.zip')
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi', 'inception_export_made_with_infozip.zip'), file)
    const db = path.join(dir, 'w.spanwright')
    const run = await cliInProcess(['import', file, '--db', db, '--add-labels', ...[0, 1, 2, 3, 4].flatMap((i) => ['--map-label', `NE ${i}=NE_${i}`])])
    expect([run.code, run.errors]).toEqual([0, expect.anything()])
    expect(run.errors.join('\n')).toContain(
      `skipped ${file}!/: 1 entry besides the XMI files not read (source/test.txt): an archive holding XMI is read as INCEpTION's export, whose other files are its own (source texts, project settings, logs); to import other files too, unzip it and import them`,
    )
  })
})
