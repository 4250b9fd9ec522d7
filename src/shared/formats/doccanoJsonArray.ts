import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { decodeEachLine, lineError } from './codecSupport'
import { parseJsonFile } from './jsonFile'
import { noteKeptIntegers } from './jsonIntegers'
import { decodeDoccanoCsv, doccanoCsvHeader } from './doccanoCsv'
import { decodeFastText, fastTextLabelled } from './fastText'

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

/**
 * doccano writes its JSONL export one record a line, and its JSON export (text
 * classification, sequence to sequence; pandas `to_json(orient="records")`) as
 * one array of the same records, on one line. A file whose first non-blank line
 * starts with `[` is read as that array, each record named by the line it
 * starts on; a file starting with a CSV header holding `text` (or `data`) and `label` as its CSV export (doccanoCsv.ts, doccano 1.0's: doccano10Csv.ts);
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
  // doccano's fastText export (text classification): `__label__<name>` words, then the text (fastText.ts).
  if (fastTextLabelled(next.value.raw)) return yield* decodeFastText(chain(head, rest), ctx, parse)
  // Another tool's CSV with text and label columns, read because --format doccano said so, reads as doccano's.
  if (doccanoCsvHeader(next.value.raw) !== null) return yield* decodeDoccanoCsv(chain(head, rest), ctx, parse)
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
  // Integers beyond 2^53, kept as their digits (jsonIntegers.ts), are counted on the first record.
  let kept = file.keptIntegers
  for (let i = 0; i < json.length; i++) {
    const line = starts[i] ?? firstLine
    try {
      const out = parse(json[i], line)
      for (const record of Array.isArray(out) ? out : [out]) {
        if (kept) record.notes = noteKeptIntegers(record.notes, kept)
        kept = 0
        yield { record }
      }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

function* chain<T>(a: T[], b: Iterable<T>): Iterable<T> {
  yield* a
  yield* b
}
