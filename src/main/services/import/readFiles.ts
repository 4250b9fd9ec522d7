import fs from 'node:fs'
import path from 'node:path'
import { decodeText } from '../../../shared/formats/decodeText'
import { formatLineError, RecordError } from '../../../shared/formats/importRecord'
import type { ImportRecord, LineError } from '../../../shared/formats/importRecord'
import { parseJsonlLine } from '../../../shared/formats/jsonl'
import { parsePlainText } from '../../../shared/formats/plainText'
import { AppError } from '../../../shared/api/errors'

export type SourcedRecord = ImportRecord & { file: string }

export interface ReadResult {
  records: SourcedRecord[]
  errors: LineError[]
  linesRead: number
}

export type InputFormat = 'txt' | 'jsonl'

const EXTENSIONS: Record<string, InputFormat> = { '.txt': 'txt', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }

/** Lists the importable files under the given paths (folders recursively), in a stable order. */
export function listInputFiles(paths: string[]): { file: string; base: string }[] {
  const out: { file: string; base: string }[] = []
  for (const p of paths) {
    let st: fs.Stats
    try {
      st = fs.statSync(p)
    } catch {
      throw new AppError('invalid_input', `${p}: no such file or folder`)
    }
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, ent.name)
          if (ent.isDirectory()) walk(full)
          else if (EXTENSIONS[path.extname(ent.name).toLowerCase()]) out.push({ file: full, base: p })
        }
      }
      walk(p)
    } else {
      out.push({ file: p, base: path.dirname(p) })
    }
  }
  return out
}

export function formatOf(file: string): InputFormat {
  const f = EXTENSIONS[path.extname(file).toLowerCase()]
  if (!f) throw new AppError('invalid_input', `${file}: unknown file type (expected .txt or .jsonl)`)
  return f
}

/** Splits text into lines, keeping each line's 1-based number; accepts LF and CRLF. */
export function* splitLines(text: string): Generator<{ line: number; raw: string }> {
  let line = 0
  let pos = 0
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos)
    const end = nl < 0 ? text.length : nl
    line++
    let raw = text.slice(pos, end)
    if (raw.endsWith('\r')) raw = raw.slice(0, -1)
    if (nl < 0) {
      if (raw.length) yield { line, raw }
      break
    }
    yield { line, raw }
    pos = nl + 1
  }
}

/**
 * Reads and parses files into import records, collecting every bad line rather
 * than stopping at the first, so a user sees all that needs fixing at once.
 */
export async function readDocumentFiles(paths: string[]): Promise<SourcedRecord[]> {
  const result = readDocumentFilesCollecting(paths)
  if (result.errors.length) throw importError(result.errors, result.linesRead)
  return result.records
}

export function readDocumentFilesCollecting(paths: string[]): ReadResult {
  const records: SourcedRecord[] = []
  const errors: LineError[] = []
  let linesRead = 0
  for (const { file, base } of listInputFiles(paths)) {
    const format = formatOf(file)
    let text: string
    try {
      text = decodeText(fs.readFileSync(file))
    } catch (e) {
      if (e instanceof RecordError) {
        errors.push({ file, line: e.line ?? 1, reason: e.message })
        linesRead++
        continue
      }
      throw new AppError('invalid_input', `${file}: cannot read (${(e as Error).message})`)
    }
    if (format === 'txt') {
      linesRead++
      const rel = path.relative(base, file).split(path.sep).join('/')
      const externalId = rel.replace(/\.txt$/i, '')
      records.push({ ...parsePlainText(text, externalId), file })
      continue
    }
    let sawLine = false
    for (const { line, raw } of splitLines(text)) {
      if (!raw.trim()) continue
      sawLine = true
      linesRead++
      try {
        records.push({ ...parseJsonlLine(raw, line), file })
      } catch (e) {
        if (e instanceof RecordError) errors.push({ file, line: e.line ?? line, reason: e.message })
        else throw e
      }
    }
    if (!sawLine) errors.push({ file, line: 1, reason: 'the file is empty (no JSON lines)' })
  }
  return { records, errors, linesRead }
}

/** One error naming every bad line (the first 50 in the message, all in details). */
export function importError(errors: LineError[], linesRead: number): AppError {
  const shown = errors.slice(0, 50).map(formatLineError)
  const more = errors.length > 50 ? `\n… and ${errors.length - 50} more` : ''
  return new AppError(
    'invalid_input',
    `import failed: ${errors.length} bad line${errors.length === 1 ? '' : 's'} of ${linesRead} read; nothing was imported\n${shown.join('\n')}${more}`,
    { errors, linesRead },
  )
}
