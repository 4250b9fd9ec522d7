/**
 * Runs an `Intl.Segmenter` over a long text a piece at a time. V8's segment
 * iterator slows down sharply on long strings (measured on Node 20: 10k words
 * in 0.3 s, 40k words in 19 s), while pieces of a few hundred characters keep
 * it linear (100k words in about 0.3 s). Pieces are cut where cutting changes
 * nothing:
 * - words: after whitespace (ICU never joins a word across whitespace);
 * - sentences: after a line break (ICU always breaks there), else, in a very
 *   long line, after a space that follows a letter or digit (mid-sentence,
 *   where ICU would not break either).
 * A piece of plain Latin text (ASCII, precomposed Latin letters, typographic
 * quotes and dashes) is cut into words by a regular expression that follows
 * the same rules (UAX #29 there: letters and digits join, `:` `.` `'` `’`
 * join two letters, `,` `;` `.` `'` `’` join two digits, `_` joins anything
 * word-like, each as far as the ICU in use agrees), several times faster; a
 * test checks it against ICU on random strings of those characters.
 * Yields each segment's start offset in the whole text, and the segment. For
 * sentences, a piece cut mid-line does not start a sentence: its first
 * segment is not yielded.
 */
const PIECE = 256
const LONG_LINE = 4096
const SPACE = /\s/u
const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/u
const WORD_CHAR = /[\p{L}\p{N}]/u
// Plain ASCII, precomposed Latin letters (Latin-1 to Latin Extended-B) and typographic quotes and dashes.
const LATIN = String.raw`A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f`
const FAST = new RegExp(String.raw`^[\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$`)

/**
 * Which marks join two letters, and which two digits, differs between ICU
 * versions (ICU 78 joins `a:a`, ICU 76 in Node 22.12 does not), so they are
 * asked of the segmenter in use, once, and the fast path follows its answer.
 */
const LETTER_JOINERS = [':', '.', "'", '\u2018', '\u2019']
const DIGIT_JOINERS = [',', ';', '.', "'", '\u2018', '\u2019']
interface FastWords {
  /** Words, whitespace runs and single other characters: the segments ICU gives. */
  withSpace: RegExp
  /** The same without whitespace segments: the regex engine skips whitespace itself, which is what the tokenizer wants. */
  noSpace: RegExp
}
const fastWordsOf = new WeakMap<Intl.Segmenter, FastWords>()
// On first use: creating a page's first Intl object loads ICU's data (see tokenizer.ts).
let icuWords: Intl.Segmenter | undefined

function fastWords(segmenter: Intl.Segmenter): FastWords {
  let f = fastWordsOf.get(segmenter)
  if (f) return f
  const joins = (probe: string) => [...segmenter.segment(probe)].length === 1
  const cls = (marks: string[]) => marks.map((c) => (c === '.' ? '\\.' : c)).join('')
  const letter = LETTER_JOINERS.filter((c) => joins(`a${c}a`))
  const digit = DIGIT_JOINERS.filter((c) => joins(`1${c}1`))
  const alternatives = [
    ...(letter.length ? [String.raw`(?<=[${LATIN}])[${cls(letter)}](?=[${LATIN}])`] : []),
    ...(digit.length ? [String.raw`(?<=[0-9])[${cls(digit)}](?=[0-9])`] : []),
  ]
  const word = String.raw`[${LATIN}0-9_]+` + (alternatives.length ? String.raw`(?:(?:${alternatives.join('|')})[${LATIN}0-9_]+)*` : '')
  f = { withSpace: new RegExp(String.raw`${word}|\s+|[^]`, 'g'), noSpace: new RegExp(String.raw`${word}|\S`, 'g') }
  fastWordsOf.set(segmenter, f)
  return f
}

/** ICU's word segments of a plain Latin string, by the same rules as `segmenter` (whitespace runs are segments too). */
export function* latinWordSegments(piece: string, segmenter: Intl.Segmenter = (icuWords ??= new Intl.Segmenter('en', { granularity: 'word' }))): Generator<{ index: number; segment: string }> {
  const pattern = fastWords(segmenter).withSpace
  pattern.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = pattern.exec(piece))) yield { index: m.index, segment: m[0] }
}

function wordCut(text: string, from: number): number {
  let to = Math.min(text.length, from + PIECE)
  while (to < text.length && !SPACE.test(text[to - 1])) to++
  return to
}

function sentenceCut(text: string, from: number): number {
  const limit = Math.min(text.length, from + LONG_LINE)
  for (let i = Math.min(text.length, from + PIECE); i < limit; i++) {
    // After a line break, but not between CR and LF.
    if (LINE_BREAK.test(text[i - 1]) && !(text[i - 1] === '\r' && text[i] === '\n')) return i
  }
  if (limit === text.length) return limit
  for (let i = limit; i < text.length; i++) if (text[i - 1] === ' ' && WORD_CHAR.test(text[i - 2] ?? '')) return i
  return text.length
}

/**
 * Calls `each` with every word segment in order (its start in the whole text
 * and its text), leaving out the whitespace segments of plain Latin pieces
 * (ICU's own segments, whitespace included, elsewhere). A callback rather than
 * a generator: this runs for every word of a 100k-word document.
 */
export function forEachWordSegment(segmenter: Intl.Segmenter, text: string, each: (index: number, segment: string) => void): void {
  for (let from = 0; from < text.length; ) {
    const to = wordCut(text, from)
    const piece = from === 0 && to === text.length ? text : text.slice(from, to)
    if (FAST.test(piece)) {
      const pattern = fastWords(segmenter).noSpace
      pattern.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = pattern.exec(piece))) each(from + m.index, m[0])
    } else {
      for (const s of segmenter.segment(piece)) each(from + s.index, s.segment)
    }
    from = to
  }
}

export function* segmentInChunks(segmenter: Intl.Segmenter, text: string, kind: 'word' | 'sentence'): Generator<{ index: number; segment: string }> {
  const cut = kind === 'word' ? wordCut : sentenceCut
  for (let from = 0; from < text.length; ) {
    const to = cut(text, from)
    const piece = from === 0 && to === text.length ? text : text.slice(from, to)
    const midLine = kind === 'sentence' && from > 0 && !LINE_BREAK.test(text[from - 1])
    const segments = kind === 'word' && FAST.test(piece) ? latinWordSegments(piece, segmenter) : segmenter.segment(piece)
    for (const s of segments) {
      if (midLine && s.index === 0) continue
      yield { index: from + s.index, segment: s.segment }
    }
    from = to
  }
}
