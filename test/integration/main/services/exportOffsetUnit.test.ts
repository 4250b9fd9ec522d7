import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * `--offsets utf16` asks for UTF-16 offsets. brat always counts code points
 * (its server is Python), so the brat export writes code points whatever was
 * asked, and rightly; but its report said "offsets in UTF-16 code units", so
 * a script told that would read every span after an emoji one place off. The
 * report now gives the unit the file has, and says the option did not apply.
 */

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

describe('the export report names the offsets the file has', () => {
  it('brat asked for UTF-16: code points, said so', async () => {
    const { store, dir } = tempStore()
    opened = store
    const src = path.join(dir, 'in.jsonl')
    // Code points: 😀 is one, so Michel is 12..18 (UTF-16: 13..19).
    fs.writeFileSync(src, `${JSON.stringify({ id: 'e1', text: '😀 Kerry met Michel', annotator: 'alice', spans: [{ start: 12, end: 18, label: 'PER' }] })}\n`)
    await importFiles(store, [src], { annotator: null, format: 'jsonl', backup: false, addLabels: true })
    const out = path.join(dir, 'brat')
    const r = await exportDataset(store, out, { format: 'brat', unit: 'utf16', annotator: 'alice' })
    const ann = fs.readFileSync(path.join(out, 'e1.ann'), 'utf8')
    expect(ann).toContain('PER 12 18\tMichel')
    expect(r.unit).toBe('codepoint')
    expect(r.warnings.join('\n')).toMatch(/brat.*code points.*utf16/u)
    // A format that carries the unit asked for reports it, without a word.
    const j = await exportDataset(store, path.join(dir, 'j.jsonl'), { format: 'jsonl', unit: 'utf16', annotator: 'alice' })
    expect(j.unit).toBe('utf16')
    expect(fs.readFileSync(path.join(dir, 'j.jsonl'), 'utf8')).toMatch(/"start":13,"end":19/u)
    expect(j.warnings.join('\n')).not.toMatch(/offsets/u)
  })
})
