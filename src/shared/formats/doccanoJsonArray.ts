import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { decodeEachLine, lineError } from './codecSupport'
import { parseJsonFile } from './jsonFile'
import { decodeDoccanoCsv, looksDoccanoCsv } from './doccanoCsv'

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

/**
 * doccano writes its JSONL export one record a line, and its JSON export (text
 * classification, sequence to sequence; pandas `to_json(orient="records")`) as
 * one array of the same records, on one line. A file whose first non-blank line
 * starts with `[` is read as that array, each record named by the line it
 * starts on; a file starting with a CSV header holding `text` and `label` as its CSV export (doccanoCsv.ts);
 * any other file one record a line, streamed.
 */
export function* decodeLinesOrArray(lines: Iterable<SourceLine>, ctx: DecodeContext, parse: ParseLine): Iterable<DecodeItem> {
  const it = lines[Symbol.iterator]()
  const head: SourceLine[] = []
  let next = it.next()
  while (!next.done && next.value.raw.trim() === '') {
    head.push(next.value)
    next = it.next()
  }
  if (next.done) return
  head.push(next.value)
  const rest: Iterable<SourceLine> = { [Symbol.iterator]: () => it }
  // doccano's CSV export (text classification): a header row, then a row per example (doccanoCsv.ts).
  if (looksDoccanoCsv(next.value.raw)) return yield* decodeDoccanoCsv(chain(head, rest), ctx, parse)
  if (!next.value.raw.replace(/^\uFEFF/u, '').trimStart().startsWith('[')) {
    return yield* decodeEachLine(chain(head, rest), ctx, parse, (record) => ({ record }))
  }
  const file = parseJsonFile([...head, ...rest], ctx)
  if ('error' in file) {
    yield file
    return
  }
  const { json, firstLine } = file
  if (!Array.isArray(json)) {
    yield { error: { file: ctx.file, line: firstLine, reason: 'a doccano JSON export must be an array of records (or one record a line)' } }
    return
  }
  const starts = file.elementLines()
  for (let i = 0; i < json.length; i++) {
    const line = starts[i] ?? firstLine
    try {
      const out = parse(json[i], line)
      for (const record of Array.isArray(out) ? out : [out]) yield { record }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

function* chain<T>(a: T[], b: Iterable<T>): Iterable<T> {
  yield* a
  yield* b
}
