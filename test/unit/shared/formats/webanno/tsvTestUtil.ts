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


/** One random edit of a file: a character deleted, one of `pieces` inserted, or a line repeated or dropped. */
function mutate(content: string, rnd: () => number, pieces: string[]): string {
  const at = Math.floor(rnd() * content.length)
  const kind = Math.floor(rnd() * 4)
  if (kind === 0) return content.slice(0, at) + content.slice(at + 1)
  if (kind === 1) return content.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + content.slice(at)
  const lines = content.split('\n')
  const i = Math.floor(rnd() * lines.length)
  if (kind === 2) lines.splice(i, 0, lines[i])
  else lines.splice(i, 1)
  return lines.join('\n')
}

/**
 * `rounds` damaged copies of the files in turn (1–3 random edits each, from `rnd`), each handed to `check` with its
 * file name, round and line count; `check` answers whether the reader refused it. Returns how many were refused.
 */
export function checkDamagedFiles(
  files: { name: string; content: string }[],
  rounds: number,
  rnd: () => number,
  pieces: string[],
  check: (damaged: { content: string; name: string; round: number; lines: number }) => boolean,
): number {
  let refused = 0
  for (let n = 0; n < rounds; n++) {
    const f = files[n % files.length]
    let content = f.content
    for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) content = mutate(content, rnd, pieces)
    if (check({ content, name: f.name, round: n, lines: content.split('\n').length })) refused++
  }
  return refused
}
