import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { GoldItemStore } from '../../../../src/main/store/goldItemStore'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 18 (what an unanswered gold push sent)', () => {
  it('keeps the unanswered pushes a workspace had, with no content (recognised by their server record only), and new ones keep theirs', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 18))
    db.exec(`INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'Ada met Bob', 'h', '2026-01-01T00:00:00Z');
             INSERT INTO team_gold_sent (document_id, uid, change_id) VALUES (1, 'u1', 'c1');`)
    migrate(db, file)
    expect(db.prepare('SELECT uid, change_id, content FROM team_gold_sent').all()).toEqual([{ uid: 'u1', change_id: 'c1', content: null }])
    const gold = new GoldItemStore(db, true)
    const item = (uid: string, label: string) => ({ localDocumentId: 1, documentId: 'd1', uid, kind: 'span' as const, changeId: `${uid}-change`, baseVersion: 1, content: { label, trigger: null, cells: { start: 0, end: 3 } } })
    // A row from before knows no content: it never matches, so only its server record can say the write was its own.
    expect(gold.sentContent(item('u1', 'PERSON'), { label: 'PERSON', trigger: null, cells: { start: 0, end: 3 } })).toBe(false)
    gold.noteSent([item('u2', 'PERSON')])
    expect(gold.sentContent(item('u2', 'ORG'), { label: 'PERSON', trigger: null, cells: { start: 0, end: 3 } })).toBe(true)
    expect(gold.sentContent(item('u2', 'PERSON'), { label: 'ORG', trigger: null, cells: { start: 0, end: 3 } })).toBe(false)
    db.close()
  })
})
