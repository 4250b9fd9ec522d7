// A DKPro NamedEntity has one begin and one end, so the XMI export writes a discontinuous span as its covering range.
// Its warning said "discontinuous fragments are not written", which reads as "the span is left out"; it now counts
// them and says what was written, as the other annotation-tool formats do.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('xmi export of a discontinuous span', () => {
  it('writes the covering range as one NamedEntity and counts it in a warning', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    const text = 'The left and right ventricles.'
    fs.writeFileSync(f, `${JSON.stringify({ id: 'd', text, annotator: 'ann', spans: [{ start: 4, end: 29, label: 'LOC', fragments: [[4, 8], [19, 29]] }] })}\n`)
    await importFiles(store, [f], { annotator: null, backup: false })
    const out = path.join(dir, 'xmi')
    const r = await exportDataset(store, out, { format: 'xmi' })
    expect(r.warnings).toContain("xmi: 1 discontinuous span(s) written as one range from the first fragment's start to the last one's end")
    expect(r.warnings.filter((w) => /fragments are not written/.test(w))).toEqual([])
    const xmi = fs.readFileSync(path.join(out, 'd.xmi'), 'utf8')
    const entities = [...xmi.matchAll(/<type\d*:NamedEntity\b[^>]*\bbegin="(\d+)"[^>]*\bend="(\d+)"/gu)].map((m) => text.slice(Number(m[1]), Number(m[2])))
    expect(entities).toEqual(['left and right ventricles'])
    store.close()
  })
})
