import fs from 'node:fs'
import path from 'node:path'
import { decodeWebannoTsv } from '../../../../../src/shared/formats/webanno/decodeTsv'
import type { SourceLine } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord, LineError } from '../../../../../src/shared/formats/importRecord'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'

// Files INCEpTION's own test suite holds (inception-io-webanno-tsv, see test/fixtures/peers/webanno-tsv/SOURCES.md).
export const DIR = path.join(REPO_ROOT, 'test/fixtures/peers/webanno-tsv')

export function linesOf(content: string): SourceLine[] {
  const raw = content.split('\n')
  if (raw[raw.length - 1] === '') raw.pop()
  return raw.map((r, i) => ({ line: i + 1, raw: r.endsWith('\r') ? r.slice(0, -1) : r }))
}

export const fixture = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8')

export function decode(content: string, file = 'doc.tsv'): { record: ImportRecord | null; errors: LineError[] } {
  let record: ImportRecord | null = null
  const errors: LineError[] = []
  for (const item of decodeWebannoTsv(linesOf(content), { file, unit: 'codepoint' })) {
    if ('record' in item) record = item.record
    else errors.push(item.error)
  }
  return { record, errors }
}

