import { LabelName } from '../domain/model'
import { OUTSIDE, bioTags, spansFromBio } from '../text/bioTags'
import type { Token } from '../text/tokenizer'
import { tokenize } from '../text/tokenizer'
import type { DecodeContext, DecodeItem, EncodeContext, ExportLayer, SourceLine, StreamCodec } from './formatCodec'
import type { ImportRecord, LineError } from './importRecord'
import { flattenedFragments } from './codecSupport'
import { sentenceRanges } from './tokenSentences'

/**
 * CoNLL-2003 style BIO. Each document starts with `-DOCSTART- <document id>`,
 * then one token a line (`token TAG`; on import the tag is the last column and
 * the token the first, so four-column CoNLL-2003 files read too), with a blank
 * line between sentences.
 *
 * What the format cannot carry: BIO has one tag per token, so of overlapping
 * spans only the outermost is written (the export warns with the count), and
 * a span's edges snap to whole tokens. The original text is not in the file:
 * import rebuilds it by joining a sentence's tokens with single spaces and
 * sentences with newlines, so offsets refer to that rebuilt text. A
 * `-DOCSTART-` with no id (or CoNLL-2003's `-X-`) gets `<file>-<n>`.
 */

const DOCSTART = '-DOCSTART-'
const TAG = /^(O|[BI]-(\S+))$/u

interface PendingDoc {
  line: number
  id: string
  sentences: { token: string; tag: string }[][]
  errors: LineError[]
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  return base.replace(/\.[^.]*$/, '') || 'doc'
}

function finishDoc(doc: PendingDoc): ImportRecord {
  const parts: string[] = []
  const tokens: Token[] = []
  const tags: string[] = []
  let offset = 0
  const sentences = doc.sentences.filter((s) => s.length > 0)
  sentences.forEach((sentence, si) => {
    if (si > 0) {
      parts.push('\n')
      offset += 1
    }
    sentence.forEach(({ token, tag }, ti) => {
      if (ti > 0) {
        parts.push(' ')
        offset += 1
      }
      tokens.push({ start: offset, end: offset + token.length, text: token })
      tags.push(tag)
      parts.push(token)
      offset += token.length
    })
  })
  const spans = spansFromBio(tokens, tags).map((s) => ({
    sourceId: null,
    label: s.label,
    start: s.start,
    end: s.end,
    fragments: null,
    attributes: {},
    note: '',
    norm: null,
  }))
  return { line: doc.line, externalId: doc.id, title: doc.id, text: parts.join(''), meta: {}, annotator: null, status: null, spans, relations: [] }
}

function* decodeConll(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  let doc: PendingDoc | null = null
  let docCount = 0
  const stem = fileStem(ctx.file)
  const newDoc = (line: number, id: string | null): PendingDoc => {
    docCount++
    return { line, id: id ?? `${stem}-${docCount}`, sentences: [[]], errors: [] }
  }
  function* finish(d: PendingDoc | null): Iterable<DecodeItem> {
    if (!d) return
    if (d.errors.length) {
      for (const error of d.errors) yield { error }
      return
    }
    if (d.sentences.some((s) => s.length > 0)) yield { record: finishDoc(d) }
  }
  for (const { line, raw } of lines) {
    const cols = raw.trim().split(/\s+/u)
    if (raw.trim() === '') {
      if (doc && doc.sentences[doc.sentences.length - 1].length > 0) doc.sentences.push([])
      continue
    }
    if (cols[0] === DOCSTART) {
      yield* finish(doc)
      const id = cols[1] && cols[1] !== '-X-' ? cols[1] : null
      doc = newDoc(line, id)
      continue
    }
    doc ??= newDoc(line, null)
    if (cols.length < 2) {
      doc.errors.push({ file: ctx.file, line, reason: `expected a token and a tag separated by whitespace, got ${JSON.stringify(raw.slice(0, 80))}` })
      continue
    }
    const tag = cols[cols.length - 1]
    const m = TAG.exec(tag)
    if (!m) {
      doc.errors.push({ file: ctx.file, line, reason: `tag ${JSON.stringify(tag)} is not BIO (O, B-LABEL or I-LABEL)` })
      continue
    }
    if (m[2] !== undefined && !LabelName.safeParse(m[2]).success) {
      doc.errors.push({ file: ctx.file, line, reason: `tag ${JSON.stringify(tag)}: the label is not a valid label name` })
      continue
    }
    doc.sentences[doc.sentences.length - 1].push({ token: cols[0], tag })
  }
  yield* finish(doc)
}

/** Tokens, tags and sentences of one layer; `dropped` counts spans BIO could not keep. */
interface TaggedLayer {
  tokens: Token[]
  tags: string[]
  sentences: [number, number][]
  dropped: number
  untokenized: number
}

function tagLayer(layer: ExportLayer): TaggedLayer {
  const tokens = tokenize(layer.text)
  const { tags, dropped, untokenized } = bioTags(tokens, layer.spans)
  return { tokens, tags, sentences: sentenceRanges(layer.text, tokens), dropped: dropped.length, untokenized: untokenized.length }
}

/**
 * The layers of a token-tag export (CoNLL, Hugging Face), each with its BIO
 * tags; once they are all read, warns once with the totals, naming the format.
 */
export function* taggedLayers(layers: Iterable<ExportLayer>, ctx: EncodeContext, format: string): Iterable<{ layer: ExportLayer; t: TaggedLayer }> {
  let dropped = 0
  let untokenized = 0
  for (const layer of flattenedFragments(layers, ctx, format)) {
    const t = tagLayer(layer)
    dropped += t.dropped
    untokenized += t.untokenized
    yield { layer, t }
  }
  if (dropped) ctx.warn(`${format}: overlapping spans: kept the outermost, dropped ${dropped} span(s)`)
  if (untokenized) ctx.warn(`${format}: ${untokenized} span(s) cover no token (whitespace only) and were left out`)
}

export const conllCodec: StreamCodec = {
  name: 'conll',
  extensions: ['.conll', '.conll03', '.bio', '.iob', '.iob2'],
  lossy: 'CoNLL BIO keeps one label per token: overlapping spans keep the outermost; no relations, ids, annotator, attributes or notes; the text is rebuilt from tokens',
  sniff: (first) => first.startsWith(DOCSTART),
  decode: decodeConll,
  *encode(layers, ctx) {
    for (const { layer, t } of taggedLayers(layers, ctx, 'conll')) {
      const out: string[] = [`${DOCSTART} ${layer.externalId.replace(/\s+/gu, '_')}`, '']
      for (const [first, last] of t.sentences) {
        for (let i = first; i <= last; i++) out.push(`${t.tokens[i].text} ${t.tags[i] ?? OUTSIDE}`)
        out.push('')
      }
      yield `${out.join('\n')}\n`
    }
  },
}
