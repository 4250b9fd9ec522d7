import { CHUNK_TAG, spansFromBio } from '../text/bioTags'
import type { LabeledRange } from '../text/bioTags'
import { textHash } from '../text/textHash'
import type { Token } from '../text/tokenizer'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import { atLine, expectArray, expectObject, expectString, isObject } from './codecSupport'

/**
 * spaCy v2's JSON training format (`spacy convert` before v3; v3's `spacy
 * convert` still reads it): `[{"id", "paragraphs": [{"raw"?, "sentences":
 * [{"tokens": [{"orth", "ner", …}]}]}]}]`. Each document is one record. A
 * paragraph's text is its `raw` (each token found in it in order, only
 * whitespace between), or without `raw` its tokens joined by a space and its
 * sentences by a newline; paragraphs are joined by a blank line. `ner` is a
 * BILUO tag (any scheme spansFromBio reads; `-` is a token without NER
 * annotation); a sentence break ends an entity. POS, dependencies, brackets
 * and `cats` are not read. The id is the text's hash, as for spaCy tuples.
 */

export const isSpacyV2Document = (v: unknown): boolean => isObject(v) && Array.isArray(v.paragraphs)

interface Paragraph {
  text: string
  spans: LabeledRange[]
}

function readParagraph(p: unknown, what: string): Paragraph {
  const para = expectObject(p, what)
  const raw = para.raw === undefined || para.raw === null ? null : expectString(para.raw, `${what}.raw`)
  let built = ''
  let pos = 0
  let n = 0
  const spans: LabeledRange[] = []
  expectArray(para.sentences ?? [], `${what}.sentences`).forEach((s, si) => {
    const sw = `${what}.sentences[${si}]`
    const tokens: Token[] = []
    const tags: string[] = []
    expectArray(expectObject(s, sw).tokens, `${sw}.tokens`).forEach((t, ti) => {
      const tw = `${sw}.tokens[${ti}]`
      const token = expectObject(t, tw)
      const orth = expectString(token.orth, `${tw}.orth`)
      let start: number
      if (raw !== null) {
        start = raw.indexOf(orth, pos)
        if (start < 0 || raw.slice(pos, start).trim() !== '') throw new RecordError(`${what}: token ${n} ${JSON.stringify(orth)} is not in the raw text after offset ${pos}`)
        pos = start + orth.length
      } else {
        if (built.length) built += ti === 0 ? '\n' : ' '
        start = built.length
        built += orth
      }
      const ner = token.ner === undefined ? 'O' : expectString(token.ner, `${tw}.ner`)
      if (ner !== 'O' && ner !== '-' && !CHUNK_TAG.test(ner)) throw new RecordError(`${tw}.ner ${JSON.stringify(ner)} is not a BILUO tag (O, -, or B-, I-, L-, U- and a label)`)
      tokens.push({ start, end: start + orth.length, text: orth })
      tags.push(ner)
      n++
    })
    spans.push(...spansFromBio(tokens, tags))
  })
  return { text: raw ?? built, spans }
}

export function parseSpacyV2Document(json: unknown, line: number): ImportRecord {
  return atLine(line, () => {
    const doc = expectObject(json, 'a spaCy v2 document')
    let text = ''
    const spans: ImportRecord['spans'] = []
    expectArray(doc.paragraphs, 'paragraphs').forEach((p, pi) => {
      const para = readParagraph(p, `paragraphs[${pi}]`)
      if (pi > 0) text += '\n\n'
      const base = text.length
      text += para.text
      for (const s of para.spans) spans.push({ sourceId: null, label: s.label, start: base + s.start, end: base + s.end, fragments: null, attributes: {}, note: '', norm: null })
    })
    const externalId = `doc-${textHash(text)}`
    return { line, externalId, title: externalId, text, meta: {}, annotator: null, status: null, spans, relations: [] }
  })
}
