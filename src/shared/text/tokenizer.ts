import { isAbbreviationBeforeDot } from './abbreviations'
import { forEachWordSegment } from './segmentInChunks'

/**
 * The one tokenizer: CoNLL/BIO, Hugging Face and Prodigy exports, token-level
 * agreement and the editor's token snapping all use it, so their token
 * boundaries agree.
 *
 * The base is ICU's word segmenter (`Intl.Segmenter`), which knows every
 * script (Hebrew, CJK), keeps emoji sequences (ZWJ families, flags, skin
 * tones, keycaps), combining marks and numbers (`3.5`, `1,000`) whole. On top
 * of it, where ICU differs from what NER corpora expect:
 * - hyphenated words stay one token (`Jean-Claude`, `bcr-abl`, `2016-01-01`),
 *   as in CoNLL-2003; ICU splits them;
 * - clitics are their own tokens (`Washington` `'s`, `did` `n't`, `we` `'re`),
 *   as in the Penn Treebank and spaCy; ICU keeps them on the word;
 * - abbreviations keep their dot (`Dr.`, `U.S.`, `e.g.`, `J.`; see
 *   abbreviations.ts); ICU drops it;
 * - URLs and e-mail addresses are one token; ICU cuts them at every `/`;
 * - given spans, every span boundary is a token boundary (a token is cut
 *   where a span starts or ends inside it).
 * Whitespace never belongs to a token. Offsets are UTF-16, end exclusive, and
 * never split a surrogate pair (span boundaries never do either).
 */
export interface Token {
  start: number
  end: number
  text: string
}

/** Anything with a start and an end (spans); only the offsets are read. */
export interface Boundaries {
  start: number
  end: number
}

// Made on first use, not when the module loads: a page's first Intl object loads ICU's data (10-50 ms measured
// in Chromium), which a screen that never tokenizes (a document's start, before any selection) should not wait for.
let words: Intl.Segmenter | undefined
const WORDS = () => (words ??= new Intl.Segmenter('en', { granularity: 'word' }))
// Whitespace as Python's str.split() sees it: JavaScript's \s plus the information separators U+001C..U+001F
// and NEL U+0085, so no exported token (a CoNLL line, an HF token) holds a character a Python reader splits on.
// Also the zero-width space U+200B (as \s holds U+FEFF): it marks a word break, and ICU made it a token of its own,
// invisible in a CoNLL line and nothing at all to BERT's tokenizer (which drops Cc/Cf characters): a word without
// pieces whose label is lost. So it breaks words and belongs to no token; joiners (U+2060, U+00AD, ZWJ) stay inside.
const SPACE = /[\s\x1c-\x1f\x85\u200b]/u
const NON_SPACE_RUNS = /[^\s\x1c-\x1f\x85\u200b]+/gu
const WORDLIKE_END = /[\p{L}\p{M}\p{N}]$/u
const WORDLIKE_START = /^[\p{L}\p{N}]/u
const HYPHENS = new Set(['-', '\u2010', '\u2011'])
const CLITIC = /^(.*\p{L})(n['’]t|['’](?:s|re|ll|ve|m|d))$/iu
const LINK = /\b(?:https?:\/\/|www\.)[^\s\x1c-\x1f\x85\u200b<>"]*[^\s\x1c-\x1f\x85\u200b<>".,;:!?)\]'’”]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

/** URL and e-mail ranges, found only when the text could hold one (the check is cheap, the regex is not). */
function linkRanges(text: string): [number, number][] {
  if (!text.includes('@') && !text.includes('://') && !text.includes('www.')) return []
  const out: [number, number][] = []
  LINK.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LINK.exec(text))) out.push([m.index, m.index + m[0].length])
  return out
}

/** ICU's segments without whitespace, URLs and e-mails as one token. */
function baseTokens(text: string): Token[] {
  const out: Token[] = []
  const links = linkRanges(text)
  let li = 0
  forEachWordSegment(WORDS(), text, (index, segment) => {
    if (links.length) {
      while (li < links.length && links[li][1] <= index) li++
      if (li < links.length && links[li][0] <= index) {
        const [s, e] = links[li]
        if (index === s) out.push({ start: s, end: e, text: text.slice(s, e) })
        return
      }
    }
    if (SPACE.test(segment)) {
      // A whitespace run; a rare segment mixes one with marks (a combining mark after a space).
      NON_SPACE_RUNS.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = NON_SPACE_RUNS.exec(segment))) out.push({ start: index + m.index, end: index + m.index + m[0].length, text: m[0] })
      return
    }
    out.push({ start: index, end: index + segment.length, text: segment })
  })
  return out
}

/** Joins `word-word` (no spaces), and an abbreviation with its dot. */
function joinTokens(text: string, base: Token[]): Token[] {
  const out: Token[] = []
  for (let i = 0; i < base.length; i++) {
    let t = base[i]
    for (;;) {
      const dash = base[i + 1]
      const next = base[i + 2]
      if (!dash || !next || !HYPHENS.has(dash.text) || dash.start !== t.end || next.start !== dash.end) break
      if (!WORDLIKE_END.test(t.text) || !WORDLIKE_START.test(next.text)) break
      t = { start: t.start, end: next.end, text: text.slice(t.start, next.end) }
      i += 2
    }
    const dot = base[i + 1]
    if (dot && dot.text === '.' && dot.start === t.end && isAbbreviationBeforeDot(t.text)) {
      t = { start: t.start, end: dot.end, text: text.slice(t.start, dot.end) }
      i++
    }
    out.push(t)
  }
  return out
}

/** `Washington's` -> `Washington` `'s`; `didn't` -> `did` `n't`. */
function splitClitics(tokens: Token[]): Token[] {
  const out: Token[] = []
  for (const t of tokens) {
    const m = t.text.length > 2 && (t.text.includes("'") || t.text.includes('’')) ? CLITIC.exec(t.text) : null
    if (!m) {
      out.push(t)
      continue
    }
    const cut = t.start + m[1].length
    out.push({ start: t.start, end: cut, text: m[1] }, { start: cut, end: t.end, text: m[2] })
  }
  return out
}

/** Cuts tokens at every span start and end that falls inside one. */
export function splitAtBoundaries(tokens: readonly Token[], spans: readonly Boundaries[]): Token[] {
  if (spans.length === 0) return [...tokens]
  const cuts = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b)
  const out: Token[] = []
  let c = 0
  for (const t of tokens) {
    while (c < cuts.length && cuts[c] <= t.start) c++
    if (c >= cuts.length || cuts[c] >= t.end) {
      out.push(t)
      continue
    }
    let from = t.start
    while (c < cuts.length && cuts[c] < t.end) {
      out.push({ start: from, end: cuts[c], text: t.text.slice(from - t.start, cuts[c] - t.start) })
      from = cuts[c++]
    }
    out.push({ start: from, end: t.end, text: t.text.slice(from - t.start) })
  }
  return out
}

/**
 * The tokens of `text`. With `spans`, every span boundary is also a token
 * boundary, so each span covers whole tokens exactly.
 */
export function tokenize(text: string, spans: readonly Boundaries[] = []): Token[] {
  const tokens = splitClitics(joinTokens(text, baseTokens(text)))
  return spans.length ? splitAtBoundaries(tokens, spans) : tokens
}

/** Index of the first token whose end is after `offset` (binary search). */
function firstEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tokens[mid].end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Grows [start, end) to whole tokens: the start moves back to the beginning of
 * the token it falls in, the end forward to the end of its token. A range that
 * covers only whitespace is returned unchanged (trimmed by the caller).
 */
export function snapToTokens(tokens: readonly Token[], start: number, end: number): { start: number; end: number } {
  const i = firstEndingAfter(tokens, start)
  let s = start
  let e = end
  if (i < tokens.length && tokens[i].start < end) s = Math.min(start, tokens[i].start)
  const j = firstEndingAfter(tokens, end - 1)
  if (j < tokens.length && tokens[j].start < end) e = Math.max(end, tokens[j].end)
  return { start: s, end: e }
}

/** The tokens overlapping [start, end), as a [first, last] index pair (inclusive), or null. */
export function tokensInRange(tokens: readonly Token[], start: number, end: number): [number, number] | null {
  const i = firstEndingAfter(tokens, start)
  if (i >= tokens.length || tokens[i].start >= end) return null
  let j = i
  while (j + 1 < tokens.length && tokens[j + 1].start < end) j++
  return [i, j]
}
