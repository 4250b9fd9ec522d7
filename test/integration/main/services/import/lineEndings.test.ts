// LF, CRLF and a lone CR (classic Mac OS line ends) in every line-based reader: each other tool's real file reads
// the same records, on the same lines, whichever ends its lines. Before, a lone-CR file was one line: a CoNLL file
// became one token with every later line in its tag, imported without a word, and a JSONL file "not valid JSON".
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { previewImport } from '../../../../../src/main/services/import/importFiles'
import { readLines } from '../../../../../src/main/services/import/lineReader'
import type { FormatName } from '../../../../../src/shared/formats/formatCodec'
import { REPO_ROOT, tempDir } from '../../../../helpers/tempWorkspace'

const PEERS = path.join(REPO_ROOT, 'test/fixtures/peers')
const FILES: [string, FormatName][] = [
  ['conll/doccano_example.conll', 'conll'],
  ['webanno-tsv/testCrossSentenceSpanWithoutFeatureValue.tsv', 'webanno-tsv'],
  ['doccano/seq_export_example.jsonl', 'doccano'],
  ['doccano/rel_import_test.jsonl', 'doccano-rel'],
  ['prodigy/news_headlines_ner_manual.head40.jsonl', 'prodigy'],
  ['spacy/ner_demo_train.json', 'spacy'],
  ['labelstudio/ls_editor_named_entity_annotation.json', 'labelstudio'],
  // A quoted field holding a line break: its rows are joined again with LF whichever ends the file's lines.
  ['doccano/text_classification_export.csv', 'doccano'],
]

/** The records a file reads as, with their lines: what must not depend on its line ends. */
function read(file: string, format: FormatName) {
  const p = previewImport([file], { format, labelMap: undefined, annotator: 'a' }, 1000)
  expect(p.errors).toEqual([])
  return p.records.map((r) => ({ line: r.line, id: r.externalId, text: r.text, spans: r.spans.map((s) => [s.start, s.end, s.label]) }))
}

describe('line ends', () => {
  it.each(FILES)('%s reads the same with LF, CRLF and lone-CR line ends', (name, format) => {
    const lf = fs.readFileSync(path.join(PEERS, name), 'utf8')
    expect(lf).not.toContain('\r')
    const dir = tempDir()
    const write = (suffix: string, text: string) => {
      // Same name in a folder of its own: CoNLL and WebAnno TSV take the document id from it.
      fs.mkdirSync(path.join(dir, suffix))
      const f = path.join(dir, suffix, path.basename(name))
      fs.writeFileSync(f, text)
      return f
    }
    const base = read(write('lf', lf), format)
    expect(base.length).toBeGreaterThan(0)
    expect(read(write('crlf', lf.replaceAll('\n', '\r\n')), format)).toEqual(base)
    expect(read(write('cr', lf.replaceAll('\n', '\r')), format)).toEqual(base)
  })

  it('the line reader decides on lone CRs across tiny chunks: a CR that ends a chunk may be half of a CRLF', () => {
    const dir = tempDir()
    const crlf = path.join(dir, 'crlf.txt')
    const cr = path.join(dir, 'cr.txt')
    fs.writeFileSync(crlf, 'één\r\n\r\nlast\r\n')
    fs.writeFileSync(cr, 'één\r\rlast\r')
    const want = [{ line: 1, raw: 'één' }, { line: 2, raw: '' }, { line: 3, raw: 'last' }]
    for (const chunkBytes of [1, 2, 3, 5, 64]) {
      expect([...readLines(crlf, { chunkBytes })], `CRLF, chunk ${chunkBytes}`).toEqual(want)
      expect([...readLines(cr, { chunkBytes })], `CR, chunk ${chunkBytes}`).toEqual(want)
    }
  })

  it('a byte that is not UTF-8 in a lone-CR file is named on its line, in a line-based file and a whole .txt', () => {
    const dir = tempDir()
    const conll = path.join(dir, 'mac.conll')
    fs.writeFileSync(conll, Buffer.from('Kerry B-PERSON\rmet O\r\rLi\xe8ge B-GPE\r', 'latin1'))
    expect(previewImport([conll], { format: null, labelMap: undefined, annotator: 'a' }).errors).toEqual([
      { file: conll, line: 4, reason: expect.stringMatching(/^not valid UTF-8 at byte 24 \(0xE8/) },
    ])
    const txt = path.join(dir, 'mac.txt')
    fs.writeFileSync(txt, Buffer.from('Title\r\rLi\xe8ge\r', 'latin1'))
    expect(previewImport([txt], { format: null, labelMap: undefined }).errors).toEqual([{ file: txt, line: 3, reason: expect.stringMatching(/^not valid UTF-8 at byte 9 /) }])
  })

  it('a lone-CR CoNLL file through the whole import: two sentences, two spans on their words', () => {
    const dir = tempDir()
    const f = path.join(dir, 'mac.conll')
    fs.writeFileSync(f, 'Kerry B-PERSON\rmet O\r\rMichel B-PERSON\r')
    const [r] = previewImport([f], { format: null, labelMap: undefined, annotator: 'a' }).records
    expect(r.text).toBe('Kerry met\nMichel')
    expect(r.spans.map((s) => r.text.slice(s.start, s.end))).toEqual(['Kerry', 'Michel'])
  })
})
