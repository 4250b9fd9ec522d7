import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { deleteSpan } from '../../../../src/main/services/annotate/annotationService'
import { markReviewDone } from '../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../src/main/services/review/reviewService'
import { migrate } from '../../../../src/main/store/migrate'
import { LATEST_VERSION, migrations } from '../../../../src/main/store/migrations'
import { openStore } from '../../../../src/main/store/store'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 20 (a reopened review keeps its last finish; layers and event triggers kept)', () => {
  it('brings a copy kept by migration 19 to the new shape without counting a change, and keeps it when the review is reopened', () => {
    // A workspace as version 19 left it: alice (Kerry, and an event on a trigger of its own), bob (Kerry), carl's empty
    // layer (marked done with no span), and the review marked done there (migration 19's triggers keep the copy).
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.slice(0, migrations.findIndex((m) => m.version === 19) + 1))
    const now = '2026-12-07T00:00:00Z'
    db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', '${now}'), (2, 'bob', '${now}'), (3, 'carl', '${now}');
      INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#112233');
      INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'One', 'Kerry met Michel in Brussels.', 'h', '${now}');
      INSERT INTO spans (id, document_id, annotator_id, label_id, start, end, kind, trigger_id, created_at) VALUES
        (1, 1, 1, 1, 0, 5, 'entity', NULL, '${now}'), (2, 1, 1, 1, 10, 16, 'trigger', NULL, '${now}'),
        (3, 1, 1, 1, 10, 16, 'trigger', 2, '${now}'), (4, 1, 2, 1, 0, 5, 'entity', NULL, '${now}');
      INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 1, 'done', '${now}'), (1, 2, 'done', '${now}'), (1, 3, 'done', '${now}');
      INSERT INTO review_status (document_id, status, updated_by, updated_at) VALUES (1, 'adjudicated', 'rita', '${now}');`)
    expect(db.prepare('SELECT kind, COUNT(*) AS n FROM review_done_items GROUP BY kind ORDER BY kind').all()).toEqual([{ kind: 's', n: 4 }])
    db.close()
    const documentId = 1
    const kerry = 1

    const after = openStore(file)
    expect(after.formatVersion()).toBe(LATEST_VERSION)
    // Each layer with a status is kept (alice, bob and carl's empty one), and the event's content now names its trigger.
    expect(after.db.prepare('SELECT kind, COUNT(*) AS n FROM review_done_items GROUP BY kind ORDER BY kind').all()).toEqual([
      { kind: 'l', n: 3 },
      { kind: 's', n: 4 },
    ])
    expect(after.db.prepare("SELECT COUNT(*) FROM review_done_items WHERE kind = 's' AND json_array_length(content) = 10").pluck().get()).toBe(1)
    // Nothing changed since the finish, so nothing counts.
    expect(reviewData(after, { documentId })).toMatchObject({ status: 'adjudicated', changedSinceDone: 0 })
    // Reopened, the copy stays; alice's deletion after that is listed as a change since the last finish.
    markReviewDone(after, { documentId, reviewer: 'rita', done: false })
    expect(after.db.prepare('SELECT taken FROM review_done_layers').pluck().all()).toEqual(['done'])
    expect(reviewData(after, { documentId }).sinceLastFinish).toBeUndefined()
    deleteSpan(after, kerry)
    expect(reviewData(after, { documentId })).toMatchObject({ status: 'in_review', changedSinceDone: 0, sinceLastFinish: { changed: 1 } })
    // Its status row removed (a team pull can), the review forgets its last finish.
    after.db.prepare('DELETE FROM review_status WHERE document_id = ?').run(documentId)
    expect(after.db.prepare('SELECT COUNT(*) FROM review_done_items').pluck().get()).toBe(0)
    after.close()
  })
})
