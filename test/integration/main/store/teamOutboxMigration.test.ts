import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { TeamStore } from '../../../../src/main/store/teamStore'
import { tempDir } from '../../../helpers/tempWorkspace'

const now = '2026-01-01T00:00:00Z'
const outbox = (db: Database.Database) =>
  db.prepare('SELECT document_id AS d, annotator_id AS a, change_id AS c FROM team_outbox ORDER BY d, a').all() as { d: number; a: number; c: string }[]

/** A version-8 workspace with two layers (one with spans, one with only a status). */
function before9(): Database.Database {
  const file = path.join(tempDir(), 'w.spanwright')
  const db = new Database(file)
  migrate(db, file, migrations.filter((m) => m.version < 9))
  db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', '${now}'), (2, 'bob', '${now}');
           INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000');
           INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'Ada met Bob', 'h', '${now}');
           INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 0, 3, '${now}');
           INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 2, 'done', '${now}');`)
  return db
}

describe('migration 9 (team outbox)', () => {
  it('marks the layers a workspace already holds, so its first sync pushes them', () => {
    const db = before9()
    migrate(db, 'w')
    const rows = outbox(db)
    expect(rows.map((r) => [r.d, r.a])).toEqual([
      [1, 1],
      [1, 2],
    ])
    for (const r of rows) expect(r.c).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(rows.map((r) => r.c)).size).toBe(2)
  })

  it('gives a layer a fresh change id on every write (insert, update, delete, status; under INSERT OR IGNORE too)', () => {
    const db = before9()
    migrate(db, 'w')
    const seen = new Set(outbox(db).map((r) => r.c))
    const idOfAlice = () => outbox(db).find((r) => r.a === 1)!.c
    const writes = [
      `INSERT OR IGNORE INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 8, 11, '${now}')`,
      "UPDATE spans SET note = 'x' WHERE start = 8",
      'DELETE FROM spans WHERE start = 8',
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 1, 'done', '${now}')`,
    ]
    for (const w of writes) {
      db.exec(w)
      expect(seen.has(idOfAlice()), w).toBe(false)
      seen.add(idOfAlice())
      expect(outbox(db)).toHaveLength(2)
    }
  })

  it('clears a pushed layer only for the change id that was pushed: a write made meanwhile stays pending', () => {
    const db = before9()
    migrate(db, 'w')
    const team = new TeamStore(db)
    const [alice] = team.pending()
    expect(alice).toMatchObject({ documentId: 'd1', annotator: 'alice', baseVersion: null })
    expect(alice.content.spans).toEqual([{ label: 'PERSON', cells: expect.objectContaining({ start: 0, end: 3 }) }])
    db.exec(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 8, 11, '${now}')`)
    team.markPushed(alice, 1)
    expect(team.pending().map((p) => p.annotator).sort()).toEqual(['alice', 'bob'])
    expect(team.pending().find((p) => p.annotator === 'alice')!.baseVersion).toBe(1)
  })
})
