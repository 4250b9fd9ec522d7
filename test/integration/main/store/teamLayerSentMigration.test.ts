import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { forgetLayersSent, layerSentIds, noteLayersSent, rebaseLayer } from '../../../../src/main/store/teamLayerSent'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 21 (the change ids of layer pushes not yet answered)', () => {
  it('a workspace from before gets the table empty; a batch is one row, read per layer, kept until a push is answered whole', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const db = new Database(file)
    migrate(db, file, migrations.filter((m) => m.version < 21))
    db.exec(`INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', 'Ada met Bob', 'h', '2026-01-01T00:00:00Z'),
               (2, 'd2', 'd2', 'Bob met Ada', 'h2', '2026-01-01T00:00:00Z');
             INSERT INTO annotators (id, name, kind, created_at) VALUES (7, 'alice', 'human', '2026-01-01T00:00:00Z'), (8, 'bob', 'human', '2026-01-01T00:00:00Z');
             INSERT INTO team_layers (document_id, annotator_id, version) VALUES (1, 7, 3);`)
    migrate(db, file)
    expect(db.prepare('SELECT count(*) AS n FROM team_layer_sent').get()).toEqual({ n: 0 })
    const layer = (doc: number, annotator: number, changeId = '') => ({ localDocumentId: doc, localAnnotatorId: annotator, changeId })
    // A batch of three layers is one row; a retry sends an id again; a later write's push adds its own.
    noteLayersSent(db, [layer(1, 7, 'c1'), layer(2, 7, 'c9'), layer(1, 8, 'b1')])
    noteLayersSent(db, [layer(1, 7, 'c1'), layer(1, 7, 'c2')])
    expect(db.prepare('SELECT count(*) AS n FROM team_layer_sent').get()).toEqual({ n: 2 })
    expect(layerSentIds(db, layer(1, 7)).sort()).toEqual(['c1', 'c2'])
    expect(layerSentIds(db, layer(1, 8))).toEqual(['b1'])
    expect(layerSentIds(db, layer(2, 8))).toEqual([])
    // The server's version is one of them: the layer is based on it now.
    rebaseLayer(db, layer(1, 7), 4)
    rebaseLayer(db, layer(2, 8), 1)
    expect(db.prepare('SELECT document_id, annotator_id, version FROM team_layers ORDER BY 1, 2').all()).toEqual([
      { document_id: 1, annotator_id: 7, version: 4 },
      { document_id: 2, annotator_id: 8, version: 1 },
    ])
    forgetLayersSent(db)
    expect(layerSentIds(db, layer(1, 7))).toEqual([])
    db.close()
  })
})
