import { countOf } from '../../text/plural'
import type { DecodeContext, DecodeItem, EncodeContext, ExportLayer, SourceLine, StreamCodec } from '../formatCodec'
import { fragmentsAsSpans } from '../fragmentSpans'
import { decodeWebannoTsv } from './decodeTsv'
import { decodeWebannoTsv2 } from './decodeTsv2'
import { encodeWebannoTsv } from './encodeTsv'
import type { TsvWarnings } from './encodeTsv'
import { FORMAT_PREFIX, isWebannoTsv2 } from './tsvSyntax'

/**
 * WebAnno TSV 3.x, the tab-separated format INCEpTION and WebAnno export
 * (`#FORMAT=WebAnno TSV 3.3`): one document per file. The older TSV 1/2 of
 * WebAnno 1.x/2.x (no `#FORMAT` line) is read too (decodeTsv2.ts), told by its
 * first lines; exports are TSV 3.3. decodeTsv.ts says what
 * is read and what is counted as not imported; encodeTsv.ts how a layer is
 * written. A file holds one document, so the export writes a folder with a
 * file per document (services/export); this stream encoder writes each layer's
 * file back to back, for callers that split them.
 */

/** Writes each layer as one TSV file's content, then warns once with what the format could not carry. */
export function* encodeWebannoLayers(layers: Iterable<ExportLayer>, ctx: Pick<EncodeContext, 'warn' | 'leftOut'>): Iterable<{ layer: ExportLayer; content: string }> {
  const w: TsvWarnings = { untokenized: 0, trimmed: 0, leadingText: 0, attributes: 0, relations: 0, merged: 0 }
  // Attributes and notes are counted per stored span, before a discontinuous one becomes its fragments.
  const counted = (function* () {
    for (const layer of layers) {
      // A span's attributes are counted by encodeWebannoTsv, which writes those its layer declares a feature for.
      for (const s of layer.spans) if (s.note) w.attributes++
      for (const r of layer.relations) if (Object.keys(r.attributes).length || r.note) w.attributes++
      yield layer
    }
  })()
  for (const layer of fragmentsAsSpans(counted, { unit: 'utf16', warn: ctx.warn }, 'webanno-tsv')) yield { layer, content: encodeWebannoTsv(layer, w) }
  const was = (n: number) => (n === 1 ? 'was' : 'were')
  ctx.leftOut?.('span', w.untokenized)
  ctx.leftOut?.('relation', w.relations)
  if (w.untokenized) ctx.warn(`webanno-tsv: ${countOf(w.untokenized, 'span')} ${w.untokenized === 1 ? 'covers' : 'cover'} no token (whitespace only) and ${was(w.untokenized)} left out`)
  if (w.merged) ctx.warn(`webanno-tsv: ${countOf(w.merged, 'document')} ${w.merged === 1 ? 'has' : 'have'} relations between spans of two WebAnno layers (slot links), which a TSV relation layer cannot hold; ${w.merged === 1 ? 'its' : 'their'} spans were written as NamedEntity values so the relations are kept`)
  if (w.relations) ctx.warn(`webanno-tsv: ${countOf(w.relations, 'relation')} to a span left out ${was(w.relations)} left out`)
  if (w.trimmed) ctx.warn(`webanno-tsv: ${countOf(w.trimmed, 'span')} starting or ending on whitespace ${was(w.trimmed)} written from ${w.trimmed === 1 ? 'its' : 'their'} first to ${w.trimmed === 1 ? 'its' : 'their'} last token (INCEpTION does the same)`)
  if (w.leadingText) ctx.warn(`webanno-tsv: ${countOf(w.leadingText, 'document')} ${w.leadingText === 1 ? 'has' : 'have'} text before ${w.leadingText === 1 ? 'its' : 'their'} first token other than spaces; the format keeps it as spaces`)
  if (w.attributes) ctx.warn(`webanno-tsv: ${countOf(w.attributes, 'span or relation', 'spans or relations')} had attributes or notes the file has no column for (a span's attribute is written only where its layer declares that feature)`)
}
export const webannoTsvCodec: StreamCodec = {
  name: 'webanno-tsv',
  extensions: ['.tsv'],
  sniff: (first) => first.replace(/^\uFEFF/u, '').startsWith(`${FORMAT_PREFIX}WebAnno TSV 3`) || isWebannoTsv2(first),
  decode: decodeAnyWebannoTsv,
  *encode(layers, ctx) {
    for (const { content } of encodeWebannoLayers(layers, ctx)) yield content
  },
  lossy: 'WebAnno TSV keeps spans as values of their layer (NamedEntity unless read from another layer) and relations as values of a relation layer over them: no ids, annotator, attributes or notes; offsets are UTF-16 code units',
}

/** TSV 1/2 or 3 by the file's first two lines that are not blank (the rest read lazily as before). */
function* decodeAnyWebannoTsv(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const it = lines[Symbol.iterator]()
  const head: SourceLine[] = []
  for (let filled = 0; filled < 2; ) {
    const n = it.next()
    if (n.done) break
    head.push(n.value)
    if (n.value.raw.trim()) filled++
  }
  const all = (function* () {
    yield* head
    for (let n = it.next(); !n.done; n = it.next()) yield n.value
  })()
  yield* (isWebannoTsv2(head.map((l) => l.raw).join('\n')) ? decodeWebannoTsv2 : decodeWebannoTsv)(all, ctx)
}

/**
 * Detection by content, for any extension: `#FORMAT=WebAnno TSV 3.x` first, or
 * the header and sentence lines of TSV 1/2, is this format; another `#FORMAT=`
 * WebAnno TSV version is named and refused (its layout differs); anything else
 * is left to the other detectors (a `.tsv` of token-per-line BIO stays CoNLL).
 */
export function sniffWebannoTsv(body: string): { format: 'webanno-tsv' } | { format: null; line: number; reason: string } | null {
  if (isWebannoTsv2(body)) return { format: 'webanno-tsv' }
  if (!body.startsWith(`${FORMAT_PREFIX}WebAnno TSV`)) return null
  if (webannoTsvCodec.sniff!(body)) return { format: 'webanno-tsv' }
  const first = body.split(/\r?\n/u, 1)[0].slice(0, 60)
  return { format: null, line: 1, reason: `${JSON.stringify(first)}: only WebAnno TSV 3.x is read, and TSV 1/2 without a #FORMAT line (export the documents from INCEpTION or WebAnno 3 as "WebAnno TSV v3.3")` }
}
