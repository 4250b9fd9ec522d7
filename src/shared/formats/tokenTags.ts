import { bioTags } from '../text/bioTags'
import { countOf } from '../text/plural'
import type { LabeledRange } from '../text/bioTags'
import type { Token } from '../text/tokenizer'
import { splitAtBoundaries, tokenize } from '../text/tokenizer'
import { fileTokensOf } from './conllMeta'
import type { EncodeContext, ExportLayer } from './formatCodec'
import { fragmentsAsSpans } from './fragmentSpans'
import { WidenedSpans, wholeCharacters } from './graphemeEdges'
import type { WidenedSpan } from './graphemeEdges'
import { sentenceRanges } from './tokenSentences'

/**
 * The tokens, sentences and BIO tags the token-tag exports (CoNLL, GermEval's
 * layout, Hugging Face) write for a layer: a CoNLL file's own tokens while the
 * text is the same (meta.conll), else the shared tokenizer's; every span edge
 * a token edge; a sentence break never inside a span. A span edge inside a
 * character (a grapheme cluster) is moved to the character's edge, so no token
 * splits one (graphemeEdges.ts); `widened` names those spans.
 */

/** Tokens, tags and sentences of one layer; `dropped` counts spans BIO could not keep. */
export interface TaggedLayer {
  tokens: Token[]
  tags: string[]
  sentences: [number, number][]
  /** The file's middle columns per token (a token cut by a span repeats its columns), or null. */
  columns: string[][] | null
  separator: ' ' | '\t'
  dropped: number
  /** The spans BIO could not keep (nested in or overlapping a kept one): GermEval's inner level. */
  nested: LabeledRange[]
  untokenized: number
  /** Spans with an edge inside a character, moved to its edges (as written, with the offsets they had). */
  widened: WidenedSpan<ExportLayer['spans'][number]>[]
}

/** Sentences [first, last] over `tokens`, from sentences over `base` that `tokens` refines, joined where a span crosses a break. */
function refineSentences(base: readonly Token[], baseSentences: readonly [number, number][], tokens: readonly Token[], spans: readonly { start: number; end: number }[]): [number, number][] {
  const ends = new Set(baseSentences.map(([, last]) => base[last].end))
  const out: [number, number][] = []
  let first = 0
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  let p = 0
  let maxEnd = -1
  for (let i = 0; i < tokens.length; i++) {
    while (p < sorted.length && sorted[p].start < tokens[i].end) maxEnd = Math.max(maxEnd, sorted[p++].end)
    const next = tokens[i + 1]
    if (!next || (ends.has(tokens[i].end) && !(maxEnd > next.start))) {
      out.push([first, i])
      first = i + 1
    }
  }
  return out
}

export function tagLayer(given: ExportLayer): TaggedLayer {
  const file = fileTokensOf(given.text, given.meta)
  const whole = wholeCharacters(given.text, given.spans, file ? new Set(file.tokens.flatMap((t) => [t.start, t.end])) : undefined)
  const layer = whole.widened.length ? { ...given, spans: whole.spans } : given
  let tokens: Token[]
  let sentences: [number, number][]
  let columns: string[][] | null = null
  if (file) {
    tokens = splitAtBoundaries(file.tokens, layer.spans)
    sentences = refineSentences(file.tokens, file.sentences, tokens, layer.spans)
    if (file.columns) {
      const cols = file.columns
      let k = 0
      columns = tokens.map((t) => {
        while (file.tokens[k].end <= t.start) k++
        return cols[k]
      })
    }
  } else {
    tokens = tokenize(layer.text, layer.spans)
    sentences = sentenceRanges(layer.text, tokens, layer.spans)
  }
  const { tags, dropped, untokenized } = bioTags(tokens, layer.spans)
  return { tokens, tags, sentences, columns, separator: file?.separator ?? ' ', dropped: dropped.length, nested: dropped, untokenized: untokenized.length, widened: whole.widened }
}

/**
 * The layers of a token-tag export (CoNLL, Hugging Face), each with its BIO
 * tags; once they are all read, warns once with the totals, naming the format.
 */
export function* taggedLayers(layers: Iterable<ExportLayer>, ctx: EncodeContext, format: string): Iterable<{ layer: ExportLayer; t: TaggedLayer }> {
  let dropped = 0
  let untokenized = 0
  const widened = new WidenedSpans()
  for (const layer of fragmentsAsSpans(layers, ctx, format)) {
    const t = tagLayer(layer)
    dropped += t.dropped
    untokenized += t.untokenized
    widened.add(layer.externalId, layer.text, t.widened)
    yield { layer, t }
  }
  const inside = widened.warning(format)
  if (inside) ctx.warn(inside)
  ctx.leftOut?.('span', dropped + untokenized)
  if (dropped) ctx.warn(`${format}: overlapping spans: kept the outermost, dropped ${countOf(dropped, 'span')}`)
  if (untokenized) ctx.warn(`${format}: ${countOf(untokenized, 'span')} ${untokenized === 1 ? 'covers' : 'cover'} no token (whitespace only) and ${untokenized === 1 ? 'was' : 'were'} left out`)
}

