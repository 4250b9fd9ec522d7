import type { StreamCodec } from './formatCodec'
import { taggedLayers } from './conll'

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
    for (const { layer, t } of taggedLayers(layers, ctx, 'hf')) {
      for (const [n, [first, last]] of t.sentences.entries()) {
        const tokens = t.tokens.slice(first, last + 1).map((k) => k.text)
        const ner_tags = t.tags.slice(first, last + 1)
        yield `${JSON.stringify({ id: `${layer.externalId}#${n}`, document: layer.externalId, tokens, ner_tags })}\n`
      }
    }
  },
}
