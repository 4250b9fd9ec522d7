// The spaCy JSON export as training code reads it: `doc.char_span(start, end, label)` (strict alignment, spaCy's
// default) for every entity and every span-group span (test/helpers/python/read_spacy_char_spans.py). A span that
// starts or ends on whitespace gave None under spans["sc"] (it was written there exactly, while entities were
// trimmed), which crashes a script that adds it to doc.spans or drops it unseen. Every spaCy-bound output now holds
// spans on token edges, and the report says how many were trimmed and how many (whitespace only) were left out.
import { describe, expect, it } from 'vitest'
import { pythonMissing } from '../../helpers/pythonConsumer'
import { exportedCharSpans } from '../../helpers/spacyCharSpans'

const TEXT = 'Kerry met  Mary in Paris \nyesterday with 😀 Zoé .'
const at = (s: string, label: string, from = 0) => ({ start: TEXT.indexOf(s, from), end: TEXT.indexOf(s, from) + s.length, label })
const SPANS = [
  at(' Mary', 'PERSON'), // starts on the trailing space of "met " and the space token
  at('Paris \n', 'GPE'), // ends on a trailing space and a line break
  at('Kerry', 'PERSON'), // clean
  at(' ', 'WS', TEXT.indexOf('in')), // whitespace only
  at('Zoé ', 'PERSON'), // after an emoji, ends on a trailing space
]


describe.skipIf(pythonMissing(['json']))('spaCy JSON export: every span is one doc.char_span can align', () => {
  for (const format of ['spacy', 'spacy-jsonl'] as const) {
    it(`${format}: entities and spans["sc"] align to tokens; the report counts what was trimmed and left out`, async () => {
      const { read: ex, warnings } = await exportedCharSpans(format, TEXT, SPANS)
      const want = [
        ['Kerry', 'PERSON', true],
        ['Mary', 'PERSON', true],
        ['Paris', 'GPE', true],
        ['Zoé', 'PERSON', true],
      ]
      const sorted = (xs: [string, string, boolean][]) => [...xs].sort((a, b) => TEXT.indexOf(a[0]) - TEXT.indexOf(b[0]))
      expect(sorted(ex.groups.sc)).toEqual(want)
      expect(sorted(ex.entities)).toEqual(want)
      expect(warnings).toContain(`${format}: 3 spans started or ended on whitespace and were written without it, in "entities" and "spans" alike (spaCy's Doc.char_span gives None for a span whose edge is not a token's edge)`)
      expect(warnings).toContain(`${format}: 1 span of whitespace only was left out (no spaCy token can hold one)`)
    })
  }
})
