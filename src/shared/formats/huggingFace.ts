import type { StreamCodec } from './formatCodec'
import { taggedLayers } from './tokenTags'

/**
 * Hugging Face token classification JSONL, one sentence a line:
 * `{"id", "document", "tokens": [...], "ner_tags": ["B-PER", ...]}` with the
 * tags as label strings (the BIO of the CoNLL export, same tokenizer and
 * sentences). Export only: the text cannot be rebuilt faithfully from it.
 */
export const huggingFaceCodec: StreamCodec = {
  name: 'hf',
  extensions: [],
  lossy: 'Hugging Face token tags keep one label per token (overlapping spans keep the outermost) and no relations, ids or annotator',
  sniff: (first) => /^\s*\{/.test(first) && /"ner_tags"\s*:/.test(first),
  *decode(lines, ctx) {
    for (const { line, raw } of lines) {
      if (raw.trim() === '') continue
      yield { error: { file: ctx.file, line, reason: 'the Hugging Face format is export-only; import it as CoNLL or JSONL instead' } }
    }
  },
  *encode(layers, ctx) {
    // Layers come in document order: a document several annotators labelled
    // comes once per layer, and its later layers' rows name the annotator so
    // that every row's id is unique (a dataset keyed or split by id).
    let lastDocument: string | null = null
    for (const { layer, t } of taggedLayers(layers, ctx, 'hf')) {
      const again = layer.externalId === lastDocument
      lastDocument = layer.externalId
      const prefix = again ? `${idPart(layer.externalId)}#${idPart(layer.annotator)}` : idPart(layer.externalId)
      for (const [n, [first, last]] of t.sentences.entries()) {
        const tokens = t.tokens.slice(first, last + 1).map((k) => k.text)
        const ner_tags = t.tags.slice(first, last + 1)
        yield `${JSON.stringify({ id: `${prefix}#${n}`, document: layer.externalId, tokens, ner_tags })}\n`
      }
    }
  },
}

/**
 * A document id or annotator name as a part of a row id: `%` and `#` are
 * percent-escaped (`%25`, `%23`), so every `#` of an id is a separator and
 * ids are unique by construction (document `a#1` beside annotator `1` of
 * document `a` gave `a#1#0` twice). Parts without either are unchanged.
 */
function idPart(s: string): string {
  return s.replace(/[%#]/g, (c) => (c === '%' ? '%25' : '%23'))
}
