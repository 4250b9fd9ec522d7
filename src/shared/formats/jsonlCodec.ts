import type { StreamCodec } from './formatCodec'
import { UNREAD_NOTE, parseJsonlLine, serializeJsonlLine } from './jsonl'
import { lineError } from './codecSupport'

/** The native JSONL as a StreamCodec: everything a layer holds (attributes, notes, norm ids, status) goes through. */
export const jsonlCodec: StreamCodec = {
  name: 'jsonl',
  extensions: ['.jsonl', '.ndjson', '.json'],
  *decode(lines, ctx) {
    // A field the format does not read is named with the file and line it was first seen on, once a file.
    const firstSeen = new Map<string, string>()
    for (const { line, raw } of lines) {
      if (raw.trim() === '') continue
      try {
        const record = parseJsonlLine(raw, line, ctx.unit)
        if (record.notes) record.notes = whereFirst(record.notes, firstSeen, `${ctx.file}:${line}`)
        yield { record }
      } catch (e) {
        yield { error: lineError(ctx, e, line) }
      }
    }
  },
  *encode(layers, ctx) {
    for (const layer of layers) yield `${serializeJsonlLine(layer, ctx.unit)}\n`
  },
}

/** Each unread-field note with where that field was first seen in this file, so the report names file, line and field. */
function whereFirst(notes: Record<string, number>, firstSeen: Map<string, string>, at: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, n] of Object.entries(notes)) {
    if (!UNREAD_NOTE.test(k)) {
      out[k] = n
      continue
    }
    let named = firstSeen.get(k)
    if (named === undefined) firstSeen.set(k, (named = `${k} (first at ${at})`))
    out[named] = n
  }
  return out
}
