// An hf export (without --split) that has no rows: Hugging Face datasets cannot load an empty JSON file
// (load_dataset("json") infers the schema from the rows: SchemaInferenceError), so no file is written, the export
// says why, and a file of that name from an earlier export is removed (it would be loaded as this export), as
// for an empty --split part (test/integration/export/hfEmptySplit.test.ts).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('hf export with no rows', () => {
  it('writes no file, removes the earlier one, and says why (CLI: no "wrote" line, a warning, exit 0)', async () => {
    const { store, dir, file: db } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    // A layer whose text has no token: it exists (an imported empty layer), and gives no sentence.
    fs.writeFileSync(f, `${JSON.stringify({ id: 'blank', text: ' \n\t ', annotator: 'ann', spans: [] })}\n`)
    await importFiles(store, [f], { annotator: null, backup: false })
    store.close()
    const out = path.join(dir, 'ner.jsonl')
    fs.writeFileSync(out, '{"id": "stale", "document": "old", "tokens": ["x"], "ner_tags": ["O"]}\n')
    const r = await cliInProcess(['export', '--format', 'hf', '--out', out, '--db', db])
    expect(r.code).toBe(0)
    expect(r.lines.filter((l) => l.startsWith('wrote '))).toEqual([])
    expect(r.errors).toContainEqual(
      `warning: hf: the export has no rows (its layer holds no sentences), so ${out} was not written (the file of that name from an earlier export was removed): Hugging Face datasets refuses an empty JSON file`,
    )
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('ner'))).toEqual([])
  })

  it('an export no layer matches writes no hf file either; jsonl still writes its empty file', async () => {
    const { store, dir } = tempStore()
    const out = path.join(dir, 'ner.jsonl')
    const r = await exportDataset(store, out, { format: 'hf' })
    expect(r.files).toEqual([])
    expect(r.warnings).toContain(`hf: the export has no rows (no layer matched), so ${out} was not written: Hugging Face datasets refuses an empty JSON file`)
    expect(fs.existsSync(out)).toBe(false)
    const plain = path.join(dir, 'plain.jsonl')
    expect((await exportDataset(store, plain, { format: 'jsonl' })).files).toHaveLength(1)
    expect(fs.readFileSync(plain, 'utf8')).toBe('')
    expect(fs.readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([])
    store.close()
  })
})
