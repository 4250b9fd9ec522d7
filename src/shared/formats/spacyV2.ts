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
 * annotation, counted); a sentence break ends an entity. POS and dependencies
 * are not read; brackets and `cats` are counted as not imported. The id is the
 * text's hash, as for spaCy tuples.
 */

/** What a spaCy v2 document holds that is not read, counted so the import report says so. */
export const SPACY_V2_NOTES = {
  missing: 'spaCy v2 tokens with no NER annotation (ner "-"), read as outside any entity',
  cats: 'spaCy v2 paragraph categories (cats), not imported',
  brackets: 'spaCy v2 brackets (constituents), not imported',
} as const

export const isSpacyV2Document = (v: unknown): boolean => isObject(v) && Array.isArray(v.paragraphs)

interface Paragraph {
  text: string
  spans: LabeledRange[]
}

function count(notes: Record<string, number>, note: string, n: number): void {
  if (n > 0) notes[note] = (notes[note] ?? 0) + n
}

function readParagraph(p: unknown, what: string, notes: Record<string, number>): Paragraph {
  const para = expectObject(p, what)
  const raw = para.raw === undefined || para.raw === null ? null : expectString(para.raw, `${what}.raw`)
  let built = ''
  let pos = 0
  let n = 0
  const spans: LabeledRange[] = []
  if (Array.isArray(para.cats)) count(notes, SPACY_V2_NOTES.cats, para.cats.length)
  else if (isObject(para.cats)) count(notes, SPACY_V2_NOTES.cats, Object.keys(para.cats).length)
  expectArray(para.sentences ?? [], `${what}.sentences`).forEach((s, si) => {
    const sw = `${what}.sentences[${si}]`
    const sentence = expectObject(s, sw)
    if (Array.isArray(sentence.brackets)) count(notes, SPACY_V2_NOTES.brackets, sentence.brackets.length)
    const tokens: Token[] = []
    const tags: string[] = []
    expectArray(sentence.tokens, `${sw}.tokens`).forEach((t, ti) => {
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
      if (ner === '-') count(notes, SPACY_V2_NOTES.missing, 1)
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
    const notes: Record<string, number> = {}
    expectArray(doc.paragraphs, 'paragraphs').forEach((p, pi) => {
      const para = readParagraph(p, `paragraphs[${pi}]`, notes)
      if (pi > 0) text += '\n\n'
      const base = text.length
      text += para.text
      for (const s of para.spans) spans.push({ sourceId: null, label: s.label, start: base + s.start, end: base + s.end, fragments: null, attributes: {}, note: '', norm: null })
    })
    const externalId = `doc-${textHash(text)}`
    return { line, externalId, title: externalId, text, meta: {}, annotator: null, status: null, spans, relations: [], ...(Object.keys(notes).length ? { notes } : {}) }
  })
}
