import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { openStore } from '../../../../src/main/store/store'
import { listLibrary } from '../../../../src/main/services/library/libraryService'
import { splitHighlights } from '../../../../src/shared/library/highlights'
import { tempDir } from '../../../helpers/tempWorkspace'

describe('migration 0005: the library search index', () => {
  it('indexes the documents of an existing workspace, and later inserts and deletes keep the index current', () => {
    const file = path.join(tempDir(), 'old.spanwright')
    const old = new Database(file)
    migrate(old, file, migrations.filter((m) => m.version < 5))
    const insert = old.prepare("INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, 'h', '{}', '2026-01-01')")
    for (let i = 0; i < 300; i++) insert.run(`old-${i}`, `Old report ${i}`, i === 123 ? 'The harbour of Zeebrugge froze over.' : `Nothing to see, number ${i}.`)
    expect(old.pragma('user_version', { simple: true })).toBe(4)
    old.close()

    const store = openStore(file)
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5)
    const hits = listLibrary(store, { annotator: 'alice', query: 'zeebrugge' })
    expect(hits.map((d) => d.externalId)).toEqual(['old-123'])
    expect(splitHighlights(hits[0].match!.text!).find((p) => p.hit)?.text).toBe('Zeebrugge')
    expect(listLibrary(store, { annotator: 'alice', query: 'report', limit: 500 })).toHaveLength(300)
    store.documents.insert({ externalId: 'new-1', title: 'New', text: 'Zeebrugge again.', meta: {} })
    expect(listLibrary(store, { annotator: 'alice', query: 'zeebrugge', sort: 'imported' }).map((d) => d.externalId)).toEqual(['old-123', 'new-1'])
    store.db.prepare("DELETE FROM documents WHERE external_id = 'old-123'").run()
    expect(listLibrary(store, { annotator: 'alice', query: 'zeebrugge' }).map((d) => d.externalId)).toEqual(['new-1'])
    // FTS5's own check: the index matches the documents table exactly.
    expect(() => store.db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow()
    store.db.prepare("UPDATE documents SET title = 'Renamed Ostend' WHERE external_id = 'new-1'").run()
    expect(listLibrary(store, { annotator: 'alice', query: 'ostend' }).map((d) => d.externalId)).toEqual(['new-1'])
    expect(() => store.db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow()
    store.close()
  })

  it('an index out of step with the documents fails the integrity check (so the check above can fail)', () => {
    const store = openStore(path.join(tempDir(), 'w.spanwright'))
    store.documents.insert({ externalId: 'a', title: 'A', text: 'alpha', meta: {} })
    store.db.exec('DROP TRIGGER documents_fts_delete')
    store.db.exec("DELETE FROM documents WHERE external_id = 'a'")
    expect(() => store.db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")).toThrow()
    store.close()
  })
})
