// GermEval 2014's NER layout (index, token, outer tag, inner tag; a `#\t<url> [<date>]` line before each sentence).
// The fixture is written here in the published layout (SOURCES.md), with sentences of our own.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { conllCodec } from '../../../../src/shared/formats/conll'
import { detectFormat, looksTokenPerLine } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from './formatTestUtil'

const FILE = 'germeval2014_layout.tsv'
const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'conll', FILE), 'utf8')

/** Each span as [covered text, label], in start order, outer before inner. */
const spansOf = (r: { text: string; spans: { start: number; end: number; label: string }[] }) =>
  [...r.spans].sort((a, b) => a.start - b.start || b.end - a.end).map((s) => [r.text.slice(s.start, s.end), s.label])

describe("GermEval 2014's layout", () => {
  it('is detected as CoNLL by content (as the shared task names it, .tsv, or .txt) and read with both nesting levels as spans', () => {
    for (const name of ['NER-de-train.tsv', 'germeval.conll']) expect(detectFormat(name, text)).toBe('conll')
    // A .txt is CoNLL when its lines are token-per-line (formatRegistry's txtIsTokenPerLine asks this).
    expect(looksTokenPerLine(text)).toBe(true)
    const recs = records(decodeAll(conllCodec, text, 'codepoint', FILE))
    expect(recs.map((r) => [r.line, r.externalId, r.text])).toEqual([
      [1, 'germeval2014_layout-1', 'Der FC Kickers Darmstadt spielte gestern in Frankfurt .'],
      [12, 'germeval2014_layout-2', 'Die deutsche Delegation und die SPD-Fraktion stimmten zu .'],
      [23, 'germeval2014_layout-3', 'Angela Merkel besuchte die New Yorker Börse .'],
    ])
    expect(recs.map(spansOf)).toEqual([
      [
        ['FC Kickers Darmstadt', 'ORG'],
        ['Darmstadt', 'LOC'],
        ['Frankfurt', 'LOC'],
      ],
      [
        ['deutsche', 'LOCderiv'],
        ['SPD-Fraktion', 'ORGpart'],
      ],
      [
        ['Angela Merkel', 'PER'],
        ['New Yorker Börse', 'ORG'],
        ['New Yorker', 'LOCderiv'],
      ],
    ])
    // The `#` line is the document's source, as Hugging Face's germeval_14 loader keeps it; the tokens are kept for a CoNLL export.
    expect(recs[2].meta).toEqual({ germeval: { source: 'http://www.welt.de/wirtschaft/article1234567/Boerse.html [2009-10-18]' }, conll: { sentences: [[6, 6, 8, 3, 3, 6, 5, 1]], separator: '\t' } })
  })

  it("names a line that is not in the layout and a tag that is not IOB, and reads the other sentences", () => {
    const bad = text.replace('3\tKickers\tI-ORG\tO', '3\tKickers\tI-ORG').replace('7\tstimmten\tO\tO', '7\tstimmten\tO\tX-ORG')
    const items = decodeAll(conllCodec, bad, 'codepoint', FILE)
    expect(errors(items).map((e) => `${e.line}: ${e.reason}`)).toEqual([
      '4: expected GermEval 2014\'s four tab-separated columns (index, token, outer tag, inner tag), got "3\\tKickers\\tI-ORG"',
      '19: tag "X-ORG" is not an IOB tag (O, or B- or I- and a label)',
    ])
    expect(records(items.filter((i) => 'record' in i)).map((r) => r.externalId)).toEqual(['germeval2014_layout-3'])
  })

  it('a CoNLL file with four columns whose first is no index is still read as CoNLL', () => {
    const conll = 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n'
    expect(detectFormat('a.conll', conll)).toBe('conll')
    expect(records(decodeAll(conllCodec, conll)).map((r) => [r.text, r.spans.length])).toEqual([['EU rejects', 1]])
  })
})
