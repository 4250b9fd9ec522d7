import Database from 'better-sqlite3'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
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

function goldOf(store: Store): string[] {
  const doc = store.documents.byExternalId('d1')!
  const gold = store.annotators.byName('gold')!
  const spans = store.spans.layer(doc.id, gold.id)
  const text = (id: number) => spans.find((s) => s.id === id)!
  const words = (s: { start: number; end: number }) => doc.text.slice(s.start, s.end)
  return [
    ...spans.map((s) => `${s.label} ${words(s)}`),
    ...store.relations.layer(doc.id, gold.id).map((r) => `${r.label} ${words(text(r.headId))}>${words(text(r.tailId))}`),
  ].sort()
}

describe.skipIf(missing)(`a team that synced gold as whole layers upgrades to gold items${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const stores: Store[] = []
  afterAll(() => {
    for (const s of stores) s.close()
    server?.destroy()
  })

  test('server and desktop name the old layer’s items alike: nothing pushed again, nothing duplicated, and the items take compare-and-set writes', async () => {
    server = await startPostgres()
    await server.createDatabase('old')
    // The team database at schema 2, holding a gold layer as sync wrote it then (spans in offset order, relations by index).
    const admin = new pg.Client({ connectionString: server.url('old') })
    await admin.connect()
    await teamDatabaseAtSchema(admin, 2)
    await admin.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ('d1', 'd1', $1, 'h', nextval('team_seq'))", [TEXT])
    const cells = (start: number, end: number) => ({ start, end, note: '', attributes: '{}', created_at: now, trigger_id: null })
    const content = {
      spans: [
        { label: 'PERSON', cells: cells(0, 3) },
        { label: 'PERSON', cells: cells(8, 11) },
      ],
      relations: [{ label: 'PART_OF', head: 0, tail: 1, cells: { note: '', attributes: '{}', created_at: now } }],
      status: 'in_progress',
    }
    await admin.query(
      "INSERT INTO team_layers (document_id, annotator, content, spans, version, seq, updated_by) VALUES ('d1', 'gold', $1, 2, 1, nextval('team_seq'), 'rita')",
      [JSON.stringify(content)],
    )
    const cursor = Number((await admin.query<{ s: string }>('SELECT last_value AS s FROM team_seq')).rows[0].s)
    await admin.end()

    // A desktop at migration 10 that had pulled that layer: rows in the layer's order, clean, cursors past it.
    const file = path.join(tempDir(), 'old.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 11))
    db.exec(`INSERT INTO annotators (id, name, kind, created_at) VALUES (1, 'gold', 'gold', '${now}');
             INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000'), (2, 'relation', 'PART_OF', '#000'), (3, 'entity', 'NORP', '#000');
             INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', '${TEXT}', 'h', '${now}');
             INSERT INTO spans (id, document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 1, 0, 3, '${now}'), (2, 1, 1, 1, 8, 11, '${now}');
             INSERT INTO relations (document_id, annotator_id, label_id, head_id, tail_id, created_at) VALUES (1, 1, 2, 1, 2, '${now}');
             INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 1, 'in_progress', '${now}');
             INSERT INTO team_documents (document_id) VALUES (1);
             INSERT INTO team_layers (document_id, annotator_id, version) VALUES (1, 1, 1);
             DELETE FROM team_outbox;
             INSERT INTO team_sync (key, value) VALUES ('cursor.documents', '${cursor}'), ('cursor.layers', '${cursor}');`)
    db.close()
    const old = openStore(file)
    stores.push(old)

    expect(await initTeam(server.url('old'))).toMatchObject({ from: 2 })
    const ritaUrl = await addAnnotator(server.url('old'), 'rita', { reviewer: true, admin: false })
    const remyUrl = await addAnnotator(server.url('old'), 'remy', { reviewer: true, admin: false })
    expect(await syncOnce(old, ritaUrl)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })

    const raw = new pg.Client({ connectionString: server.url('old') })
    await raw.connect()
    try {
      const items = async () => (await raw.query('SELECT uid, version FROM team_gold_items ORDER BY uid')).rows.filter((r: { uid: string }) => r.uid !== 'status') as { uid: string; version: string }[]
      expect(await items()).toEqual([
        { uid: 'v1-r0', version: '1' },
        { uid: 'v1-s0', version: '1' },
        { uid: 'v1-s1', version: '1' },
      ])
      expect((await raw.query("SELECT 1 FROM team_layers WHERE annotator = 'gold'")).rowCount).toBe(0)
      // The layer's status became the document's gold status item.
      expect((await raw.query("SELECT content, version FROM team_gold_items WHERE uid = 'status'")).rows).toEqual([{ content: { status: 'in_progress' }, version: '1' }])

      // A new desktop gets the same gold; an edit of an upgraded item is an ordinary compare-and-set write.
      const { store: remy } = tempStore()
      stores.push(remy)
      await syncOnce(remy, remyUrl)
      const expected = ['PART_OF Ada>Bob', 'PERSON Ada', 'PERSON Bob']
      expect(goldOf(old)).toEqual(expected)
      expect(goldOf(remy)).toEqual(expected)
      const bob = old.spans.layer(old.documents.byExternalId('d1')!.id, old.annotators.byName('gold')!.id).find((s) => s.start === 8)!
      updateSpan(old, { id: bob.id, label: 'NORP' })
      expect(await syncOnce(old, ritaUrl)).toMatchObject({ pushed: 1, conflicts: [] })
      expect(await syncOnce(remy, remyUrl)).toMatchObject({ pulled: 1, conflicts: [] })
      expect(remy.db.prepare("SELECT s.status FROM document_status s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'gold'").all()).toEqual([{ status: 'in_progress' }])
      expect(goldOf(remy)).toEqual(['NORP Bob', 'PART_OF Ada>Bob', 'PERSON Ada'])
      expect(await items()).toEqual([
        { uid: 'v1-r0', version: '1' },
        { uid: 'v1-s0', version: '1' },
        { uid: 'v1-s1', version: '2' },
      ])
    } finally {
      await raw.end()
    }
  })
})
