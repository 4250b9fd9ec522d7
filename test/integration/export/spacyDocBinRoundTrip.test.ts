// The .spacy export through the real export and import services: what a
// workspace writes, the DocBin reader reads back (texts, and every span:
// doc.ents plus doc.spans["sc"] where spans overlap).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'

const docs = [
  { id: 'a', text: 'Kerry met Michel Barnier in Brussels.\n\nThen  he left 🇧🇪 for Paris.', spans: [[0, 5, 'PERSON'], [10, 24, 'PERSON'], [28, 36, 'GPE']] },
  { id: 'b', text: 'The University of Texas at Austin said so.', spans: [[4, 33, 'ORG'], [18, 23, 'GPE'], [27, 33, 'GPE']] },
  { id: 'c', text: 'Nothing to see.', spans: [] },
]

/** Each document's text and its spans as (text, label), sorted: what a model is trained on. */
async function contents(store: Store, dir: string): Promise<Record<string, { text: string; spans: string[] }>> {
  const out = path.join(dir, `check-${Math.random().toString(36).slice(2)}.jsonl`)
  await exportDataset(store, out, { format: 'jsonl', annotator: 'ann' })
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; spans: { start: number; end: number; label: string }[] })
  return Object.fromEntries(rows.map((r) => [r.text, { text: r.text, spans: r.spans.map((s) => `${[...r.text].slice(s.start, s.end).join('')}/${s.label}`).sort() }]))
}

describe('spacy-docbin export, imported again', () => {
  it('every document comes back with its text and every span, overlapping ones included', async () => {
    const { store, dir } = tempStore()
    const lines = docs.map((d) => JSON.stringify({ id: d.id, text: d.text, annotator: 'ann', spans: d.spans.map(([start, end, label]) => ({ start, end, label })) }))
    fs.writeFileSync(path.join(dir, 'in.jsonl'), lines.join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null })
    const file = path.join(dir, 'train.spacy')
    const report = await exportDataset(store, file, { format: 'spacy-docbin', annotator: 'ann' })
    expect(report.layers).toBe(3)
    expect(report.unit).toBe('codepoint')
    expect(fs.readFileSync(file).subarray(0, 1)[0]).toBe(0x78) // zlib's header, as zlib.compress writes it

    const again = tempStore()
    await importFiles(again.store, [file], { annotator: 'ann' })
    expect(await contents(again.store, again.dir)).toEqual(await contents(store, dir))
  })

  it('a failed export leaves no file behind and an existing one as it was', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'train.spacy')
    fs.writeFileSync(file, 'old')
    const ctl = new AbortController()
    ctl.abort()
    await expect(exportDataset(store, file, { format: 'spacy-docbin' }, { signal: ctl.signal })).rejects.toThrow()
    expect(fs.readFileSync(file, 'utf8')).toBe('old')
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([])
  })
})
