import type { DecodeContext, SourceLine } from './formatCodec'
import type { LineError } from './importRecord'
import { jsonSyntaxReason } from './codecSupport'
import { parseJsonKeepingIntegers } from './jsonIntegers'
import { arrayElements, lineOfSyntaxError } from './labelStudio'

export type JsonFile = { json: unknown; text: string; firstLine: number; elementLines: () => number[]; keptIntegers: number } | { error: LineError }

/**
 * A file read as one JSON value (an export written by `json.dump` or pandas, one array over one or many lines):
 * the value and the line each top-level array element starts on, or the syntax error at the line it is on.
 */
export function parseJsonFile(lines: readonly SourceLine[], ctx: DecodeContext): JsonFile {
  const text = lines.map((l) => l.raw).join('\n')
  const firstLine = lines[0]?.line ?? 1
  try {
    // Integers beyond 2^53 are kept as their digits (jsonIntegers.ts); the reader counts them in its notes.
    const { json, kept } = parseJsonKeepingIntegers(text)
    return { json, text, firstLine, elementLines: () => arrayElements(text, firstLine).map((el) => el.line), keptIntegers: kept }
  } catch (e) {
    const message = (e as Error).message
    return { error: { file: ctx.file, line: lineOfSyntaxError(text, message, firstLine), reason: jsonSyntaxReason(message, text) } }
  }
}
