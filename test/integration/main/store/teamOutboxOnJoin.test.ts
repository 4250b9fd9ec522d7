import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { joinTeam } from '../../../../src/main/store/teamMembership'
import { leaveTeam } from '../../../../src/main/store/teamLeave'
import { OUTBOX_TRIGGER_NAMES } from '../../../../src/main/store/teamOutboxTriggers'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

const TEXT = 'The United Nations met in Geneva on Monday.'
const triggerSql = (db: Database.Database) =>
  Object.fromEntries(
    (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'team%outbox%'").all() as { name: string; sql: string }[]).map((t) => [
      t.name,
      t.sql.replace(/\s+/g, ' ').trim(),
    ]),
  )
const outboxCount = (db: Database.Database) => db.prepare('SELECT (SELECT COUNT(*) FROM team_outbox) + (SELECT COUNT(*) FROM team_gold_outbox)').pluck().get() as number

/** A workspace at schema version `version`, with a document, an annotator and a label, and with a span written at version 13 when `layer`. */
function workspaceAt(version: number, layer: boolean): Database.Database {
  const file = path.join(tempDir(), 'w.spanwright')
  const db = new Database(file)
  migrate(db, file, migrations.filter((m) => m.version <= 13))
  db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', 'x');
           INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000');
           INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', '${TEXT}', 'h', 'x');`)
  if (layer) db.exec(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 0, 3, 'x')`)
  // Migration 14 counts a workspace holding layers (marked by migration 9) as in a team.
  migrate(db, file, migrations.filter((m) => m.version <= version))
  return db
}
const addSpan = (db: Database.Database, start: number) =>
  db.prepare(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, ?, ?, 'x')`).run(start, start + 3)

describe('team outbox triggers only in a team (migration 16)', () => {
  it('a workspace outside a team has none of them; joining creates migration 14\'s triggers without the membership guard; leaving drops them, and writes then mark nothing', () => {
    // Migration 14's triggers, as a member workspace at version 14 has them.
    const v14 = workspaceAt(14, true)
    const guarded = triggerSql(v14)
    v14.close()
    expect(Object.keys(guarded).sort()).toEqual([...OUTBOX_TRIGGER_NAMES].sort())
    expect(OUTBOX_TRIGGER_NAMES).toHaveLength(23)

    const { store } = tempStore()
    const db = store.db
    expect(triggerSql(db)).toEqual({})
    const doc = store.documents.insert({ externalId: 'd1', title: 'd1', text: TEXT, meta: {} })
    const alice = store.annotators.ensure('alice').id
    const label = store.labels.list().find((l) => l.kind === 'entity')!.id
    store.spans.insert({ documentId: doc, annotatorId: alice, labelId: label, start: 0, end: 3 })
    expect(outboxCount(db)).toBe(0)

    expect(joinTeam(db)).toBe(true)
    const created = triggerSql(db)
    expect(Object.keys(created).sort()).toEqual(Object.keys(guarded).sort())
    for (const name of OUTBOX_TRIGGER_NAMES) {
      expect(created[name], name).not.toContain('team_membership')
      // The same trigger, its membership condition left out (presence now means membership).
      expect(created[name], name).toBe(guarded[name].replace(/EXISTS \(SELECT 1 FROM team_membership\)( AND )?/, '').replace(/\s+/g, ' ').replace(' WHEN BEGIN', ' BEGIN'))
    }
    expect(outboxCount(db)).toBe(1) // the join's seeding: alice's layer
    db.exec('DELETE FROM team_outbox')
    store.spans.insert({ documentId: doc, annotatorId: alice, labelId: label, start: 4, end: 12 })
    expect(outboxCount(db)).toBe(1) // marked by the trigger

    leaveTeam(db)
    expect(triggerSql(db)).toEqual({})
    db.exec('DELETE FROM team_outbox')
    store.spans.insert({ documentId: doc, annotatorId: alice, labelId: label, start: 13, end: 19 })
    expect(outboxCount(db)).toBe(0)
    store.close()
  })

  it('an upgraded member keeps marking every write; an upgraded non-member has no outbox trigger', () => {
    const member = workspaceAt(14, true)
    expect(Object.keys(triggerSql(member))).toHaveLength(23)
    migrate(member, 'member')
    expect(Object.keys(triggerSql(member)).sort()).toEqual([...OUTBOX_TRIGGER_NAMES].sort())
    member.exec('DELETE FROM team_outbox')
    addSpan(member, 4)
    expect(outboxCount(member)).toBe(1)
    member.close()

    const outside = workspaceAt(14, false)
    migrate(outside, 'outside')
    expect(triggerSql(outside)).toEqual({})
    addSpan(outside, 4)
    expect(outboxCount(outside)).toBe(0)
    outside.close()
  })

  it('an import into a member workspace marks each layer it writes (plain spans written several a statement) and gives gold spans their uids', async () => {
    const { store, dir } = tempStore()
    joinTeam(store.db)
    const file = path.join(dir, 'in.jsonl')
    const spans = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `T${i}`, start: i * 2, end: i * 2 + 1, label: 'PERSON' }))
    const text = 'x '.repeat(40)
    fs.writeFileSync(
      file,
      [
        { id: 'a', text, annotator: 'alice', spans: spans(19) },
        { id: 'b', text, annotator: 'bob', spans: spans(3) },
        { id: 'a', text, annotator: 'gold', spans: spans(5) },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    )
    const r = await importFiles(store, [file], { annotator: null, backup: false })
    expect(r.spansAdded).toBe(27)
    const layers = store.db.prepare("SELECT d.external_id || '/' || a.name FROM team_outbox o JOIN documents d ON d.id = o.document_id JOIN annotators a ON a.id = o.annotator_id ORDER BY 1").pluck().all()
    expect(layers).toEqual(['a/alice', 'b/bob'])
    const gold = store.db.prepare("SELECT s.uid FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'gold'").pluck().all() as (string | null)[]
    expect(gold).toHaveLength(5)
    expect(new Set(gold).size).toBe(5)
    expect(store.db.prepare("SELECT COUNT(*) FROM team_gold_outbox WHERE kind = 'span'").pluck().get()).toBe(5)
    store.close()
  })
})
