import { LabelName } from '../domain/model'
import { spansFromBio } from '../text/bioTags'
import type { Token } from '../text/tokenizer'
import type { ConllMeta } from './conllMeta'
import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord, ImportSpan, LineError } from './importRecord'

/**
 * GermEval 2014's NER layout (NoSta-D; the shared task's `NER-de-*.tsv`, as
 * Hugging Face's `germeval_14` loader reads it): tab-separated
 * `index \t token \t outer tag \t inner tag`, IOB2 tags whose labels carry
 * NoSta-D's sub-types (`B-PER`, `I-LOCderiv`, `B-ORGpart`), each sentence
 * after a `#\t<source URL> [<date>]` line and before a blank line. The inner
 * column holds entities nested in an outer one (`[ORG FC Kickers [LOC
 * Darmstadt]]`), so both columns give spans, which may nest.
 *
 * Each sentence is one document (its sentences come from different articles):
 * id `<file>-<n>`, n counting sentences from 1; its `#` line is kept as
 * `meta.germeval.source`, as the loader keeps it; its text is the tokens
 * joined by single spaces (as every CoNLL text is rebuilt), with its tokens in
 * `meta.conll` so a CoNLL export writes the same tokens.
 */

const TAG = /^(O|[BI]-(\S+))$/u
const TOKEN_LINE = /^\d+\t[^\t]+\t(O|[BI]-\S+)\t(O|[BI]-\S+)$/u

const isComment = (raw: string) => raw.startsWith('#\t') || raw === '#'

/** Whether a file's head is GermEval 2014's layout: every non-blank line a `#` source line or a four-column token line, at least two tokens. */
export function looksGermEval(head: string, truncated = false): boolean {
  const lines = head.split(/\r\n|\n|\r/u)
  if (truncated && lines.length > 1) lines.pop()
  let tokens = 0
  let seen = 0
  for (const raw of lines) {
    if (raw.trim() === '') continue
    if (++seen > 200) break
    if (isComment(raw)) continue
    if (!TOKEN_LINE.test(raw)) return false
    tokens++
  }
  return tokens >= 2
}

interface Sentence {
  line: number
  source: string | null
  tokens: { token: string; outer: string; inner: string }[]
  errors: LineError[]
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file
  return base.replace(/\.[^.]*$/u, '') || 'doc'
}

function toRecord(s: Sentence, id: string): ImportRecord {
  const tokens: Token[] = []
  let offset = 0
  for (const { token } of s.tokens) {
    if (tokens.length) offset++
    tokens.push({ start: offset, end: offset + token.length, text: token })
    offset += token.length
  }
  const text = tokens.map((t) => t.text).join(' ')
  const found = [...spansFromBio(tokens, s.tokens.map((t) => t.outer)), ...spansFromBio(tokens, s.tokens.map((t) => t.inner))]
  const spans: ImportSpan[] = found.map((f) => ({ sourceId: null, label: f.label, start: f.start, end: f.end, fragments: null, attributes: {}, note: '', norm: null }))
  const conll: ConllMeta = { sentences: [s.tokens.map((t) => t.token.length)], separator: '\t' }
  const meta = { ...(s.source !== null ? { germeval: { source: s.source } } : {}), conll }
  return { line: s.line, externalId: id, title: id, text, meta, annotator: null, status: null, spans, relations: [] }
}

export function* decodeGermEval(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const stem = fileStem(ctx.file)
  let n = 0
  let current: Sentence | null = null
  let source: { text: string; line: number } | null = null
  function* finish(): Iterable<DecodeItem> {
    if (!current) return
    const s = current
    current = null
    n++
    if (s.errors.length) for (const error of s.errors) yield { error }
    else yield { record: toRecord(s, `${stem}-${n}`) }
  }
  const tagFault = (tag: string): string | null => {
    const m = TAG.exec(tag)
    if (!m) return `tag ${JSON.stringify(tag)} is not an IOB tag (O, or B- or I- and a label)`
    if (m[2] !== undefined && !LabelName.safeParse(m[2]).success) return `tag ${JSON.stringify(tag)}: the label is not a valid label name`
    return null
  }
  for (const { line, raw } of lines) {
    if (raw.trim() === '') {
      yield* finish()
      continue
    }
    if (isComment(raw)) {
      yield* finish()
      // As Hugging Face's loader keeps it: the line's fields after `#`, joined by a space.
      source = { text: raw.split('\t').slice(1).join(' '), line }
      continue
    }
    current ??= { line: source?.line ?? line, source: source?.text ?? null, tokens: [], errors: [] }
    source = null
    const cols = raw.split('\t')
    if (cols.length !== 4 || !/^\d+$/u.test(cols[0]) || cols[1] === '') {
      current.errors.push({ file: ctx.file, line, reason: `expected GermEval 2014's four tab-separated columns (index, token, outer tag, inner tag), got ${JSON.stringify(raw.slice(0, 80))}` })
      continue
    }
    const fault = tagFault(cols[2]) ?? tagFault(cols[3])
    if (fault) {
      current.errors.push({ file: ctx.file, line, reason: fault })
      continue
    }
    current.tokens.push({ token: cols[1], outer: cols[2], inner: cols[3] })
  }
  yield* finish()
}

/**
 * The CoNLL codec's reader: GermEval 2014's layout when the file's first token line is in it (a later bad line is then
 * named by this reader), else `decodeConll`.
 */
export function* decodeConllOrGermEval(lines: Iterable<SourceLine>, ctx: DecodeContext, decodeConll: (lines: Iterable<SourceLine>, ctx: DecodeContext) => Iterable<DecodeItem>): Iterable<DecodeItem> {
  const it = lines[Symbol.iterator]()
  const head: SourceLine[] = []
  let first: string | null = null
  for (let next = it.next(); !next.done; next = it.next()) {
    head.push(next.value)
    if (next.value.raw.trim() !== '' && !isComment(next.value.raw)) {
      first = next.value.raw
      break
    }
  }
  const all: Iterable<SourceLine> = {
    *[Symbol.iterator]() {
      yield* head
      for (let next = it.next(); !next.done; next = it.next()) yield next.value
    },
  }
  yield* first !== null && TOKEN_LINE.test(first) ? decodeGermEval(all, ctx) : decodeConll(all, ctx)
}
