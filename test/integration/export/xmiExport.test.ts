// UIMA CAS XMI export through the real export service, read back by Spanwright's XMI import (the INCEpTION/DKPro
// reader): a folder of .xmi files, one per layer, with each document's text, id, spans and relations.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'

const docs = [
  {
    id: 'news/a 1',
    text: 'Kerry met Michel Barnier in Brussels.\n\nThen  he left 🇧🇪 for <Paris> & "Lyon".',
    spans: [[0, 5, 'PERSON'], [10, 24, 'PERSON'], [28, 36, 'GPE'], [57, 64, 'GPE']],
    relations: [[0, 2, 'located_in']],
  },
  { id: 'b', text: 'The University of Texas at Austin said so.', spans: [[4, 33, 'ORG'], [18, 23, 'GPE']], relations: [] },
]

/** Each document's id, text, spans as [text, label] and relations as [head, label, tail], from the native export. */
async function contents(store: Store, dir: string, annotator: string) {
  const out = path.join(dir, `check-${Math.random().toString(36).slice(2)}.jsonl`)
  await exportDataset(store, out, { format: 'jsonl', annotator })
  type Row = { id: string; text: string; spans: { id: string; start: number; end: number; label: string }[]; relations: { head: string; tail: string; label: string }[] }
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row)
  return rows
    .map((r) => {
      const at = (id: string) => r.spans.find((s) => s.id === id)!
      const words = (s: { start: number; end: number }) => [...r.text].slice(s.start, s.end).join('')
      return { id: r.id, text: r.text, spans: r.spans.map((s) => `${words(s)}/${s.label}`).sort(), relations: r.relations.map((x) => `${words(at(x.head))} ${x.label} ${words(at(x.tail))}`).sort() }
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}

describe('xmi export, imported again', () => {
  it('a folder of DKPro NamedEntity / custom relation XMI files gives back every document, span and relation', async () => {
    const { store, dir } = tempStore()
    const lines = docs.map((d) =>
      JSON.stringify({
        id: d.id,
        text: d.text,
        annotator: 'ann',
        // One span with an attribute: DKPro's NamedEntity has no feature for it, and the report says so.
        spans: d.spans.map(([start, end, label], i) => ({ id: `s${i}`, start, end, label, ...(i === 1 ? { attributes: { kb_id: 'Q1' } } : {}) })),
        relations: d.relations.map(([h, t, label]) => ({ head: `s${h}`, tail: `s${t}`, label })),
      }),
    )
    fs.writeFileSync(path.join(dir, 'in.jsonl'), lines.join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true, unit: 'utf16' })
    const out = path.join(dir, 'xmi')
    const report = await exportDataset(store, out, { format: 'xmi', annotator: 'ann' })
    expect(report.layers).toBe(2)
    expect(report.unit).toBe('utf16')
    expect(report.warnings.some((w) => w.startsWith('UIMA CAS XMI keeps the text, spans as DKPro NamedEntity'))).toBe(true)
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.xmi')).sort()
    expect(files).toEqual(['b.xmi', path.join('news', 'a 1.xmi')])
    const xml = fs.readFileSync(path.join(out, files[1]), 'utf8')
    // The types DKPro and INCEpTION use: ner.type.NamedEntity with value, and a custom relation layer.
    expect(xml).toContain('xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore"')
    expect(xml).toMatch(/<type:NamedEntity xmi:id="\d+" sofa="1" begin="0" end="5" value="PERSON"\/>/)
    expect(xml).toMatch(/<custom:Relation xmi:id="\d+" sofa="1" begin="28" end="36" Governor="\d+" Dependent="\d+" value="located_in"\/>/)

    const again = tempStore()
    try {
      await importFiles(again.store, [out], { annotator: 'ann', addLabels: true })
      expect(await contents(again.store, again.dir, 'ann')).toEqual(await contents(store, dir, 'ann'))
    } finally {
      again.store.close()
    }
    store.close()
  })
})
