// An hf export with --split: Hugging Face datasets' json loader cannot load an empty file (it infers the schema from
// the rows: SchemaInferenceError), so a part no document falls into gets no file, the export says so, and a file of
// that name left by an earlier export is removed rather than loaded as this split.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { parseSplit, splitOf } from '../../../src/main/services/export/datasetSplit'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { tempStore } from '../../helpers/tempWorkspace'

const SPEC = parseSplit('train=0.6,dev=0.3,test=0.1')
const IDS = ['d1', 'd2', 'd3', 'd4']
// The first seed that leaves `test` empty while train and dev get documents (found, not assumed).
const SEED = Array.from({ length: 1000 }, (_, s) => s).find((s) => {
  const parts = IDS.map((id) => splitOf(id, s, SPEC))
  return !parts.includes('test') && parts.includes('train') && parts.includes('dev')
})!

async function workspace() {
  const t = tempStore()
  const f = path.join(t.dir, 'in.jsonl')
  fs.writeFileSync(f, IDS.map((id) => JSON.stringify({ id, text: `Ada met Bob in ${id}.`, annotator: 'ann', spans: [{ start: 0, end: 3, label: 'PERSON' }] })).join('\n') + '\n')
  await importFiles(t.store, [f], { annotator: null, backup: false })
  return t
}

const rowsIn = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; tokens: string[]; ner_tags: string[] })

describe('hf export --split: no empty split file', () => {
  it('the empty part is not written, the report lists only the files written (each with rows) and warns; an old file of its name is removed', async () => {
    expect(SEED).toBeDefined()
    const { store, dir } = await workspace()
    const out = path.join(dir, 'ner.jsonl')
    fs.writeFileSync(path.join(dir, 'ner.test.jsonl'), '{"id": "stale", "tokens": ["x"], "ner_tags": ["O"]}\n')
    const r = await exportDataset(store, out, { format: 'hf', split: SPEC, seed: SEED })
    expect(r.files.map((f) => [path.basename(f.path), f.split])).toEqual([
      ['ner.train.jsonl', 'train'],
      ['ner.dev.jsonl', 'dev'],
    ])
    expect(fs.existsSync(path.join(dir, 'ner.test.jsonl'))).toBe(false)
    // What the report lists is what a consumer's data_files can name: every file there, each with rows.
    for (const f of r.files) expect(rowsIn(f.path).length).toBeGreaterThan(0)
    expect(r.files.reduce((n, f) => n + f.layers, 0)).toBe(4)
    expect(r.warnings).toContainEqual(expect.stringMatching(/^hf: split test has no rows \(no document fell into it\), so .*ner\.test\.jsonl was not written \(the file of that name from an earlier export was removed\): Hugging Face datasets refuses an empty JSON file/))
    expect(fs.readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([])
    store.close()
  })

  it('the CLI prints the warning and a "wrote" line only for the files written; jsonl (not hf) still writes an empty part', async () => {
    const { store, dir, file: db } = await workspace()
    store.close()
    const log: string[] = []
    const err: string[] = []
    const out = path.join(dir, 'ner.jsonl')
    const code = await main(['export', '--format', 'hf', '--out', out, '--db', db, '--split', 'train=0.6,dev=0.3,test=0.1', '--seed', String(SEED)], { log: (l) => log.push(l), error: (l) => err.push(l) })
    expect(code).toBe(0)
    expect(log.filter((l) => l.startsWith('wrote '))).toEqual([expect.stringContaining('ner.train.jsonl (train)'), expect.stringContaining('ner.dev.jsonl (dev)')])
    expect(err).toContainEqual(expect.stringMatching(/^warning: hf: split test has no rows/))

    const plain = path.join(dir, 'plain.jsonl')
    expect(await main(['export', '--format', 'jsonl', '--out', plain, '--db', db, '--split', 'train=0.6,dev=0.3,test=0.1', '--seed', String(SEED)], { log: () => {}, error: () => {} })).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'plain.test.jsonl'), 'utf8')).toBe('')
  })
})
