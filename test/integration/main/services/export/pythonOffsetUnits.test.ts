// Exports read by Python count characters (code points) whatever --offsets says, and the report says so. spaCy's
// JSON training data is read with `doc.char_span(start, end)`; Prodigy's spans' and tokens' `start`/`end` are
// character offsets into the text (Prodigy's docs: "start and end character offsets"), its tokens spaCy's
// (`token.idx`). With `--offsets utf16` both wrote UTF-16 offsets, so after an emoji every span sat one character
// later per astral character ("Kerry" became "erry " to spaCy). Like .spacy and brat, they now always count code points.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../../../helpers/pythonConsumer'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = '😀👨‍👩‍👧 Kerry met Mary in Paris 🇫🇷.'

/** A workspace holding one layer over TEXT (Kerry PERSON, Paris GPE), imported from UTF-16 offsets. */
async function emojiWorkspace() {
  const { store, dir } = tempStore()
  const f = path.join(dir, 'in.jsonl')
  const at = (w: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length })
  const spans = [{ ...at('Kerry'), label: 'PERSON' }, { ...at('Paris'), label: 'GPE' }]
  fs.writeFileSync(f, `${JSON.stringify({ id: 'e', text: TEXT, annotator: 'ann', offsets: 'utf16', spans })}\n`)
  await importFiles(store, [f], { annotator: null, backup: false })
  return { store, dir }
}

describe.skipIf(pythonMissing(['json']))('spaCy JSON offsets', () => {
  it('spacy and spacy-jsonl count code points whatever --offsets says, and say so', async () => {
    const { store, dir } = await emojiWorkspace()
    for (const format of ['spacy', 'spacy-jsonl'] as const) {
      const out = path.join(dir, `out.${format}`)
      const r = await exportDataset(store, out, { format, unit: 'utf16' })
      expect(r.unit).toBe('codepoint')
      expect(r.warnings).toContain(`${format}: offsets are in code points, as spaCy counts them; --offsets utf16 does not apply`)
      // One array for the reader, whichever of the two was written.
      const array = path.join(dir, `array.${format}.json`)
      fs.writeFileSync(array, format === 'spacy' ? fs.readFileSync(out) : `[${fs.readFileSync(out, 'utf8').trim().split('\n').join(',')}]`)
      const read = runPythonConsumer<{ spacy: { entities: [string, string][]; sc: [string, string][] }[] }>('read_training_chunks.py', [`spacy:${array}`])
      expect([format, read.spacy[0].entities, read.spacy[0].sc]).toEqual([format, [['Kerry', 'PERSON'], ['Paris', 'GPE']], [['Kerry', 'PERSON'], ['Paris', 'GPE']]])
    }
    store.close()
  })
})

describe.skipIf(pythonMissing(['json']))('Prodigy offsets', () => {
  it('prodigy counts code points whatever --offsets says, and says so', async () => {
    const { store, dir } = await emojiWorkspace()
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
