// A zero-width space (U+200B) marks a word break without a space (Thai, Khmer, web text). ICU's word segmenter
// gave it a token of its own, so "Ali\u200Bbaba" was written as three tokens, the middle one invisible: a CoNLL
// line that prints as "  B-PER" and an hf token that BERT's tokenizer reads as nothing (it drops Cc/Cf characters),
// a word without pieces whose label is lost. The tokenizer takes U+200B as whitespace, as it takes U+FEFF: a break
// between tokens and part of none. Characters that join (word joiner, soft hyphen, ZWJ) stay inside their word.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const TEXT = 'Ali\u200Bbaba met Bob \u200B in Ta\u00ADllinn and x\u2060y .'
const at = (w: string, label: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length, label })

describe.skipIf(pythonMissing(['json', 'unicodedata']))('invisible characters in token exports', () => {
  it('hf and conll: no token is empty to a reader; a zero-width space splits words and is in no token', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'z', text: TEXT, annotator: 'ann', spans: [at('Ali\u200Bbaba', 'PER'), at('Bob', 'PER'), at('Ta\u00ADllinn', 'LOC')] })}\n`)
    await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    const hf = path.join(dir, 'ner.jsonl')
    await exportDataset(store, hf, { format: 'hf' })
    const read = runPythonConsumer<{ rows: { tokens: string[]; ner_tags: string[] }[]; problems: string[] }>('read_hf_rows.py', [hf])
    expect(read.problems).toEqual([])
    expect(read.rows.flatMap((r) => r.tokens.map((t, i) => [t, r.ner_tags[i]]))).toEqual([
      ['Ali', 'B-PER'],
      ['baba', 'I-PER'],
      ['met', 'O'],
      ['Bob', 'B-PER'],
      ['in', 'O'],
      ['Ta\u00ADllinn', 'B-LOC'],
      ['and', 'O'],
      ['x\u2060y', 'O'],
      ['.', 'O'],
    ])
    const conll = path.join(dir, 'ner.conll')
    await exportDataset(store, conll, { format: 'conll' })
    const words = fs
      .readFileSync(conll, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split(' ')[0])
    expect(words).toEqual(['Ali', 'baba', 'met', 'Bob', 'in', 'Ta\u00ADllinn', 'and', 'x\u2060y', '.'])
    store.close()
  })
})
