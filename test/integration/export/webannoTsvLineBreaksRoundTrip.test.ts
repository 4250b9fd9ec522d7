// The WebAnno TSV export of a text holding VT, FF, CR, NEL, U+2028 and U+2029, through the real files: written as
// INCEpTION's writer writes them (see test/unit/shared/formats/webanno/webannoTsvLineBreaks.test.ts), read back by
// the import's own line reader (LF and CRLF end a line, nothing else) to the same text and spans.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { tempStore } from '../../helpers/tempWorkspace'

const TEXT = 'Kerry met\u2028Mary\u2029in\u0085Paris\u000band\u000cLyon\rwith Ada.'

describe('WebAnno TSV export and import with Unicode line breaks in the text', () => {
  it('the folder export reads back to the same text and spans; no line of the file holds a raw CR', async () => {
    const { store, dir } = tempStore()
    const src = path.join(dir, 'in.jsonl')
    const at = (w: string) => ({ start: [...TEXT.slice(0, TEXT.indexOf(w))].length, end: [...TEXT.slice(0, TEXT.indexOf(w))].length + w.length, label: 'PERSON' })
    fs.writeFileSync(src, `${JSON.stringify({ id: 'd', text: TEXT, annotator: 'ann', spans: [at('Kerry'), at('Mary'), at('Ada')] })}\n`)
    await importFiles(store, [src], { annotator: null, backup: false })
    const out = path.join(dir, 'tsv')
    await exportDataset(store, out, { format: 'webanno-tsv', annotator: 'ann' })
    const files = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.tsv'))
    expect(files).toHaveLength(1)
    const written = fs.readFileSync(path.join(out, files[0]), 'utf8')
    expect(written).not.toContain('\r')
    expect(written).toContain('\u2028')

    const { store: back } = tempStore()
    await importFiles(back, [path.join(out, files[0])], { annotator: 'again', format: 'webanno-tsv', backup: false })
    const ids = back.db.prepare('SELECT text FROM documents').pluck().all() as string[]
    expect(ids).toEqual([TEXT])
    const spans = back.db.prepare('SELECT start, "end" FROM spans ORDER BY start').all() as { start: number; end: number }[]
    expect(spans.map((s) => TEXT.slice(s.start, s.end))).toEqual(['Kerry', 'Mary', 'Ada'])
    store.close()
    back.close()
  })
})
