// A folder named as --out of a one-file format (jsonl, conll, …): the whole export was written to a temp file,
// then the rename into place failed with "EBUSY: resource busy or locked, rename '..partial-N' -> '.'" (or "a file
// is in the way"), and the temp file stayed behind, inside the folder for `--out sub/`.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'

let store: Store | null = null
afterEach(() => store?.close())

describe('export of a one-file format to a folder', () => {
  it('is refused before anything is written, naming the folder, and leaves no temp file', async () => {
    const t = tempStore()
    store = t.store
    const f = path.join(t.dir, 'in.jsonl')
    fs.writeFileSync(f, JSON.stringify({ id: 'd1', text: 'Kerry met Michel.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')
    await importFiles(t.store, [f], { annotator: null })
    const sub = path.join(t.dir, 'out')
    fs.mkdirSync(sub)
    for (const [out, format] of [[sub, 'jsonl'], [`${sub}/`, 'conll'], [`${sub}${path.sep}`, 'spacy'], [t.dir, 'hf']] as const) {
      await expect(exportDataset(t.store, out, { format }), `${format} ${out}`).rejects.toThrow(`${out} is a folder, and this format writes one file: give --out a file name (inside it, say)`)
    }
    // A name for a file that does not exist yet, ending in a separator, is a folder too.
    await expect(exportDataset(t.store, `${path.join(t.dir, 'new')}/`, { format: 'jsonl' })).rejects.toThrow(/is a folder/)
    expect(fs.readdirSync(sub)).toEqual([])
    expect(fs.readdirSync(t.dir).filter((n) => n.includes('.partial-'))).toEqual([])
    // A file inside it is fine.
    await exportDataset(t.store, path.join(sub, 'train.jsonl'), { format: 'jsonl' })
    expect(fs.readdirSync(sub)).toEqual(['train.jsonl'])
  })
})

describe('export --labels', () => {
  it('refuses a label the schema does not have (a misspelling would export every document without spans), and an empty list', async () => {
    const t = tempStore()
    store = t.store
    const f = path.join(t.dir, 'in.jsonl')
    fs.writeFileSync(f, JSON.stringify({ id: 'd1', text: 'Kerry met Michel.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')
    await importFiles(t.store, [f], { annotator: null })
    const out = path.join(t.dir, 'o.jsonl')
    await expect(exportDataset(t.store, out, { format: 'jsonl', labels: ['person', 'ORG'] })).rejects.toThrow(`--labels: no label named "person" in this workspace's schema`)
    expect(fs.existsSync(out)).toBe(false)
    const io = { lines: [] as string[], errors: [] as string[], log(l: string) { this.lines.push(l) }, error(l: string) { this.errors.push(l) } }
    expect(await main(['export', '--db', t.file, '--format', 'jsonl', '--out', out, '--labels', ','], io)).toBe(1)
    expect(io.errors).toEqual(['spanwright export: --labels needs a comma-separated list of labels'])
    // Entity and relation labels of the schema are both taken.
    const r = await exportDataset(t.store, out, { format: 'jsonl', labels: ['PERSON', 'PART_OF'] })
    expect(r.spans).toBe(1)
  })
})
