import { countOf, nounFor } from '../text/plural'
import type { Boundaries } from '../text/tokenizer'

/**
 * Span edges inside a character as a reader sees it (a grapheme cluster: `e` and its combining accent U+0301, an
 * emoji ZWJ sequence such as 👨‍👩‍👧, a flag's two regional indicators, a Hangul syllable's jamo). The token exports
 * (CoNLL, Hugging Face) cut a token at every span edge, so such an edge split the character into two tokens: a token
 * of a lone accent, half a family, half a flag, which no tokenizer makes and a model never meets at prediction
 * time; and the export said nothing. Such a span cannot be written on whole tokens as annotated, so the export
 * widens it to the whole character and names it in a counted warning (`Zoe` of `Zoé` is written as the token `Zoé`,
 * the man of a ZWJ family as the family; an edge inside a word, on a character's edge, still cuts its token there,
 * as any span edge does).
 * An edge beside whitespace cuts no token (whitespace belongs to none), and an edge the file's own tokens have
 * (a CoNLL file read in, meta.conll) is a token edge as it is: neither is widened.
 */

let graphemes: Intl.Segmenter | undefined
const GRAPHEMES = () => (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }))
const SPACE = /\s/u

/** A span as written, and the offsets it had. */
export interface WidenedSpan<T extends Boundaries> {
  span: T
  from: Boundaries
}

/**
 * The spans with every edge inside a character moved out to the character's edge (a start back, an end on), and the
 * ones moved. Offsets are UTF-16. `tokenEdges`: offsets that are token edges as they are (a file's own tokens).
 */
export function wholeCharacters<T extends Boundaries>(text: string, spans: readonly T[], tokenEdges?: ReadonlySet<number>): { spans: T[]; widened: WidenedSpan<T>[] } {
  let segments: Intl.Segments | undefined
  /** The start of the character holding offset i (i itself when i is a character's edge). */
  const characterStart = (i: number): number => {
    if (i <= 0 || i >= text.length || tokenEdges?.has(i)) return i
    const before = text.charCodeAt(i - 1)
    const at = text.charCodeAt(i)
    // Below U+0300 (no combining marks, joiners, emoji or jamo) only CR LF is one character; whitespace cuts no token.
    if (before < 0x300 && at < 0x300) return i
    if (SPACE.test(text[i - 1]) || SPACE.test(text[i])) return i
    segments ??= GRAPHEMES().segment(text)
    return segments.containing(i)?.index ?? i
  }
  const characterEnd = (i: number): number => {
    const s = characterStart(i)
    if (s === i) return i
    const seg = segments!.containing(i)!
    return seg.index + seg.segment.length
  }
  const widened: WidenedSpan<T>[] = []
  const out = spans.map((s) => {
    const start = characterStart(s.start)
    const end = characterEnd(s.end)
    if (start === s.start && end === s.end) return s
    const w = { ...s, start, end }
    widened.push({ span: w, from: { start: s.start, end: s.end } })
    return w
  })
  return { spans: out, widened }
}

/** How many widened spans the warning names, at most. */
const NAMED = 5

/** Counts the widened spans of an export and names the first few, for one counted warning. */
export class WidenedSpans {
  private n = 0
  private readonly named: string[] = []

  add(documentId: string, text: string, widened: readonly WidenedSpan<Boundaries & { label: string }>[]): void {
    for (const { span, from } of widened) {
      this.n++
      if (this.named.length < NAMED) {
        this.named.push(`${JSON.stringify(text.slice(from.start, from.end))} ${span.label} at ${from.start}-${from.end} in ${JSON.stringify(documentId)}, written as ${JSON.stringify(text.slice(span.start, span.end))}`)
      }
    }
  }

  /** The warning, or null when no span was widened. */
  warning(format: string): string | null {
    if (!this.n) return null
    const more = this.n > this.named.length ? `, and ${this.n - this.named.length} more` : ''
    return (
      `${format}: ${countOf(this.n, 'span')} ${nounFor(this.n, 'starts or ends', 'start or end')} inside a character (a letter and its combining accent, an emoji sequence or a flag: ` +
      `one grapheme cluster, which no token splits) and ${nounFor(this.n, 'was', 'were')} widened to the whole character (${this.named.join('; ')}${more}); ` +
      `fix ${nounFor(this.n, 'it', 'them')} in the editor to keep ${nounFor(this.n, 'it', 'them')} as annotated`
    )
  }
}
