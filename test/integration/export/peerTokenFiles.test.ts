// Issue 11: real CoNLL and spaCy files that other tools wrote import (with
// --format and by detection), with counts computed from the files themselves,
// and export back to their own format equal to the original, ignoring only
// document ids and ordering.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { REPO_ROOT, tempStore } from '../../helpers/tempWorkspace'

const PEERS = path.join(REPO_ROOT, 'test', 'fixtures', 'peers')
const IOB = path.join(PEERS, 'conll', 'spacy_ner-token-per-line-conll2003.iob')
const DOCCANO_CONLL = path.join(PEERS, 'conll', 'doccano_example.conll')
const SPACY_JSON = path.join(PEERS, 'spacy', 'ner_demo_train.json')

/** A CoNLL file as a reader sees it: documents of sentences of [token, ...middle columns, tag], without DOCSTART ids. */
function readConll(text: string): string[][][][] {
  const docs: string[][][][] = []
  let doc: string[][][] | null = null
  let sentence: string[][] = []
  const endSentence = () => {
    if (sentence.length) (doc ??= (docs.push([]), docs[docs.length - 1])).push(sentence)
    sentence = []
  }
  for (const line of text.split(/\r?\n/u)) {
    if (line.trim() === '') {
      endSentence()
      continue
    }
    const cols = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/u)
    if (cols[0] === '-DOCSTART-') {
      endSentence()
      docs.push((doc = []))
      continue
    }
    sentence.push(cols)
  }
  endSentence()
  return docs.filter((d) => d.length > 0)
}

/** Spans by a plain BIO scan within each sentence (B- starts, I- of the same label continues, else starts). */
function countBioSpans(docs: string[][][][]): number {
  let n = 0
  for (const d of docs) {
    for (const s of d) {
      let open: string | null = null
      for (const cols of s) {
        const tag = cols[cols.length - 1]
        const m = /^([BI])-(.+)$/u.exec(tag)
        if (!m) open = null
        else if (m[1] === 'B' || open !== m[2]) {
          n++
          open = m[2]
        }
      }
    }
  }
  return n
}

async function roundTrip(file: string, format: FormatName | null, exportFormat: FormatName, ext: string) {
  const { store, dir } = tempStore()
  const report = await importFiles(store, [file], { annotator: 'peer', format, addLabels: true })
  const out = path.join(dir, `out${ext}`)
  const exported = await exportDataset(store, out, { format: exportFormat, annotator: 'peer' })
  return { store, report, exported, out: fs.readFileSync(out, 'utf8') }
}

describe('CoNLL files other tools wrote', () => {
  for (const [name, file] of [
    ['spaCy’s CoNLL-2003 example (4 columns, -DOCSTART-, .iob)', IOB],
    ['doccano’s example (tab, 2 columns, no -DOCSTART-, no final blank line)', DOCCANO_CONLL],
  ] as const) {
    for (const format of ['conll', null] as const) {
      it(`${name} imports ${format ? 'with --format conll' : 'by detection'} with the file's counts, and exports back equal`, async () => {
        const original = readConll(fs.readFileSync(file, 'utf8'))
        const { report, exported, out } = await roundTrip(file, format, 'conll', '.conll')
        expect(report.documentsAdded).toBe(original.length)
        expect(report.spansAdded).toBe(countBioSpans(original))
        expect(exported.leftOut).toEqual([])
        // Same documents, sentences (12 in, 12 out), tokens, middle columns and tags.
        expect(readConll(out)).toEqual(original)
        // Every line has the same number of columns.
        const widths = new Set(out.split('\n').filter((l) => l.trim() !== '').map((l) => l.split(/[ \t]/u).length))
        expect(widths.size).toBe(1)
      })
    }
  }

  it('keeps the file’s sentence count and its POS/chunk columns in meta', async () => {
    const { store } = await roundTrip(IOB, 'conll', 'conll', '.conll')
    const original = readConll(fs.readFileSync(IOB, 'utf8'))
    const doc = store.documents.byExternalId('spacy_ner-token-per-line-conll2003-1')!
    const conll = doc.meta.conll as { sentences: number[][]; columns: string[][] }
    expect(conll.sentences).toHaveLength(original[0].length)
    expect(conll.columns.slice(0, 3)).toEqual(original[0][0].slice(0, 3).map((cols) => cols.slice(1, -1)))
  })
})

describe('spaCy training data as one JSON array (explosion/projects ner_demo)', () => {
  const examples = JSON.parse(fs.readFileSync(SPACY_JSON, 'utf8')) as [string, { entities: [number, number, string][] }][]
  const view = (xs: typeof examples) => xs.map(([text, a]) => JSON.stringify([text, [...a.entities].sort((p, q) => p[0] - q[0] || p[1] - q[1])])).sort()

  for (const format of ['spacy', null] as const) {
    it(`imports ${format ? 'with --format spacy' : 'by detection'} with the file's counts, and exports back as one equal array`, async () => {
      const { report, out } = await roundTrip(SPACY_JSON, format, 'spacy', '.json')
      expect(report.documentsAdded).toBe(examples.length)
      expect(report.spansAdded).toBe(examples.reduce((n, [, a]) => n + a.entities.length, 0))
      const back = JSON.parse(out) as typeof examples
      expect(Array.isArray(back)).toBe(true)
      expect(view(back)).toEqual(view(examples))
    })
  }

  it('spacy-jsonl writes one example a line, and the spaCy import reads it back', async () => {
    const { out, store } = await roundTrip(SPACY_JSON, 'spacy', 'spacy-jsonl', '.jsonl')
    const lines = out.trim().split('\n').map((l) => JSON.parse(l))
    expect(view(lines)).toEqual(view(examples))
    const dir = path.dirname(store.file)
    const again = tempStore()
    const f = path.join(dir, 'lines.jsonl')
    fs.writeFileSync(f, out)
    const r = await importFiles(again.store, [f], { annotator: 'peer', addLabels: true })
    expect(r.documentsAdded).toBe(examples.length)
  })

  it('a record with empty entities is a document, exported again', async () => {
    const { dir, store } = tempStore()
    const f = path.join(dir, 'neg.json')
    fs.writeFileSync(f, JSON.stringify([...examples, ['Nothing here.', { entities: [] }]], null, 2))
    await importFiles(store, [f], { annotator: 'peer', addLabels: true })
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'spacy', annotator: 'peer' })
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toContainEqual(['Nothing here.', { entities: [], spans: { sc: [] } }])
  })
})
