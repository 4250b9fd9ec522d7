import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { writeBigImportFile } from '../helpers/bigImportFile'
import { BIN, cli } from '../helpers/cliRun'
import { tempDir } from '../helpers/tempWorkspace'

/**
 * Ctrl+C (SIGINT) and SIGTERM to the real command line in the middle of a long job, as a user's terminal or a
 * supervisor sends them: the job stops, says in one sentence what became of the workspace, the process ends by
 * the signal (the shell's $? is 130 or 143), and the workspace is exactly as it was and whole.
 */

const SPANS_PER_DOC = 1000
const DOCS = 300
const MANY = 15_000
/** Span-heavy records: a thousand spans each, so the write transaction runs for seconds between few records. */
function writeSpanHeavyFile(file: string, docs: number, prefix: string): void {
  const text = 'Kerry met Michel in Brussels. '.repeat((SPANS_PER_DOC * 10) / 30 + 1)
  const lines: string[] = []
  for (let d = 0; d < docs; d++) {
    const spans = Array.from({ length: SPANS_PER_DOC }, (_, s) => ({ start: s * 10, end: s * 10 + 5, label: 'PERSON' }))
    lines.push(JSON.stringify({ id: `${prefix}-${d}`, text, spans, annotator: 'importer' }))
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
}

interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
  out: string
  err: string
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL')
})

/** Starts `spanwright ARGS`; once `ready()` holds (polled), sends each signal in turn, `gapMs` apart. */
function runAndSignal(args: string[], ready: (pid: number) => boolean, signals: NodeJS.Signals[], gapMs = 0): Promise<Ended & { sent: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  let err = ''
  let sent = false
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  const poll = setInterval(() => {
    if (sent || !ready(child.pid!)) return
    sent = true
    clearInterval(poll)
    signals.forEach((s, i) => setTimeout(() => child.kill(s), i * gapMs))
  }, 10)
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearInterval(poll)
      resolve({ code, signal, out, err, sent })
    })
  })
}

/** Every row of every table, the documents and spans counted, and SQLite's own check, read from the file. */
function workspaceState(file: string): { rows: string; documents: number; spans: number; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
    const rows = tables.map(({ name }) => `${name}:${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort())}`).join('\n')
    return {
      rows,
      documents: db.prepare('SELECT count(*) FROM documents').pluck().get() as number,
      spans: db.prepare('SELECT count(*) FROM spans').pluck().get() as number,
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
    }
  } finally {
    db.close()
  }
}

/** The import's write transaction is about to begin: its backup of the workspace has appeared. */
const backupsIn = (dir: string) => (fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).length : 0)
const writing = (dir: string, before: number) => () => backupsIn(dir) > before

// A busy machine (two cores shared by every test) takes minutes over the full import.
describe('Ctrl+C and SIGTERM during a long command', { timeout: 300_000 }, () => {
  let dir: string
  let big: string
  beforeAll(() => {
    dir = tempDir()
    big = path.join(dir, 'big.jsonl')
    // 300,000 spans: seconds of writing in one transaction.
    writeSpanHeavyFile(big, DOCS, 'big')
  })

  /** A workspace with a few documents already in it, so "unchanged" is about something. */
  function workspaceWithDocuments(name: string): string {
    const db = path.join(dir, `${name}.spanwright`)
    const small = path.join(dir, `${name}-small.jsonl`)
    writeSpanHeavyFile(small, 3, `${name}-small`)
    const r = cli(['import', small, '--db', db])
    expect(r.code, r.err).toBe(0)
    return db
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} in the middle of an import's write stops it: rolled back, one sentence, ended by ${signal}`, async () => {
      const db = workspaceWithDocuments(`import-${signal}`)
      const before = workspaceState(db)
      const r = await runAndSignal(['import', big, '--db', db], writing(dir, backupsIn(dir)), [signal])
      expect(r.sent, r.err).toBe(true)
      // Ended by the signal itself (a shell's $? reads 130 for SIGINT, 143 for SIGTERM), as git and Python end.
      expect({ code: r.code, signal: r.signal }).toEqual({ code: null, signal })
      expect(r.err.trim().split('\n').at(-1)).toBe('import cancelled: nothing from this import was stored (workspace unchanged)')
      expect(r.out).not.toContain('imported')
      const after = workspaceState(db)
      expect(after.integrity).toBe('ok')
      expect({ documents: after.documents, spans: after.spans }).toEqual({ documents: before.documents, spans: before.spans })
      expect(after.rows).toBe(before.rows)
    })
  }

  it('a second Ctrl+C quits at once, and still leaves the workspace whole and unchanged', async () => {
    const db = workspaceWithDocuments('twice')
    const before = workspaceState(db)
    const r = await runAndSignal(['import', big, '--db', db], writing(dir, backupsIn(dir)), ['SIGINT', 'SIGINT'], 5)
    expect(r.sent, r.err).toBe(true)
    expect(r.signal).toBe('SIGINT')
    // The second may come after the first has already rolled the import back: either sentence, never a stack.
    expect(r.err.trim().split('\n').at(-1)).toMatch(/^import (cancelled|stopped at once): nothing from this import was stored /)
    const after = workspaceState(db)
    expect(after.integrity).toBe('ok')
    expect(after.rows).toBe(before.rows)
  })

  it('an import left to finish prints its report as before, and an export cancelled mid-way leaves no file', async () => {
    const db = workspaceWithDocuments('whole')
    const before = workspaceState(db)
    // Many small layers: an export of them runs for seconds.
    const many = path.join(dir, 'many.jsonl')
    writeBigImportFile(many, MANY)
    const done = cli(['import', many, '--db', db])
    expect(done.code, done.err).toBe(0)
    expect(done.err).toBe('')
    expect(done.out).toBe(`imported ${MANY} of ${MANY} records (0 rejected): ${MANY} new documents, ${MANY} new layers, ${MANY * 10} spans (0 already present), 0 relations\n`)
    const after = workspaceState(db)
    expect(after.integrity).toBe('ok')
    expect(after.spans).toBe(before.spans + MANY * 10)

    const out = path.join(dir, 'export', 'all.jsonl')
    const r = await runAndSignal(['export', '--db', db, '--format', 'jsonl', '--out', out], (pid) => fs.existsSync(`${out}.partial-${pid}`), ['SIGINT'])
    expect(r.sent, r.err).toBe(true)
    expect(r.signal).toBe('SIGINT')
    expect(r.err.trim().split('\n').at(-1)).toBe(`export cancelled: ${out} was not written (no partial file left)`)
    expect(r.out).toBe('')
    expect(fs.readdirSync(path.dirname(out))).toEqual([])
  })
})
