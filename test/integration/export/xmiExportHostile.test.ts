// The XMI export's consumer view of texts and ids a workspace can hold but XML cannot as they are: every file a
// strict XML parser (saxes, through Spanwright's XMI import) reads, with each span over the same words, and the
// export report saying what was replaced.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { tempStore } from '../../helpers/tempWorkspace'

describe('xmi export of hostile texts and ids', () => {
  it('NUL and U+FFFF (taken by a JSONL import) become U+FFFD with a warning; odd ids make files in the folder; all read back', async () => {
    const { store, dir } = tempStore()
    const docs = [
      { id: '../../escape', text: 'a\u0000b Ada Lovelace', spans: [{ start: 4, end: 16, label: 'PERSON' }] },
      { id: 'CON', text: 'x\uffff Paris', spans: [{ start: 3, end: 8, label: 'GPE' }] },
      { id: 'plain', text: 'Bell\u0007 in Berlin', spans: [{ start: 9, end: 15, label: 'GPE' }] },
    ]
    fs.writeFileSync(path.join(dir, 'in.jsonl'), docs.map((d) => JSON.stringify({ ...d, annotator: 'ann' })).join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true, unit: 'utf16' })
    const out = path.join(dir, 'xmi')
    const report = await exportDataset(store, out, { format: 'xmi', annotator: 'ann' })
    expect(report.layers).toBe(3)
    expect(report.warnings).toContain('2 documents hold characters no XML can (NUL, U+FFFE, U+FFFF): written as U+FFFD, offsets unchanged')
    // "../../escape" stays inside the folder; nothing is written beside it.
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.xmi'))
    expect(files.length).toBe(3)
    for (const f of files) expect(path.resolve(out, f).startsWith(out + path.sep)).toBe(true)
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.includes('escape'))).toEqual([])
    const again = tempStore()
    try {
      const r = await importFiles(again.store, [out], { annotator: 'ann', addLabels: true })
      expect(r.documentsAdded).toBe(3)
      const rows = again.store.db
        .prepare('SELECT d.text AS text, s.start AS start, s."end" AS "end" FROM spans s JOIN documents d ON d.id = s.document_id ORDER BY d.text')
        .all() as { text: string; start: number; end: number }[]
      expect(rows.map((x) => [x.text, x.text.slice(x.start, x.end)])).toEqual([
        ['Bell\u0007 in Berlin', 'Berlin'],
        ['a\ufffdb Ada Lovelace', 'Ada Lovelace'],
        ['x\ufffd Paris', 'Paris'],
      ])
    } finally {
      again.store.close()
      store.close()
    }
  })
})
