import { countOf } from '../text/plural'
import type { Span } from '../domain/model'
import type { EncodeContext, ExportLayer } from './formatCodec'
import { trimSpanEdges } from './spanEdges'

/**
 * Discontinuous spans for every export but `jsonl` and brat: the training
 * formats (CoNLL, Hugging Face, spaCy's JSON and `.spacy`, Prodigy) and the
 * annotation tools' (doccano, doccano-rel, Label Studio, WebAnno TSV, XMI),
 * which researchers train from too. BIO tags, spaCy's `Doc.ents` and its span
 * groups, doccano's and Label Studio's labels and INCEpTION's NamedEntity hold
 * contiguous spans only. Written as one range from the first fragment's start
 * to the last one's end, the words between the fragments ("Smith" in
 * "[left] and right [ventricle]"… ) would carry the label, and a model would
 * learn them as part of the entity. So each fragment is written as a span of
 * its own, with the span's label: no word outside the span's fragments gets
 * it. Fragments with only whitespace (or nothing) between them are one span,
 * since no word lies between them. The export warns with the count.
 */
export function* fragmentsAsSpans(layers: Iterable<ExportLayer>, ctx: EncodeContext, format: string): Iterable<ExportLayer> {
  let n = 0
  for (const layer of layers) {
    if (!layer.spans.some(isDiscontinuous)) {
      yield layer
      continue
    }
    const spans: Span[] = []
    // The first fragment keeps the span's id and source id (a relation to the span is one to it); the others get ids
    // of their own (negative: no stored span has one; exportIds numbers them past the layer's ids) and no source id,
    // for formats that key spans by id (Prodigy, doccano-rel, Label Studio, WebAnno TSV, XMI).
    let fresh = 0
    for (const s of layer.spans) {
      if (!isDiscontinuous(s)) {
        spans.push(s)
        continue
      }
      n++
      joinedFragments(layer.text, s.fragments!).forEach(([start, end], k) => spans.push(k === 0 ? { ...s, start, end, fragments: null } : { ...s, id: --fresh, sourceId: null, start, end, fragments: null }))
    }
    yield { ...layer, spans }
  }
  if (n) {
    ctx.warn(
      `${format}: ${countOf(n, 'discontinuous span')} ${n === 1 ? 'was' : 'were'} written as ${n === 1 ? 'its' : 'their'} fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label`,
    )
  }
}

const isDiscontinuous = (s: Span): boolean => s.fragments !== null && s.fragments !== undefined && s.fragments.length > 1

/** Fragments in order, those with only whitespace (Python's) between them joined into one range. */
export function joinedFragments(text: string, fragments: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = []
  for (const [a, b] of [...fragments].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1]
    if (last && (a <= last[1] || trimSpanEdges(text, last[1], a) === null)) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}
