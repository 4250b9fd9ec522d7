// A label name ends up in CoNLL tag columns (`word B-LABEL`), Hugging Face ner_tags and brat T lines, which Python
// readers cut with str.split() and str.splitlines(). The label rule refused JavaScript's whitespace (\s) only, which
// lacks NEL (U+0085) and U+001C..U+001F: a label "P\u0085R" was accepted, and its CoNLL line `Kerry B-P\u0085R` read as
// three columns (['Kerry', 'B-P', 'R']). Control characters are now refused in label names.
import { describe, expect, it } from 'vitest'
import { labelNameProblem, labelRefusal } from '../../../../src/shared/formats/labelMap'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { encodeAll, makeLayer } from './formatTestUtil'

/** What Python 3's str.split() with no argument splits on. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u
/** What Python 3's str.splitlines() breaks lines on. */
const PY_LINES = /[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u

describe('label names a Python reader keeps whole', () => {
  it('refuses NEL, the information separators and every other control character, naming the rule and a rename', () => {
    for (const label of ['P\u0085R', 'Q\u001cS', 'A\u001fB', 'DEL\u007f', 'C1\u0080', 'NUL\u0000']) {
      expect([label, labelNameProblem(label)]).toEqual([label, 'a label name cannot contain control characters (CoNLL, Hugging Face and brat readers split at some)'])
    }
    expect(labelRefusal('in.jsonl:1: spans[0]', 'P\u0085R', labelNameProblem('P\u0085R')!)).toContain('--map-label "P\u0085R=P_R"')
    for (const label of ['Ort_ü', '人名', 'B-PER', 'foo\u200bbar', 'A\u00adB']) expect([label, labelNameProblem(label)]).toEqual([label, null])
  })

  it('no label the rule accepts splits a CoNLL line for Python (every BMP character inside a label)', () => {
    const bad: string[] = []
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue
      const label = `A${String.fromCharCode(c)}B`
      if (labelNameProblem(label) === null && (PY_SPACE.test(label) || PY_LINES.test(label))) bad.push(`U+${c.toString(16).padStart(4, '0')}`)
    }
    expect(bad).toEqual([])
    // And the CoNLL line of an accepted non-ASCII label is two columns.
    const { out } = encodeAll(streamCodec('conll'), [makeLayer('Sie wohnt in München.', [[13, 20, 'Ort_ü']])])
    for (const line of out.split(PY_LINES).filter((l) => l.trim())) expect(line.split(/[ \t]+/u)).toHaveLength(2)
  })
})
