import { countOf, nounFor } from '../text/plural'
import { tokenize } from '../text/tokenizer'

/**
 * Spans whose edge falls inside a word (`Wash|ington`, as an imported span can have; the editor snaps to words):
 * spaCy's `Doc.char_span` (strict alignment, what training code calls) gives None for them, and training code drops
 * them unseen. spaCy's tokenizer is not here, so Spanwright's (text/tokenizer.ts: ICU words, clitics and
 * punctuation split off as spaCy does) stands in for it, and the warning says so.
 *
 * The export writes such a span as it was annotated and names it; it does not snap it. Growing it to whole tokens
 * changes what was annotated, shrinking it loses characters, and both would follow the stand-in where spaCy's own
 * tokenizer differs (spaCy splits `Jean-Claude` and `10km`, Spanwright keeps them whole), moving spans spaCy would
 * align. The reader decides: fix the span in the editor, or align with `alignment_mode="expand"`.
 */

type Edged = { start: number; end: number; label: string }

/** How many off-token spans the warning names, at most. */
const NAMED = 5

/** An offset that no tokenizer puts inside a word: the text's start or end, or whitespace on either side. */
const clearEdge = (text: string, i: number) => i <= 0 || i >= text.length || /\s/u.test(text[i - 1]) || /\s/u.test(text[i])

/** The spans (offsets in UTF-16, without edge whitespace) that start or end inside a token of Spanwright's tokenizer. */
export function spansOffTokens<T extends Edged>(text: string, spans: readonly T[]): T[] {
  // Tokenize only a text that has an edge beside a non-space on both sides (`Paris.`, `Wash|ington`): most have none.
  const unclear = spans.filter((s) => !clearEdge(text, s.start) || !clearEdge(text, s.end))
  if (!unclear.length) return []
  const tokens = tokenize(text)
  const starts = new Set(tokens.map((t) => t.start))
  const ends = new Set(tokens.map((t) => t.end))
  return unclear.filter((s) => !starts.has(s.start) || !ends.has(s.end))
}

/** Counts the off-token spans of an export and names the first few, for one counted warning. */
export class OffTokenSpans {
  private n = 0
  private readonly named: string[] = []

  add(documentId: string, text: string, spans: readonly Edged[]): void {
    for (const s of spansOffTokens(text, spans)) {
      this.n++
      if (this.named.length < NAMED) this.named.push(`${JSON.stringify(text.slice(s.start, s.end))} ${s.label} in ${JSON.stringify(documentId)}`)
    }
  }

  /** The warning, or null when every span lies on token edges. */
  warning(format: string): string | null {
    if (!this.n) return null
    const more = this.n > this.named.length ? `, and ${this.n - this.named.length} more` : ''
    return (
      `${format}: ${countOf(this.n, 'span')} ${nounFor(this.n, 'starts or ends', 'start or end')} inside a word by Spanwright's tokenizer, standing in for spaCy's, ` +
      `and ${nounFor(this.n, 'was', 'were')} written as annotated: spaCy's Doc.char_span (strict alignment) may give None for ${nounFor(this.n, 'it', 'them')}, ` +
      `and training code then drops ${nounFor(this.n, 'it', 'them')} (${this.named.join('; ')}${more}); ` +
      `snap ${nounFor(this.n, 'it', 'them')} to whole words in the editor, or read with alignment_mode="expand"`
    )
  }
}
