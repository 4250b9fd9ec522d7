// A span edge inside a character (a grapheme cluster: a letter and its combining accent, an emoji ZWJ sequence, a
// flag) cannot be a token edge: the token exports cut a token at every span edge, and wrote a lone accent, half a
// family or half a flag as tokens of their own, saying nothing. Such spans come in through imports whose offsets were
// counted on other text (NFC against NFD, code points against clusters). Now the span is widened to the whole
// character and named in a counted warning. Read as a consumer reads them: Python for the hf rows, the CoNLL lines.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

// Decomposed (NFD) Vietnamese and French, as text copied from macOS file names or some PDFs comes; a flag and a ZWJ family.
const TEXT = 'Nguye\u0302\u0303n Va\u0306n An met Zoe\u0301 in Brussels \u{1F1E7}\u{1F1EA} with the family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} today.'
const at = (w: string, label: string, len = w.length) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + len, label })
const SPANS = [
  at('Nguye\u0302', 'PER'), // between the two accents of ễ (offsets counted on the NFC text)
  at('Zoe', 'PER'), // before the accent of é
  at('\u{1F1E7}\u{1F1EA}', 'LOC', 2), // the first regional indicator only
  at('\u{1F468}\u200D', 'PER', 2), // the man of the family only
  at('Brussels', 'LOC'), // an ordinary span, unchanged
]

type HfRead = { rows: { tokens: string[]; ner_tags: string[] }[]; problems: string[] }

describe.skipIf(pythonMissing(['json', 'unicodedata']))('spans ending inside a character, in the token exports', () => {
  it('hf and conll write whole characters, and say which spans were widened', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'nfd-1', text: TEXT, annotator: 'ann', offsets: 'utf16', spans: SPANS })}\n`)
    const imported = await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    expect(imported.spansAdded).toBe(5)

    const hf = path.join(dir, 'ner.jsonl')
    const hfReport = await exportDataset(store, hf, { format: 'hf' })
    const read = runPythonConsumer<HfRead>('read_hf_rows.py', [hf])
    expect(read.problems).toEqual([])
    const tagged = read.rows.flatMap((r) => r.tokens.map((t, i) => [t, r.ner_tags[i]]))
    expect(tagged).toEqual([
      // ễ whole; the span still ends inside the word, on a character's edge, so the token is cut there, as at any span edge.
      ['Nguye\u0302\u0303', 'B-PER'],
      ['n', 'O'],
      ['Va\u0306n', 'O'],
      ['An', 'O'],
      ['met', 'O'],
      ['Zoe\u0301', 'B-PER'],
      ['in', 'O'],
      ['Brussels', 'B-LOC'],
      ['\u{1F1E7}\u{1F1EA}', 'B-LOC'],
      ['with', 'O'],
      ['the', 'O'],
      ['family', 'O'],
      ['\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'B-PER'],
      ['today', 'O'],
      ['.', 'O'],
    ])
    const warning = hfReport.warnings.find((w) => w.includes('inside a character'))
    expect(warning).toBeDefined()
    expect(warning).toContain('hf: 4 spans start or end inside a character')
    expect(warning).toContain(`"Zoe" PER at ${TEXT.indexOf('Zoe')}-${TEXT.indexOf('Zoe') + 3} in "nfd-1", written as "Zoe\u0301"`)
    expect(warning).toContain('"\u{1F468}" PER')
    // Brussels lies on token edges: not named.
    expect(warning).not.toContain('Brussels')

    const conll = path.join(dir, 'ner.conll')
    const conllReport = await exportDataset(store, conll, { format: 'conll' })
    const lines = fs
      .readFileSync(conll, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split(' '))
    expect(lines).toEqual(tagged)
    expect(conllReport.warnings.some((w) => w.startsWith('conll: 4 spans start or end inside a character'))).toBe(true)
    store.close()
  })

  it('the .spacy export too: its words are whole characters, read by Python as spaCy reads a DocBin', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'nfd-1', text: TEXT, annotator: 'ann', offsets: 'utf16', spans: SPANS })}\n`)
    await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    const file = path.join(dir, 'train.spacy')
    const report = await exportDataset(store, file, { format: 'spacy-docbin' })
    const [doc] = runPythonConsumer<{ text: string; ents: [string, string][]; groups: Record<string, [string, string][]> }[]>('read_docbin.py', [file])
    expect(doc.text).toBe(TEXT)
    const want = [
      ['Nguye\u0302\u0303', 'PER'],
      ['Zoe\u0301', 'PER'],
      ['Brussels', 'LOC'],
      ['\u{1F1E7}\u{1F1EA}', 'LOC'],
      ['\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'PER'],
    ]
    expect(doc.ents).toEqual(want)
    expect(doc.groups.sc).toEqual(want)
    expect(report.warnings.some((w) => w.startsWith('spacy-docbin: 4 spans start or end inside a character'))).toBe(true)
    store.close()
  })

  it('spans on whole characters give no warning', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    const whole = [at('Nguye\u0302\u0303n', 'PER'), at('Zoe\u0301', 'PER'), at('\u{1F1E7}\u{1F1EA}', 'LOC'), at('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'PER')]
    fs.writeFileSync(f, `${JSON.stringify({ id: 'nfd-2', text: TEXT, annotator: 'ann', offsets: 'utf16', spans: whole })}\n`)
    await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    const report = await exportDataset(store, path.join(dir, 'ner.jsonl'), { format: 'hf' })
    expect(report.warnings.filter((w) => w.includes('inside a character'))).toEqual([])
    store.close()
  })
})
