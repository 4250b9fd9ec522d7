import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { openStore } from '../../../../src/main/store/store'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 6: spans.trigger_id (brat events sharing a trigger)', () => {
  it('keeps existing trigger spans as their own events, and an event naming a trigger goes with it', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const v6 = migrations.findIndex((m) => m.name === 'event-triggers')
    expect(v6).toBeGreaterThan(0)
    const db = new Database(file)
    migrate(db, file, migrations.slice(0, v6))
    const now = new Date().toISOString()
    db.prepare("INSERT INTO annotators (name, created_at) VALUES ('a', ?)").run(now)
    db.prepare("INSERT INTO label_types (kind, name, color) VALUES ('entity', 'Binding', '#112233')").run()
    db.prepare("INSERT INTO documents (external_id, title, text, text_hash, created_at) VALUES ('d', 'd', 'binding of p50', 'h', ?)").run(now)
    db.prepare("INSERT INTO spans (document_id, annotator_id, label_id, start, end, kind, created_at) VALUES (1, 1, 1, 0, 7, 'trigger', ?)").run(now)
    db.close()

    const store = openStore(file)
    const [trigger] = store.spans.layer(1, 1)
    expect(trigger).toMatchObject({ kind: 'trigger', start: 0, end: 7 })
    expect(trigger.triggerId).toBeUndefined()
    const event = store.spans.insert({ documentId: 1, annotatorId: 1, labelId: 1, start: 0, end: 7, kind: 'trigger', triggerId: trigger.id })
    expect(store.spans.byId(event)!.triggerId).toBe(trigger.id)
    expect(store.spans.layersOf([1]).find((s) => s.id === event)!.triggerId).toBe(trigger.id)
    store.spans.delete(trigger.id)
    expect(store.spans.byId(event)).toBeNull()
    store.close()
  })
})
