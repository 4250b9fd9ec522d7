import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { migrate } from '../../../src/main/store/migrate'
import { migrations } from '../../../src/main/store/migrations'
import { openStore } from '../../../src/main/store/store'
import type { Store } from '../../../src/main/store/store'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { tempDir, tempStore } from '../../helpers/tempWorkspace'
import { teamDatabaseAtSchema } from './teamAtSchema'

const missing = postgresMissing()
const TEXT = 'Ada met Bob in Rome.'
const now = '2026-01-01T00:00:00Z'

function goldOf(store: Store, externalId: string): string[] {
  const doc = store.documents.byExternalId(externalId)!
  const gold = store.annotators.byName('gold')!
  const spans = store.spans.layer(doc.id, gold.id)
  const words = (id: number) => {
    const s = spans.find((x) => x.id === id)!
    return doc.text.slice(s.start, s.end)
  }
  const status = store.db.prepare('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?').pluck().get(doc.id, gold.id)
  return [
    ...spans.map((s) => `${s.label} ${doc.text.slice(s.start, s.end)}`),
    ...store.relations.layer(doc.id, gold.id).map((r) => `${r.label} ${words(r.headId)}>${words(r.tailId)}`),
    `status ${String(status)}`,
  ].sort()
}

describe.skipIf(missing)(`a workspace with unpushed gold edits from team schema 1/2 upgrades to gold items${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const stores: Store[] = []
  afterAll(() => {
    for (const s of stores) s.close()
    server?.destroy()
  })

  test('edits made on the layer version the server still holds are pushed after the upgrade (deletions too, whatever the positions); edits on an older version come back as conflicts, nothing overwritten', async () => {
    server = await startPostgres()
    await server.createDatabase('old')
    const admin = new pg.Client({ connectionString: server.url('old') })
    await admin.connect()
    await teamDatabaseAtSchema(admin, 2)
    const cells = (start: number, end: number) => ({ start, end, note: '', attributes: '{}', created_at: now, trigger_id: null })
    const layer = (bob: string) => ({
      spans: [
        { label: 'PERSON', cells: cells(0, 3) },
        { label: bob, cells: cells(8, 11) },
      ],
      relations: [{ label: 'PART_OF', head: 0, tail: 1, cells: { note: '', attributes: '{}', created_at: now } }],
      status: 'in_progress',
    })
    // d1: the server holds the version 1 the desktop's edits were made on. d2: someone else wrote version 2 since.
    for (const [doc, version, bob] of [
      ['d1', 1, 'PERSON'],
      ['d2', 2, 'ORG'],
    ] as const) {
      await admin.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ($1, $1, $2, 'h', nextval('team_seq'))", [doc, TEXT])
      await admin.query("INSERT INTO team_layers (document_id, annotator, content, spans, version, seq, updated_by) VALUES ($1, 'gold', $2, 2, $3, nextval('team_seq'), 'rita')", [
        doc,
        JSON.stringify(layer(bob)),
        version,
      ])
      for (let v = 1; v <= version; v++) await admin.query("INSERT INTO team_changes (change_id, document_id, annotator, version) VALUES ($1, $2, 'gold', $3)", [randomUUID(), doc, v])
    }
    const cursor = Number((await admin.query<{ s: string }>('SELECT last_value AS s FROM team_seq')).rows[0].s)
    await admin.end()

    // A desktop at migration 10 with unpushed gold edits on version 1 of both layers.
    // d1: Ada deleted (her relation with her), Bob relabelled NORP, Rome added, status done. d2: Bob relabelled NORP.
    const file = path.join(tempDir(), 'old.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 11))
    db.exec(`INSERT INTO annotators (id, name, kind, created_at) VALUES (1, 'gold', 'gold', '${now}');
             INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000'), (2, 'relation', 'PART_OF', '#000'), (3, 'entity', 'NORP', '#000'),
               (4, 'entity', 'GPE', '#000'), (5, 'entity', 'ORG', '#000');
             INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', '${TEXT}', 'h', '${now}'), (2, 'd2', 'd2', '${TEXT}', 'h', '${now}');
             INSERT INTO spans (id, document_id, annotator_id, label_id, start, "end", created_at) VALUES
               (2, 1, 1, 3, 8, 11, '${now}'), (3, 1, 1, 4, 15, 19, '${now}'), (4, 2, 1, 1, 0, 3, '${now}'), (5, 2, 1, 3, 8, 11, '${now}');
             INSERT INTO relations (document_id, annotator_id, label_id, head_id, tail_id, created_at) VALUES (2, 1, 2, 4, 5, '${now}');
             INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 1, 'done', '${now}'), (2, 1, 'in_progress', '${now}');
             INSERT INTO team_documents (document_id) VALUES (1), (2);
             INSERT INTO team_layers (document_id, annotator_id, version) VALUES (1, 1, 1), (2, 1, 1);
             DELETE FROM team_outbox;
             INSERT INTO team_outbox (document_id, annotator_id, change_id, changed_at) VALUES (1, 1, 'c1', '${now}'), (2, 1, 'c2', '${now}');
             INSERT INTO team_sync (key, value) VALUES ('cursor.documents', '${cursor}'), ('cursor.layers', '${cursor}');`)
    db.close()

    expect(await initTeam(server.url('old'))).toMatchObject({ from: 2 })
    const ritaUrl = await addAnnotator(server.url('old'), 'rita', { reviewer: true, admin: false })
    const remyUrl = await addAnnotator(server.url('old'), 'remy', { reviewer: true, admin: false })
    const old = openStore(file)
    stores.push(old)
    const r = await syncOnce(old, ritaUrl)
    expect(r.refused).toEqual([])
    // Only d2's differing items conflict.
    expect(r.conflicts.map((c) => c.documentId)).toEqual(r.conflicts.map(() => 'd2'))
    const kept = listConflicts(old)
    expect(kept.map((c) => `${c.externalId} ${c.mine.summary} / ${c.theirs?.summary}`)).toContain('d2 NORP "Bob" (8–11) / ORG "Bob" (8–11)')
    expect(r.pushed).toBeGreaterThanOrEqual(4)

    // d1 is now this desktop's edited layer everywhere; d2 stays the newer one the server had, on both desktops.
    expect(goldOf(old, 'd1')).toEqual(['GPE Rome', 'NORP Bob', 'status done'])
    expect(goldOf(old, 'd2')).toEqual(['ORG Bob', 'PART_OF Ada>Bob', 'PERSON Ada', 'status in_progress'])
    const { store: remy } = tempStore()
    stores.push(remy)
    expect(await syncOnce(remy, remyUrl)).toMatchObject({ refused: [], conflicts: [], skipped: [] })
    expect(goldOf(remy, 'd1')).toEqual(['GPE Rome', 'NORP Bob', 'status done'])
    expect(goldOf(remy, 'd2')).toEqual(['ORG Bob', 'PART_OF Ada>Bob', 'PERSON Ada', 'status in_progress'])
    // Settled once: the next sync moves nothing.
    expect(await syncOnce(old, ritaUrl)).toMatchObject({ pushed: 0, conflicts: [] })
    expect(old.db.prepare("SELECT COUNT(*) FROM team_sync WHERE key LIKE 'gold.v1-dirty.%'").pluck().get()).toBe(0)
  })
})
