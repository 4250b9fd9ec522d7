import type { FormatName } from './formatCodec'

/** The export formats written as JSON (one value a line, or one array). */
export const JSON_FORMATS: ReadonlySet<FormatName> = new Set(['jsonl', 'doccano', 'doccano-rel', 'spacy', 'spacy-jsonl', 'prodigy', 'labelstudio', 'hf'])

/**
 * JSON.stringify leaves NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
 * SEPARATOR (U+2029) raw inside strings. JSON allows that, but Python's
 * str.splitlines() (and codecs' readline) break lines at them, so a JSONL line
 * read so is cut in two and json.loads fails; Python's own json.dumps escapes
 * them. Escaped here: they occur only inside strings, and read back the same.
 */
export function escapeJsonLineBreaks(chunk: string): string {
  return chunk.replace(/[\u0085\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
