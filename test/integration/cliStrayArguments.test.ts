import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CliIo } from '../../src/main/cli/command'
import { main } from '../../src/main/cli/main'
import { openStore } from '../../src/main/store/store'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) }
}

afterEach(() => vi.unstubAllEnvs())

describe('the CLI as a stranger types it', () => {
  it('refuses a stray argument (a workspace named without --db) instead of working on the app\'s own workspace', async () => {
    const home = tempDir()
    vi.stubEnv('SPANWRIGHT_HOME', home)
    const { store, file, dir } = tempStore()
    store.close()
    const before = fs.readFileSync(file)
    const homeBefore = fs.readdirSync(home)
    for (const argv of [['restore', file], ['backup', file], ['check', file], ['agreement', file], ['suggest', '--annotator', 'a', file], ['export', file, '--format', 'jsonl', '--out', path.join(dir, 'o.jsonl')]]) {
      const io = captureIo()
      expect(await main(argv, io), argv.join(' ')).toBe(2)
      const [first, usage] = io.errors.join('\n').split('\n')
      expect(first).toBe(`spanwright ${argv[0]}: unexpected argument ${JSON.stringify(file)}; ${argv[0]} takes only options (to name the workspace: --db ${JSON.stringify(file)})`)
      expect(usage).toMatch(new RegExp(`^Usage: spanwright ${argv[0]} `))
    }
    // Nothing was created, backed up, restored or exported anywhere.
    expect(fs.readdirSync(home)).toEqual(homeBefore)
    expect(fs.existsSync(path.join(home, 'workspace.spanwright'))).toBe(false)
    expect(fs.readdirSync(dir).sort()).toEqual(['test.spanwright'])
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('check and backup say an empty file holds no workspace, and backup names a damaged one', async () => {
    const dir = tempDir()
    const empty = path.join(dir, 'empty.spanwright')
    const text = path.join(dir, 'notes.spanwright')
    fs.writeFileSync(empty, '')
    fs.writeFileSync(text, 'hi\n')
    const run = async (argv: string[]) => {
      const io = captureIo()
      const code = await main(argv, io)
      return { code, out: [...io.lines, ...io.errors].join('\n') }
    }
    expect(await run(['check', '--db', empty])).toEqual({ code: 1, out: `spanwright check: ${empty}: no workspace there (the file is empty)` })
    expect(await run(['backup', '--db', empty])).toEqual({ code: 1, out: `spanwright backup: ${empty}: no workspace there (the file is empty), so there is nothing to back up` })
    const damaged = await run(['backup', '--db', text])
    expect(damaged.code).toBe(1)
    expect(damaged.out).toContain(`${text}: the workspace file is damaged (`)
    expect(damaged.out).toContain('no backup was made')
    // Another program's database: refused as every other command refuses it (check called it sound, backup copied it).
    const places = path.join(dir, 'places.sqlite')
    const db = new Database(places)
    db.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)')
    db.close()
    const placesBefore = fs.readFileSync(places)
    for (const cmd of ['check', 'backup']) {
      const r = await run([cmd, '--db', places])
      expect(r.code, cmd).toBe(1)
      expect(r.out).toContain(`spanwright ${cmd}: ${places} is not a Spanwright workspace: it is another program's SQLite database (tables: moz_places)`)
    }
    expect(fs.readFileSync(places).equals(placesBefore)).toBe(true)
    expect(fs.readdirSync(dir).sort()).toEqual(['empty.spanwright', 'notes.spanwright', 'places.sqlite'])
    expect(fs.readFileSync(empty).length).toBe(0)
  })

  it('refuses an option given twice with different values, which parseArgs would quietly take the last of', async () => {
    const { store, file, dir } = tempStore()
    store.close()
    const out = path.join(dir, 'o.jsonl')
    const io = captureIo()
    expect(await main(['export', '--db', file, '--format', 'jsonl', '--out', out, '--labels', 'PERSON', '--labels', 'GPE'], io)).toBe(2)
    expect(io.errors[0].split('\n')[0]).toBe('spanwright export: --labels is given twice ("PERSON", then "GPE") and takes one value; give it once')
    expect(fs.existsSync(out)).toBe(false)
    // The same value twice, a repeated flag, and an option meant to repeat are fine.
    const again = captureIo()
    expect(await main(['export', '--db', file, '--format', 'jsonl', '--format', 'jsonl', '--out', out], again), again.errors.join('\n')).toBe(0)
    expect(fs.existsSync(out)).toBe(true)
    expect(await main(['agreement', '--db', file, '--json', '--json'], captureIo())).toBe(0)
  })

  it('checks import --annotator as the import dialog and a file\'s own annotator are checked', async () => {
    const { store, file, dir } = tempStore()
    store.close()
    const input = path.join(dir, 'a.jsonl')
    fs.writeFileSync(input, '{"id":"a","text":"Kerry met Michel.","spans":[{"start":0,"end":5,"label":"PERSON"}]}\n')
    const before = fs.readFileSync(file)
    for (const [name, why] of [
      ['al ice', 'an annotator name cannot contain whitespace, slashes or control characters'],
      ['x'.repeat(81), 'an annotator name is at most 80 characters'],
    ]) {
      const io = captureIo()
      expect(await main(['import', input, '--db', file, '--annotator', name], io), name).toBe(1)
      expect(io.errors).toEqual([`spanwright import: --annotator ${JSON.stringify(name)}: ${why}`])
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    const ok = captureIo()
    expect(await main(['import', input, '--db', file, '--annotator', ' alice '], ok), ok.errors.join('\n')).toBe(0)
    const reopened = openStore(file)
    expect(reopened.annotators.byName('alice')).toBeTruthy()
    reopened.close()
  })

  it('refuses an empty option value (an unset shell variable) instead of reading it as the option left out', async () => {
    const { store, file } = tempStore()
    await store.backup('manual')
    store.close()
    const before = fs.readFileSync(file)
    for (const argv of [['restore', '--db', file, '--from', ''], ['restore', '--db', '', '--list'], ['agreement', '--db', file, '--annotators', ' '], ['import', file, '--db', file, '--annotator', '']]) {
      const io = captureIo()
      expect(await main(argv, io), argv.join(' ')).toBe(2)
      const name = argv[argv.findIndex((a) => !a.trim()) - 1]
      expect(io.errors[0].split('\n')[0]).toBe(`spanwright ${argv[0]}: ${name} is given an empty value; give one, or leave the option out`)
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('reads words after -- as arguments, even --help', async () => {
    const { store, file } = tempStore()
    store.close()
    // Read as a file to import (none by that name here), not as a request for help.
    const io = captureIo()
    expect(await main(['import', '--db', file, '--', '--help'], io)).toBe(1)
    expect(io.lines).toEqual([])
    expect(io.errors).toEqual(['spanwright import: --help: no such file or folder'])
    const help = captureIo()
    expect(await main(['import', '--help', '--', 'x.txt'], help)).toBe(0)
    expect(help.lines[0]).toMatch(/^Usage: spanwright import /)
  })
})
