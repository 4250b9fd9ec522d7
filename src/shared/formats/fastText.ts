import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { lineError } from './codecSupport'

/**
 * doccano's fastText export of a text classification project (`.txt`): one example a line, its categories first as
 * `__label__<name>` words, then its text after a space; an example without categories is its text alone. doccano 1.0
 * (`app/api/utils.py` `FastTextPainter`) wrote spaces in a name as `_` and line breaks in the text as spaces; 1.2 to
 * 1.5 (`data_export/writers.py` `FastTextWriter`, a `<username>.txt` per member in a ZIP) wrote both as they were,
 * so a text with a line break there reads as two examples. The categories are the document's, not spans: each line
 * is read as the JSONL record doccano writes for the same example (`label` a list of names), so they land in meta
 * as the JSONL and CSV exports' categories do (doccano.ts `categoryLine`), and the texts are the documents. The file
 * has no ids: each document is named by its text's hash, as a doccano line without an `id` is.
 */

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

const LABEL = /^__label__(\S+)(?:[ \t]+|$)/u

/** Whether a line starts with a fastText label. */
export const fastTextLabelled = (raw: string): boolean => LABEL.test(raw.replace(/^\uFEFF/u, ''))

/**
 * A fastText file, by its first lines (up to `max` non-blank ones): the first starts with `__label__`, and so do at
 * least half of them (doccano writes an example without categories as its text alone). Prose never looks so.
 */
export function looksFastText(head: string, truncated = false, max = 50): boolean {
  const lines = head.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u)
  if (truncated && lines.length > 1) lines.pop()
  const sample = lines.filter((l) => l.trim() !== '').slice(0, max)
  if (!sample.length || !fastTextLabelled(sample[0])) return false
  return sample.filter(fastTextLabelled).length * 2 >= sample.length
}

/** A fastText line's category names and text. */
export function splitFastTextLine(raw: string): { labels: string[]; text: string } {
  let rest = raw.replace(/^\uFEFF/u, '')
  const labels: string[] = []
  for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
    labels.push(m[1])
    rest = rest.slice(m[0].length)
  }
  return { labels, text: rest }
}

export function* decodeFastText(lines: Iterable<SourceLine>, ctx: DecodeContext, parse: ParseLine): Iterable<DecodeItem> {
  for (const { line, raw } of lines) {
    if (raw.trim() === '') continue
    const { labels, text } = splitFastTextLine(raw)
    if (text.trim() === '') {
      yield { error: { file: ctx.file, line, reason: `a fastText line of labels (${labels.map((l) => `__label__${l}`).join(' ')}) and no text after them` } }
      continue
    }
    try {
      const out = parse(labels.length ? { text, label: labels } : { text }, line)
      for (const r of Array.isArray(out) ? out : [out]) yield { record: r }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}
