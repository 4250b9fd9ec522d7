import type { FormatName, StreamCodec } from './formatCodec'
import { conllCodec } from './conll'
import { doccanoCodec, doccanoRelCodec } from './doccano'
import { huggingFaceCodec } from './huggingFace'
import { jsonlCodec } from './jsonlCodec'
import { labelStudioCodec } from './labelStudio'
import { prodigyCodec } from './prodigy'
import { spacyCodec } from './spacy'

/**
 * The stream formats by name, and format detection for imports. `txt` and
 * `brat` are file/folder formats and are handled by their own readers.
 */
// Sniff order matters: the more specific shapes first, the native JSONL last.
const CODECS: StreamCodec[] = [prodigyCodec, huggingFaceCodec, doccanoRelCodec, doccanoCodec, jsonlCodec, spacyCodec, labelStudioCodec, conllCodec]

const BY_NAME = new Map<FormatName, StreamCodec>(CODECS.map((c) => [c.name, c]))

export const STREAM_FORMATS: FormatName[] = CODECS.map((c) => c.name)

export function streamCodec(name: FormatName): StreamCodec {
  const codec = BY_NAME.get(name)
  if (!codec) {
    if (name === 'txt' || name === 'brat') throw new Error(`${name} is a file/folder format, not a stream format`)
    throw new Error(`unknown format ${JSON.stringify(name)}`)
  }
  return codec
}

/**
 * Guesses a file's format: by extension first; `.json`/`.jsonl` files are
 * sniffed on their first non-blank line, falling back to the native JSONL.
 */
export function detectFormat(fileName: string, firstNonBlankLine: string): FormatName | null {
  const lower = fileName.toLowerCase()
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.')) : ''
  if (ext === '.txt') return 'txt'
  if (ext === '.ann') return 'brat'
  const sniffable = ext === '.json' || ext === '.jsonl' || ext === '.ndjson'
  if (sniffable) {
    for (const c of CODECS) if (c.sniff?.(firstNonBlankLine)) return c.name
    return ext === '.json' && /^\s*\[/.test(firstNonBlankLine) ? null : 'jsonl'
  }
  for (const c of CODECS) if (c.extensions.includes(ext)) return c.name
  return null
}
