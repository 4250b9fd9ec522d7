// The Prodigy export cut a token at every span edge, also one inside a character (a grapheme cluster: a letter and
// its combining accent, an emoji ZWJ sequence, a flag), so a task held a token of a lone accent, half a family or
// half a flag, which spaCy's tokenizer never makes. Now such a span is widened to the whole character, as the CoNLL,
// hf and .spacy exports do (graphemeEdges.ts), and named in a counted warning. Read as Prodigy rebuilds a Doc
// (test/helpers/python/read_prodigy_tokens.py: Doc(words, spaces), char_span, each token = Python's text[start:end]).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const TEXT = 'Nguye\u0302\u0303n Va\u0306n An met Zoe\u0301 in Brussels \u{1F1E7}\u{1F1EA} with the family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} today.'
const at = (w: string, label: string, len = w.length) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + len, label })
const SPANS = [
  at('Nguye\u0302', 'PER'), // between the two accents of ễ
  at('Zoe', 'PER'), // before the accent of é
  at('\u{1F1E7}\u{1F1EA}', 'LOC', 2), // the first regional indicator only
  at('\u{1F468}\u200D', 'PER', 2), // the man of the family only
  at('Brussels', 'LOC'),
]

type Task = { text: string; tokens: { text: string; start: number; end: number }[]; spans: { start: number; end: number; label: string }[] }

/** Offsets (code points) where a grapheme cluster starts, and the text's end. */
function characterEdges(text: string): Set<number> {
  const edges = new Set<number>([[...text].length])
  for (const { index } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) edges.add([...text.slice(0, index)].length)
  return edges
}

describe.skipIf(pythonMissing(['json']))('prodigy export, spans ending inside a character', () => {
  it('writes whole characters as tokens and spans, readable as Prodigy reads a task, and says which spans were widened', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'nfd-1', text: TEXT, annotator: 'ann', offsets: 'utf16', spans: SPANS })}\n`)
    await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    const out = path.join(dir, 'out.jsonl')
    const report = await exportDataset(store, out, { format: 'prodigy' })

    const read = runPythonConsumer<{ id: string; problems: string[] }[]>('read_prodigy_tokens.py', [out])
    expect(read).toEqual([{ id: 'nfd-1', problems: [] }])
    const [task] = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Task)
    const edges = characterEdges(TEXT)
    expect(task.tokens.filter((t) => !edges.has(t.start) || !edges.has(t.end)).map((t) => t.text)).toEqual([])
    const cp = [...TEXT]
    expect(task.spans.map((s) => [cp.slice(s.start, s.end).join(''), s.label])).toEqual([
      ['Nguye\u0302\u0303', 'PER'],
      ['Zoe\u0301', 'PER'],
      ['Brussels', 'LOC'],
      ['\u{1F1E7}\u{1F1EA}', 'LOC'],
      ['\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'PER'],
    ])
    const warning = report.warnings.find((w) => w.includes('inside a character'))
    expect(warning).toContain('prodigy: 4 spans start or end inside a character')
    expect(warning).toContain(`"Zoe" PER at ${TEXT.indexOf('Zoe')}-${TEXT.indexOf('Zoe') + 3} in "nfd-1", written as "Zoe\u0301"`)
    expect(warning).not.toContain('Brussels')
    store.close()
  })
})
