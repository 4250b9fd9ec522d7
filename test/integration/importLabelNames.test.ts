// Labels other tools allow and a schema cannot hold ("Named Entity", "Org:Company", INCEpTION's "NE 0"): every
// reader ends at the import's validator, which refuses them naming file, line and the rename that lets them in,
// and --map-label FROM=TO renames them as the files are read (check, write, and the write pass that reads a big
// file again alike). Before, an XMI import and any import with --add-labels put such names into the schema, and
// the CoNLL export then wrote `B-NE 0`, a line of three columns.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles, importTuning } from '../../src/main/services/import/importFiles'
import type { Store } from '../../src/main/store/store'
import { parseLabelMap } from '../../src/shared/formats/labelMap'
import { REPO_ROOT, tempDir, tempStore } from '../helpers/tempWorkspace'

const text = 'Ada Lovelace worked with Charles Babbage in London.'
// One document, two spans and a relation, in three formats whose tools take any label name.
const FILES: Record<string, string> = {
  'native.jsonl': JSON.stringify({ id: 'd', text, annotator: 'x', spans: [{ id: 'a', start: 0, end: 12, label: 'Named Entity' }, { id: 'b', start: 25, end: 40, label: 'Named Entity' }], relations: [{ head: 'a', tail: 'b', label: 'works with' }] }),
  'doccano.jsonl': JSON.stringify({ id: 'd', text, entities: [{ id: 1, label: 'Named Entity', start_offset: 0, end_offset: 12 }, { id: 2, label: 'Named Entity', start_offset: 25, end_offset: 40 }], relations: [{ id: 1, from_id: 1, to_id: 2, type: 'works with' }] }),
  'labelstudio.json': JSON.stringify([{ id: 1, data: { text }, annotations: [{ completed_by: 1, result: [
    { id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 12, text: 'Ada Lovelace', labels: ['Named Entity'] } },
    { id: 'b', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 25, end: 40, text: 'Charles Babbage', labels: ['Named Entity'] } },
    { from_id: 'a', to_id: 'b', type: 'relation', direction: 'right', labels: ['works with'] },
  ] }] }]),
}
const RENAMES = parseLabelMap(['Named Entity=NAMED_ENTITY', 'works with=WORKS_WITH'])

const labels = (store: Store) => (store.db.prepare('SELECT kind, name FROM label_types ORDER BY kind, name').all() as { kind: string; name: string }[]).map((l) => `${l.kind} ${l.name}`)
const counts = (store: Store) => ['documents', 'spans', 'relations', 'label_types'].map((t) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n)

describe('label names other tools allow', () => {
  afterEach(() => {
    importTuning.keepItems = 200_000
  })

  for (const [name, content] of Object.entries(FILES)) {
    it(`${name}: refused naming file, line and the rename, nothing stored (also with --add-labels); renamed, imported`, async () => {
      const { store } = tempStore()
      const file = path.join(tempDir(), name)
      fs.writeFileSync(file, content)
      const before = counts(store)
      for (const addLabels of [false, true]) {
        await expect(importFiles(store, [file], { annotator: 'x', addLabels })).rejects.toThrow(
          `${file}:1: spans[0]: label "Named Entity": a label name cannot contain whitespace; rename it with --map-label "Named Entity=Named_Entity"`,
        )
        expect(counts(store)).toEqual(before)
      }
      const r = await importFiles(store, [file], { annotator: 'x', addLabels: true, labelMap: RENAMES })
      expect([r.spansAdded, r.relationsAdded]).toEqual([2, 1])
      expect(r.labelsAdded).toEqual(['entity NAMED_ENTITY', 'relation WORKS_WITH'])
      expect(labels(store)).not.toContain('entity Named Entity')
      store.close()
    })
  }

  it('a label with ":" is refused even with --add-labels (it was added to the schema, and brat read it as TYPE:ID)', async () => {
    const { store } = tempStore()
    const file = path.join(tempDir(), 'colon.jsonl')
    fs.writeFileSync(file, JSON.stringify({ id: 'd', text, annotator: 'x', spans: [{ start: 0, end: 12, label: 'Org:Company' }] }))
    await expect(importFiles(store, [file], { annotator: 'x', addLabels: true })).rejects.toThrow(/colon\.jsonl:1: spans\[0\]: label "Org:Company": a label name cannot contain ":"/)
    expect(labels(store)).not.toContain('entity Org:Company')
    await importFiles(store, [file], { annotator: 'x', addLabels: true, labelMap: parseLabelMap(['Org:Company=ORG']) })
    expect(labels(store)).toContain('entity ORG')
    store.close()
  })

  it('the rename holds in the write pass that reads a big file again, and a CoNLL reader gets two columns', async () => {
    const { store } = tempStore()
    const dir = tempDir()
    const file = path.join(dir, 'many.jsonl')
    const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `d${i}`, text, annotator: 'x', spans: [{ start: 0, end: 12, label: 'Named Entity' }] }))
    fs.writeFileSync(file, rows.join('\n'))
    importTuning.keepItems = 10 // records past the 5th are decoded again to be written
    const r = await importFiles(store, [file], { annotator: 'x', addLabels: true, labelMap: RENAMES })
    expect(r.imported).toBe(40)
    expect(store.db.prepare('SELECT DISTINCT l.name AS name FROM spans s JOIN label_types l ON l.id = s.label_id').all()).toEqual([{ name: 'NAMED_ENTITY' }])
    const out = path.join(dir, 'out.conll')
    await exportDataset(store, out, { format: 'conll' })
    const tokenLines = fs.readFileSync(out, 'utf8').split('\n').filter((l) => l && !l.startsWith('-DOCSTART-'))
    expect(tokenLines.every((l) => l.split(/\s+/u).length === 2)).toBe(true)
    expect(tokenLines).toContain('Ada B-NAMED_ENTITY')
    store.close()
  })

  it('--map-label on the command line, and its typos said before anything is read', () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const file = path.join(dir, 'in.jsonl')
    fs.writeFileSync(file, FILES['native.jsonl'])
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), 'import', file, '--db', db, '--add-labels', ...args], { encoding: 'utf8' })
    const refused = cli()
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('rename it with --map-label "Named Entity=Named_Entity"')
    const typo = cli('--map-label', 'Named Entity=Still Spaced')
    expect([typo.status, typo.stderr]).toEqual([1, expect.stringContaining('"Still Spaced" cannot be a label: a label name cannot contain whitespace')])
    const ok = cli('--map-label', 'Named Entity=NAMED_ENTITY', '--map-label', 'works with=WORKS_WITH')
    expect(ok.stderr).toBe('')
    expect(ok.stdout).toContain('added labels: entity NAMED_ENTITY, relation WORKS_WITH')
    expect(fs.existsSync(db)).toBe(true)
  })

  it('a pair that is not FROM=TO, or one name mapped to two, is refused', () => {
    for (const bad of ['Named Entity', '=X', 'X=']) expect(() => parseLabelMap([bad])).toThrow('write it FROM=TO')
    expect(() => parseLabelMap(['A B=X', 'A B=Y'])).toThrow('"A B" is mapped to both "X" and "Y"')
    expect(parseLabelMap(['a=b=c']).get('a=b')).toBe('c')
  })
})
