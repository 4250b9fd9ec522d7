// A span whose edge falls inside a word (`Wash|ington`, as an imported span can have; the editor snaps to words):
// spaCy's Doc.char_span (strict alignment) gives None for it, and training code drops it unseen. The spaCy JSON export
// writes it as annotated and names it in a counted warning, judged by Spanwright's tokenizer standing in for spaCy's.
// The consumer's view (test/helpers/python/read_spacy_char_spans.py, spaCy's whitespace and English punctuation
// rules): every span written either aligns, or the warning names it.
import { describe, expect, it } from 'vitest'
import { spansOffTokens } from '../../../src/shared/formats/spacyTokenEdges'
import { pythonMissing } from '../../helpers/pythonConsumer'
import { exportedCharSpans } from '../../helpers/spacyCharSpans'

const TEXT = "Kerry met Jean-Claude in Washington's office. Washington is far from Paris. Michel came."
const at = (s: string, label: string, from = 0) => ({ start: TEXT.indexOf(s, from), end: TEXT.indexOf(s, from) + s.length, label })
const SPANS = [
  at('Kerry', 'PERSON'),
  at('Jean', 'PERSON'), // Spanwright keeps Jean-Claude whole, spaCy splits it: named, though spaCy aligns it
  at('Washington', 'GPE'), // before 's: a token edge for both
  at('Wash', 'GPE', TEXT.indexOf('office')), // inside a word
  at('Paris', 'GPE'), // before the full stop: a token edge for both
  at('Mich', 'PERSON'), // inside a word
]


describe('spaCy JSON export: spans with an edge inside a word', () => {
  it('spansOffTokens: inside a word, not beside punctuation, a clitic or whitespace', () => {
    expect(spansOffTokens(TEXT, SPANS).map((s) => TEXT.slice(s.start, s.end))).toEqual(['Jean', 'Wash', 'Mich'])
    expect(spansOffTokens('Kerry met Michel.', [{ start: 0, end: 5, label: 'P' }, { start: 10, end: 16, label: 'P' }])).toEqual([])
  })

  describe.skipIf(pythonMissing(['json', 'unicodedata']))('the consumer', () => {
    for (const format of ['spacy', 'spacy-jsonl'] as const) {
      it(`${format}: written as annotated; each span doc.char_span would not align is named in a counted warning`, async () => {
        const { read: ex, warnings } = await exportedCharSpans(format, TEXT, SPANS)
        const warning = warnings.find((w) => w.includes('inside a word'))
        expect(warning).toBe(
          `${format}: 3 spans start or end inside a word by Spanwright's tokenizer, standing in for spaCy's, and were written as annotated: ` +
            `spaCy's Doc.char_span (strict alignment) may give None for them, and training code then drops them ` +
            `("Jean" PERSON in "d"; "Wash" GPE in "d"; "Mich" PERSON in "d"); snap them to whole words in the editor, or read with alignment_mode="expand"`,
        )
        // Every span is written, as annotated, under spans["sc"]; each that strict alignment refuses is named.
        expect(ex.groups.sc.map(([text]) => text).sort()).toEqual(SPANS.map((s) => TEXT.slice(s.start, s.end)).sort())
        for (const [text, label, aligned] of [...ex.groups.sc, ...ex.entities]) if (!aligned) expect(warning).toContain(`"${text}" ${label} in "d"`)
        expect(ex.groups.sc.filter(([, , aligned]) => !aligned).map(([text]) => text).sort()).toEqual(['Mich', 'Wash'])
      })
    }
  })
})
