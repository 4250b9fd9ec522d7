// --db on a file that is not a Spanwright workspace is refused with a plain message and
// left byte-identical (no tables, no WAL switch, nothing beside it). Workspaces carry
// PRAGMA application_id 'SPWN', set on creation and by migration 7 on older ones.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/store/migrate'
import { LATEST_VERSION, migrations } from '../../src/main/store/migrations'
import { openStore } from '../../src/main/store/store'
import { APPLICATION_ID, probeWorkspace } from '../../src/main/store/workspaceProbe'
import { cli, folderState } from '../helpers/cliRun'
import { REPO_ROOT, tempDir } from '../helpers/tempWorkspace'

const SAMPLES = path.join(REPO_ROOT, 'resources', 'samples')

/** A Firefox-like places.sqlite: its own tables, its own schema version, WAL mode, closed cleanly. */
function placesSqlite(dir: string, journal: 'wal' | 'delete'): string {
  const file = path.join(dir, 'places.sqlite')
  const db = new Database(file)
  db.pragma(`journal_mode = ${journal}`)
  db.exec(`CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT);
           CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, fk INTEGER, title TEXT);
           CREATE TABLE moz_origins (id INTEGER PRIMARY KEY, host TEXT);
           INSERT INTO moz_places (url, title) VALUES ('https://example.org/', 'Example');`)
  db.pragma('user_version = 77')
  db.close()
  return file
}

function openError(file: string): Error {
  try {
    openStore(file).close()
  } catch (e) {
    return e as Error
  }
  throw new Error(`${file} was opened as a workspace`)
}

describe('a file that is not a Spanwright workspace', () => {
  for (const journal of ['wal', 'delete'] as const) {
    it(`someone's places.sqlite (${journal} mode) is refused by import, export and the store, and stays byte-identical`, () => {
      const dir = tempDir()
      const file = placesSqlite(dir, journal)
      const before = folderState(dir)
      const imp = cli(['import', SAMPLES, '--db', file])
      expect(imp.code).toBe(1)
      expect(imp.err).toContain(`${file} is not a Spanwright workspace: it is another program's SQLite database (tables: moz_bookmarks, moz_origins, moz_places)`)
      expect(imp.err).toContain('Spanwright did not change it')
      const exp = cli(['export', '--db', file, '--format', 'jsonl', '--out', path.join(tempDir(), 'o.jsonl')])
      expect(exp.code).toBe(1)
      expect(exp.err).toContain('is not a Spanwright workspace')
      expect(openError(file).message).toContain('is not a Spanwright workspace')
      expect(folderState(dir)).toEqual(before)
      const check = new Database(file, { readonly: true })
      expect(check.pragma('journal_mode', { simple: true })).toBe(journal)
      expect(check.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'").pluck().get()).toBe(0)
      check.close()
    })
  }

  it("another application's marked database (a GeoPackage id) is refused, named by its application id", () => {
    const dir = tempDir()
    const file = path.join(dir, 'map.gpkg')
    const db = new Database(file)
    db.pragma(`application_id = ${0x47504b47}`)
    db.close()
    const before = folderState(dir)
    expect(openError(file).message).toContain("another program's SQLite database (application id 0x47504b47)")
    expect(folderState(dir)).toEqual(before)
  })

  it('a text file passed as --db is refused and left where it is (not moved aside as "damaged")', () => {
    const dir = tempDir()
    const file = path.join(dir, 'notes.txt')
    fs.writeFileSync(file, 'my notes, not a database\n'.repeat(50))
    const before = folderState(dir)
    const r = cli(['import', SAMPLES, '--db', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file} is not a Spanwright workspace: it is not an SQLite database at all`)
    expect(folderState(dir)).toEqual(before)
  })

  it('a folder passed as --db is refused plainly', () => {
    const dir = tempDir()
    expect(openError(dir).message).toContain(`${dir} is not a Spanwright workspace: it is a folder`)
  })
})

describe('recognising a workspace by its application id', () => {
  it('a new workspace, and an empty 0-byte file, become workspaces marked SPWN', () => {
    const dir = tempDir()
    const fresh = path.join(dir, 'new.spanwright')
    const empty = path.join(dir, 'empty.db')
    fs.writeFileSync(empty, '')
    for (const file of [fresh, empty]) {
      expect(probeWorkspace(file)).toEqual({ kind: 'new' })
      const s = openStore(file)
      expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
      expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
      s.close()
      expect(probeWorkspace(file)).toEqual({ kind: 'workspace', version: LATEST_VERSION, marked: true })
    }
  })

  it('migration 7 marks an older, unmarked workspace and keeps its data; a backup is taken first', () => {
    const dir = tempDir()
    const file = path.join(dir, 'old.spanwright')
    const raw = new Database(file)
    migrate(raw, file, migrations.filter((m) => m.version < 7))
    raw.exec("INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES ('d1', 't', 'Text.', 'h', '{}', '2026-01-01')")
    raw.close()
    expect(probeWorkspace(file)).toEqual({ kind: 'workspace', version: 6, marked: false })
    const s = openStore(file)
    expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(s.db.prepare('SELECT external_id FROM documents').pluck().all()).toEqual(['d1'])
    s.close()
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.endsWith('-before-migration.spanwright'))).toBe(true)
  })

  it('a workspace from a newer Spanwright (WAL, closed) is refused by writers and readers before anything changes', () => {
    const dir = tempDir()
    const file = path.join(dir, 'future.spanwright')
    const s = openStore(file)
    s.close()
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`)
    raw.close()
    const before = folderState(dir)
    expect(before[path.basename(file)]).toBeDefined()
    const w = cli(['import', SAMPLES, '--db', file])
    expect(w.code).toBe(1)
    expect(w.err).toContain(`schema version ${LATEST_VERSION + 1}; this version knows up to ${LATEST_VERSION}). Update Spanwright to open it; the file was not changed.`)
    const r = cli(['export', '--db', file, '--format', 'jsonl', '--out', path.join(tempDir(), 'o.jsonl')])
    expect(r.code).toBe(1)
    expect(r.err).toContain('written by a newer version of Spanwright')
    expect(folderState(dir)).toEqual(before)
  })
})
