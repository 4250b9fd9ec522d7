import type { ImportRecord } from './importRecord'

/**
 * A plain `.txt` file is one document: its first line is the title, and the
 * whole file (title line included) is the text, exactly as read.
 */
export function parsePlainText(text: string, externalId: string): ImportRecord {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0]?.trim() ?? ''
  return {
    line: 1,
    externalId,
    title: firstLine || externalId,
    text,
    meta: {},
    annotator: null,
    status: null,
    layer: false,
    spans: [],
    relations: [],
  }
}
