import type { StreamCodec } from './formatCodec'
import { parseJsonlLine, serializeJsonlLine } from './jsonl'
import { lineError } from './codecSupport'

/** The native JSONL as a StreamCodec: everything a layer holds (attributes, notes, norm ids, status) goes through. */
export const jsonlCodec: StreamCodec = {
  name: 'jsonl',
  extensions: ['.jsonl', '.ndjson', '.json'],
  *decode(lines, ctx) {
    for (const { line, raw } of lines) {
      if (raw.trim() === '') continue
      try {
        yield { record: parseJsonlLine(raw, line, ctx.unit) }
      } catch (e) {
        yield { error: lineError(ctx, e, line) }
      }
    }
  },
  *encode(layers, ctx) {
    for (const layer of layers) yield `${serializeJsonlLine(layer, ctx.unit)}\n`
  },
}
