import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/api/errors'
import { migrate } from '../../../../src/main/store/migrate'
import { LATEST_VERSION, migrations } from '../../../../src/main/store/migrations'
import { openDatabase } from '../../../../src/main/store/database'
import { APPLICATION_ID } from '../../../../src/main/store/workspaceProbe'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migrations', () => {
  it('bring an empty file to the latest version with the pragmas set', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['annotators', 'documents', 'document_status', 'label_types', 'relations', 'settings', 'spans']))
    db.close()
  })

  it('apply one version at a time, each in its own transaction', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    for (let v = 1; v <= migrations.length; v++) {
      const db = new Database(file)
      expect(migrate(db, file, migrations.slice(0, v))).toBe(migrations[v - 1].version)
      db.close()
    }
  })

  it('roll back a failing migration whole, leaving the version as it was', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file)
    const broken = [...migrations, { version: LATEST_VERSION + 1, name: 'broken', up: 'CREATE TABLE half (x); SELECT no_such_function();' }]
    expect(() => migrate(db, file, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0)
    db.close()
  })

  it('refuse a database from a newer version with a clear message and leave it untouched', () => {
    const file = path.join(tempDir(), 'future.spanwright')
    const raw = new Database(file)
    raw.exec('CREATE TABLE future_stuff (x)')
    raw.pragma(`application_id = ${APPLICATION_ID}`) // every workspace since version 7 is marked
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`)
    raw.close()
    const bytes = fs.readFileSync(file)
    let err: unknown
    try {
      openDatabase(file)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as Error).message).toMatch(/newer version of Spanwright/)
    expect((err as Error).message).toContain(file)
    const check = new Database(file)
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5)
    expect(check.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'").pluck().get()).toBe(0)
    check.close()
    // Refused before anything was written: not even the switch to WAL ("the file was not changed" is true).
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    expect(fs.readdirSync(path.dirname(file))).toEqual(['future.spanwright'])
  })
})
