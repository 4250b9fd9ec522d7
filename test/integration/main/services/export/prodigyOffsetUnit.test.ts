// Prodigy is Python: its spans' and tokens' `start`/`end` are character offsets into the text (Prodigy's docs:
// "start and end character offsets"), and its tokens are spaCy's (`token.idx`). With `--offsets utf16` the prodigy
// export wrote UTF-16 offsets, so after an emoji every span and token sat one character later per astral character.
// Like spaCy's JSON, .spacy and brat, it now always counts code points, and the report says --offsets does not apply.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../../../helpers/pythonConsumer'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = '😀👨‍👩‍👧 Kerry met Mary in Paris 🇫🇷.'

describe.skipIf(pythonMissing(['json']))('Prodigy offsets', () => {
  it('prodigy counts code points whatever --offsets says, and says so', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    const at = (w: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length })
    const spans = [{ ...at('Kerry'), label: 'PERSON' }, { ...at('Paris'), label: 'GPE' }]
    fs.writeFileSync(f, `${JSON.stringify({ id: 'e', text: TEXT, annotator: 'ann', offsets: 'utf16', spans })}\n`)
    await importFiles(store, [f], { annotator: null, backup: false })
    const out = path.join(dir, 'out.jsonl')
    const r = await exportDataset(store, out, { format: 'prodigy', unit: 'utf16' })
    expect(r.unit).toBe('codepoint')
    expect(r.warnings).toContain('prodigy: offsets are in code points, as Prodigy counts them; --offsets utf16 does not apply')
    const read = runPythonConsumer<{ prodigy: [string, string, boolean][][] }>('read_training_chunks.py', [`prodigy:${out}`])
    expect(read.prodigy).toEqual([
      [
        ['Kerry', 'PERSON', true],
        ['Paris', 'GPE', true],
      ],
    ])
    // Every token where its characters are, as spaCy's Doc(words, spaces) rebuilds it.
    expect(runPythonConsumer<{ problems: string[] }[]>('read_prodigy_tokens.py', [out])).toEqual([{ id: 'e', problems: [] }])
    // Without --offsets, no such warning.
    expect((await exportDataset(store, out, { format: 'prodigy' })).warnings.filter((w) => /offsets/.test(w))).toEqual([])
    store.close()
  })
})
