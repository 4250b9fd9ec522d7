import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { AssignmentStore } from '../../../../src/main/store/assignmentStore'
import { tempDir } from '../../../helpers/tempWorkspace'

const now = '2026-01-01T00:00:00Z'

describe('migration 10 (team assignments)', () => {
  it('adds the table to a version-9 workspace, keyed annotator first, and assignments go with their document or annotator', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 10))
    db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', '${now}');
             INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'Ada met Bob', 'h', '${now}'), (2, 'd2', 'd2', 'Bob met Ada', 'h2', '${now}');`)
    migrate(db, file)
    const a = new AssignmentStore(db)
    // Pulled rows by name: an annotator this desktop has not seen yet is added.
    expect(a.apply([
      { documentId: 'd1', annotator: 'alice', assigned: true, seq: 3 },
      { documentId: 'd2', annotator: 'alice', assigned: true, seq: 4 },
      { documentId: 'd2', annotator: 'bob', assigned: true, seq: 5 },
      { documentId: 'd2', annotator: 'bob', assigned: true, seq: 6 },
    ], 6)).toBe(3)
    expect(a.cursor()).toBe(6)
    expect([a.countAssignedTo('alice'), a.countAssignedTo('bob')]).toEqual([2, 1])
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM team_assignments WHERE annotator_id = 1 AND document_id = 2").all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY/)
    // A withdrawal; a document or annotator deleted takes its assignments along.
    expect(a.apply([{ documentId: 'd1', annotator: 'alice', assigned: false, seq: 7 }], 7)).toBe(1)
    db.exec("DELETE FROM documents WHERE id = 2")
    expect(db.prepare('SELECT COUNT(*) AS n FROM team_assignments').get()).toEqual({ n: 0 })
    // A batch naming a document this desktop lacks changes nothing, cursor included.
    expect(a.missingDocuments([{ documentId: 'zz', annotator: 'alice', assigned: true, seq: 8 }])).toEqual(['zz'])
    expect(() => a.apply([{ documentId: 'd1', annotator: 'alice', assigned: true, seq: 8 }, { documentId: 'zz', annotator: 'alice', assigned: true, seq: 9 }], 9)).toThrow(/zz/)
    expect([a.cursor(), a.countAssignedTo('alice')]).toEqual([7, 0])
  })
})
