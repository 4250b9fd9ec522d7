import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { layerSentIds, noteLayersSent, rebaseLayer } from '../../../../src/main/store/teamLayerSent'
import { TeamStore } from '../../../../src/main/store/teamStore'
import type { PendingChange } from '../../../../src/main/store/teamStore'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 21 (the change ids of layer pushes not yet answered)', () => {
  it('a workspace from before gets the table empty; notes are kept per layer until an answer, a kept-aside conflict, a pull or a rebase settles the layer', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 21))
    db.exec(`INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'Ada met Bob', 'h', '2026-01-01T00:00:00Z'),
               (2, 'd2', 'd2', 'Bob met Ada', 'h2', '2026-01-01T00:00:00Z');
             INSERT INTO annotators (id, name, kind, created_at) VALUES (7, 'alice', 'human', '2026-01-01T00:00:00Z');
             INSERT INTO team_layers (document_id, annotator_id, version) VALUES (1, 7, 3);`)
    migrate(db, file)
    expect(db.prepare('SELECT count(*) AS n FROM team_layer_sent').get()).toEqual({ n: 0 })
    const change = (doc: number, id: string) => ({ localDocumentId: doc, localAnnotatorId: 7, documentId: `d${doc}`, annotator: 'alice', changeId: id, baseVersion: 3, contentJson: '{"spans":[],"relations":[],"status":null}' }) as unknown as PendingChange
    // A retry sends the same id again: one row. A later write's push adds its own.
    noteLayersSent(db, [change(1, 'c1'), change(2, 'c9')])
    noteLayersSent(db, [change(1, 'c1')])
    noteLayersSent(db, [change(1, 'c2')])
    expect(layerSentIds(db, change(1, 'x')).sort()).toEqual(['c1', 'c2'])
    // The server's version is one of them: the layer is based on it now, and nothing of it is left unanswered.
    rebaseLayer(db, change(1, 'c2'), 4)
    expect(layerSentIds(db, change(1, 'x'))).toEqual([])
    expect(db.prepare('SELECT version FROM team_layers WHERE document_id = 1').get()).toEqual({ version: 4 })
    // An answer settles the layer it names, and only that one.
    const team = new TeamStore(db)
    noteLayersSent(db, [change(1, 'c3')])
    team.markAllPushed([{ change: change(2, 'c9'), version: 1 }])
    expect(db.prepare('SELECT document_id, change_id FROM team_layer_sent').all()).toEqual([{ document_id: 1, change_id: 'c3' }])
    team.recordConflict(change(1, 'c3'), 'conflict', 'someone else wrote it', 5)
    expect(layerSentIds(db, change(1, 'x'))).toEqual([])
    // A pulled copy of the layer replaces the local one: what was sent of it is settled too.
    noteLayersSent(db, [change(1, 'c4')])
    team.applyLayers([{ documentId: 'd1', annotator: 'alice', version: 6, seq: 1, content: { spans: [], relations: [], status: null } }], null, true)
    expect(layerSentIds(db, change(1, 'x'))).toEqual([])
    // A deleted document takes its notes with it.
    noteLayersSent(db, [change(2, 'c10')])
    db.exec('DELETE FROM documents WHERE id = 2')
    expect(db.prepare('SELECT count(*) AS n FROM team_layer_sent').get()).toEqual({ n: 0 })
    db.close()
  })
})
