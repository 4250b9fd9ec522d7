import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { main, plainMessage } from '../../../../src/main/cli/main'
import { BACKUP_SETTING_KEYS, readBackupSettings } from '../../../../src/main/store/backups'
import { tempDir } from '../../../helpers/tempWorkspace'

/** Runs the CLI in this process, as a terminal would see it: stdout and stderr lines apart. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const ESC = '\u001b[31mRED'
// Any control character but a line end or a tab reaching the terminal.
const RAW_CONTROL = /[^\P{Cc}\n\t]/u

describe('CLI: hostile arguments', () => {
  it('an ESC sequence in a path, an option, a backup name or an imported id reaches stderr escaped; ordinary lines keep their line ends', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const cases: Array<[string[], RegExp]> = [
      [['import', path.join(dir, `x\r${ESC}.jsonl`), '--db', db], /x\\u000d\\u001b\[31mRED\.jsonl: no such file or folder/],
      [['import', `--${ESC}`], /Unknown option '--\\u001b\[31mRED'[\s\S]*\nUsage: spanwright import /],
      [['restore', '--db', db, '--from', `b${ESC}`], /b\\u001b\[31mRED: no such backup/],
      [['export', '--format', 'jsonl', '--out', path.join(dir, 'o.jsonl'), '--db', db, '--labels', `L${ESC}`], /L\\u001b\[31mRED/],
    ]
    // An id with control characters is refused by an import (h54), naming it: the message must not replay it.
    const twice = path.join(dir, 'twice.jsonl')
    fs.writeFileSync(twice, `${JSON.stringify({ id: `e${ESC}`, text: 'a' })}\n${JSON.stringify({ id: `e${ESC}`, text: 'b' })}\n`)
    cases.push([['import', twice, '--db', db], /e\\u001b\[31mRED/])
    for (const [args, expected] of cases) {
      const r = await run(args)
      expect(r.code, args.join(' ')).not.toBe(0)
      expect(r.err, args.join(' ')).toMatch(expected)
      expect(r.err, args.join(' ')).not.toMatch(RAW_CONTROL)
    }
  })

  it('team or review without a subcommand, with a misspelt one, or with a stray word says so (exit 2), not "needs --server"', async () => {
    const cases: Array<[string[], string]> = [
      [['team'], 'team takes a subcommand (none given)'],
      [['team', 'statsu', '--server', 'postgres://a@127.0.0.1:1/t'], 'no team subcommand "statsu"'],
      [['team', 'leave', 'extra'], 'team leave takes no argument, not 1 ("extra")'],
      [['team', 'add-annotator', '--server', 'postgres://a@127.0.0.1:1/t'], 'team add-annotator takes one argument, not 0 (none)'],
    ]
    for (const [args, expected] of cases) {
      const r = await run(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err).toContain(`spanwright team: ${expected}\nUsage: spanwright team init`)
      expect(r.err).not.toContain('needs --server')
    }
    // review's own subcommand check exited 1 (as a failure to read), unlike every other usage error.
    for (const args of [['review'], ['review', 'stats'], ['review', 'status', 'status']]) {
      const r = await run(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err).toMatch(/^spanwright review: review takes one subcommand, status \(got .*\)\nUsage: spanwright review status/)
    }
  })

  it('export to a format with offsets of its own warns that --offsets does not apply only when --offsets is given', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const doc = path.join(dir, 'd.txt')
    fs.writeFileSync(doc, 'Ada went to Paris.\n')
    expect((await run(['import', doc, '--db', db])).code).toBe(0)
    const plain = await run(['export', '--format', 'xmi', '--out', path.join(dir, 'a'), '--db', db])
    expect(plain.code).toBe(0)
    expect(plain.out).toContain('offsets in UTF-16 code units')
    expect(plain.err).not.toContain('does not apply')
    const given = await run(['export', '--format', 'xmi', '--out', path.join(dir, 'b'), '--db', db, '--offsets', 'codepoint'])
    expect(given.code).toBe(0)
    expect(given.err).toContain('--offsets codepoint does not apply')
  })

  it("a workspace another process holds the write lock on is named in the error, not SQLite's bare 'database is locked'", async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const doc = path.join(dir, 'd.txt')
    fs.writeFileSync(doc, 'Ada.\n')
    expect((await run(['import', doc, '--db', db])).code).toBe(0)
    // The CLI's own connection waits 5 s before SQLite gives up; a connection that does not wait meets the same error at once.
    const holder = new Database(db)
    holder.exec('BEGIN EXCLUSIVE')
    const writer = new Database(db, { timeout: 0 })
    let busy: unknown
    try {
      writer.exec("CREATE TABLE t(x)")
    } catch (e) {
      busy = e
    } finally {
      writer.close()
      holder.exec('ROLLBACK')
      holder.close()
    }
    expect((busy as Error).message).toBe('database is locked')
    const shown = plainMessage(busy, db)
    expect(shown).toContain(`${db}: another program holds this workspace's write lock`)
  })

  it('backup --every and --keep take the settings dialog bounds: a period setInterval would shorten to 1 ms is refused', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const doc = path.join(dir, 'd.txt')
    fs.writeFileSync(doc, 'Ada.\n')
    expect((await run(['import', doc, '--db', db])).code).toBe(0)
    for (const [option, value] of [['--every', '99999999999'], ['--every', '1441'], ['--keep', '501'], ['--keep', '0x10'], ['--keep', '1e2']]) {
      const r = await run(['backup', '--db', db, option, value])
      expect(r.code, `${option} ${value}`).toBe(1)
      expect(r.err).toContain(`${option} must be a whole number from 1 to`)
    }
    const ok = await run(['backup', '--db', db, '--every', '1440', '--keep', '500'])
    expect(ok.code).toBe(0)
    expect(ok.out).toContain('rolling backups: every 1440 minutes of activity, keeping the last 500')
    // A workspace an older CLI stored such a period in is read within the bound.
    const raw = new Database(db)
    raw.prepare("UPDATE settings SET value = '99999999999' WHERE key = ?").run(BACKUP_SETTING_KEYS.intervalMinutes)
    expect(readBackupSettings(raw).intervalMinutes).toBe(1440)
    raw.close()
  })
})
