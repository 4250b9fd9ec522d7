import { OUTSIDE, bioTags } from '../text/bioTags'
import { countOf } from '../text/plural'
import type { EncodeContext, ExportLayer } from './formatCodec'
import { fragmentsAsSpans } from './fragmentSpans'
import { WidenedSpans } from './graphemeEdges'
import { tagLayer } from './tokenTags'

/**
 * A CoNLL export of documents read from GermEval 2014's layout is written back
 * in that layout (germEval.ts reads it), as a BIOES file is written back in
 * BIOES: each sentence after a `#\t<source>` line, then `index \t token \t
 * outer tag \t inner tag` (IOB2), a blank line after it. The outer column
 * holds the outermost spans, as CoNLL's one tag column does; the inner column
 * the spans nested in (or overlapping) them, which a plain CoNLL export
 * leaves out, so `[ORG FC Kickers [LOC Darmstadt]]` keeps both. GermEval has
 * two levels: a span nested deeper is left out and counted.
 *
 * The `#` line is the document's source as read (`meta.germeval.source`), or
 * its id for a document that came from elsewhere; GermEval has no documents,
 * so each sentence gets one, and a document of several sentences comes back
 * as several.
 */

/** Whether the layer was read from GermEval 2014's layout (its `#` source kept in meta). */
export function isGermEvalLayer(layer: ExportLayer): boolean {
  const g = layer.meta.germeval
  return !!g && typeof g === 'object'
}

function sourceOf(layer: ExportLayer): string {
  const g = layer.meta.germeval as { source?: unknown } | undefined
  const source = typeof g?.source === 'string' ? g.source : layer.externalId
  // One line, tab-free, as the `#\t<url> [<date>]` line is.
  return source.replace(/[\t\r\n\u0085\u2028\u2029]+/gu, ' ')
}

export function* encodeGermEval(layers: Iterable<ExportLayer>, ctx: EncodeContext): Iterable<string> {
  let deeper = 0
  let untokenized = 0
  let tabs = 0
  const widened = new WidenedSpans()
  for (const layer of fragmentsAsSpans(layers, ctx, 'conll')) {
    const t = tagLayer(layer)
    widened.add(layer.externalId, layer.text, t.widened)
    const inner = bioTags(t.tokens, t.nested)
    deeper += inner.dropped.length
    untokenized += t.untokenized
    const source = sourceOf(layer)
    const out: string[] = []
    for (const [first, last] of t.sentences) {
      out.push(`#\t${source}`)
      for (let i = first; i <= last; i++) {
        // A tab would add a column; a CoNLL file's token read from a space-separated line holds none.
        const token = t.tokens[i].text.replace(/\t/gu, () => (tabs++, ' '))
        out.push([i - first + 1, token, t.tags[i] ?? OUTSIDE, inner.tags[i] ?? OUTSIDE].join('\t'))
      }
      out.push('')
    }
    yield `${out.join('\n')}\n`
  }
  ctx.warn("conll: written in GermEval 2014's layout (index, token, outer tag, inner tag), as the first document's file was: nested spans are in the inner column")
  ctx.leftOut?.('span', deeper + untokenized)
  const inside = widened.warning('conll')
  if (inside) ctx.warn(inside)
  if (deeper) ctx.warn(`conll: GermEval 2014 has two levels: ${countOf(deeper, 'span')} nested in an inner span ${deeper === 1 ? 'was' : 'were'} left out`)
  if (untokenized) ctx.warn(`conll: ${countOf(untokenized, 'span')} of whitespace only ${untokenized === 1 ? 'was' : 'were'} left out (no token holds one)`)
  if (tabs) ctx.warn(`conll: ${countOf(tabs, 'tab')} inside tokens ${tabs === 1 ? 'was' : 'were'} written as a space (a tab separates GermEval's columns)`)
}
