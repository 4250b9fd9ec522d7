import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { tempDir } from '../../../helpers/tempWorkspace'

const keys = (db: Database.Database) => db.prepare('SELECT item_key FROM review_rejections ORDER BY id').pluck().all()
const reject = (db: Database.Database, spanId: number | null, relationId: number | null = null) =>
  db.prepare("INSERT INTO review_rejections (document_id, span_id, relation_id, rejected_by, rejected_at) VALUES (1, ?, ?, 'rita', 'x')").run(spanId, relationId)

describe('migration 17: a rejection names which of identical items it is', () => {
  it('keys made before stay; new ones end in #n for the (n+1)-th of identical spans or relations, and nothing for the first; migration 15 adds team_rejoin', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version <= 16))
    db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'carol', 'x');
             INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'ORG', '#000'), (2, 'relation', 'PART_OF', '#000');
             INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'The United Nations met in Geneva.', 'h', 'x');
             INSERT INTO spans (id, document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 1, 4, 18, 'x'), (2, 1, 1, 1, 4, 18, 'x'), (3, 1, 1, 1, 26, 32, 'x');`)
    // Before: both identical spans had one key.
    reject(db, 2)
    expect(keys(db)).toEqual(['carol|span|4-18:ORG'])
    migrate(db, file, migrations)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'team_rejoin'").pluck().get()).toBe('team_rejoin')
    expect(keys(db)).toEqual(['carol|span|4-18:ORG'])
    db.exec(`DELETE FROM review_rejections;
             INSERT INTO spans (id, document_id, annotator_id, label_id, start, "end", created_at) VALUES (4, 1, 1, 1, 4, 18, 'x');
             INSERT INTO relations (id, document_id, annotator_id, label_id, head_id, tail_id, created_at) VALUES (1, 1, 1, 2, 1, 3, 'x'), (2, 1, 1, 2, 1, 3, 'x'), (3, 1, 1, 2, 2, 3, 'x');`)
    for (const id of [4, 1, 2, 3]) reject(db, id)
    for (const id of [2, 1, 3]) reject(db, null, id)
    expect(keys(db)).toEqual([
      'carol|span|4-18:ORG#2',
      'carol|span|4-18:ORG',
      'carol|span|4-18:ORG#1',
      'carol|span|26-32:ORG',
      'carol|relation|4-18:ORG>26-32:ORG=PART_OF#1',
      'carol|relation|4-18:ORG>26-32:ORG=PART_OF',
      // Its head is span 2, identical to span 1: the relation is identical to the other two by what it names.
      'carol|relation|4-18:ORG>26-32:ORG=PART_OF#2',
    ])
    db.close()
  })
})
