import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { LibraryEntry } from '../../src/shared/api/methods/documents'
import type { JobStatus } from '../../src/shared/api/methods/transfer'
import { listLibrary } from '../../src/main/services/library/libraryService'
import { createBackupSync } from '../../src/main/store/backups'
import { migrate } from '../../src/main/store/migrate'
import { migrations } from '../../src/main/store/migrations'
import { restoreBackup } from '../../src/main/store/restoreBackup'
import { openStore } from '../../src/main/store/store'
import { ApiWorkerHost } from '../../src/main/worker/apiWorkerHost'
import { openWorkspaceReadOnly } from '../../src/main/workspace/readOnlyWorkspace'
import { cli } from '../helpers/cliRun'
import { hostsClosedAfterEach, replyValue } from '../helpers/workerHosts'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

/**
 * Every way a document reaches a workspace writes it into the index of scripts without spaces (migration 22), whose
 * triggers call a function each connection registers: the command line's import, an API worker's import, a
 * migration of a workspace written before the index (which builds it), a read-only look at such a workspace (a
 * migrated private copy), another workspace imported, and a restored backup. A connection without the function is
 * refused before it writes.
 */
const hosts = hostsClosedAfterEach()
const found = (file: string, query: string) => {
  const store = openStore(file, { rollingBackups: false })
  try {
    return listLibrary(store, { annotator: 'alice', query }).map((e) => e.externalId)
  } finally {
    store.close()
  }
}
const jsonl = (dir: string, rows: { id: string; text: string }[]) => {
  const f = path.join(dir, 'docs.jsonl')
  fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return f
}

/** A workspace as Spanwright wrote it before migration 22, with a Japanese document. */
function workspaceBefore22(dir: string): string {
  const file = path.join(dir, 'old.spanwright')
  const raw = new Database(file)
  migrate(raw, file, migrations.filter((m) => m.version <= 21))
  raw.exec(`INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES
    ('jp', '記事', '東京都に住む人々', 'h1', '{}', 'now'), ('en', 'News', 'police report', 'h2', '{}', 'now')`)
  raw.close()
  return file
}

describe('writers of the index of scripts without spaces', () => {
  it('the command line import', () => {
    const dir = tempDir()
    const file = path.join(dir, 'w.spanwright')
    const r = cli(['import', '--db', file, jsonl(dir, [{ id: 'jp', text: '東京都に住む人々' }, { id: 'th', text: 'ภาษาไทย 😀' }])])
    expect(r.code, r.err).toBe(0)
    expect(found(file, '住む')).toEqual(['jp'])
    expect(found(file, 'ไทย')).toEqual(['th'])
    expect(found(file, '😀')).toEqual(['th'])
  }, 180_000)

  it("an API worker's import", async () => {
    const { store, file, dir } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    const started = replyValue<JobStatus>(await host.call('transfer.import', { paths: [jsonl(dir, [{ id: 'jp', text: '北京大学の研究者' }])] }))
    let job = started
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 20))
      job = replyValue<JobStatus>(await host.call('transfer.job', { id: started.id }))
    }
    expect(job.state, JSON.stringify(job)).toBe('done')
    const list = replyValue<LibraryEntry[]>(await host.call('documents.list', { annotator: 'alice', query: '大学' }))
    expect(list.map((e) => e.externalId)).toEqual(['jp'])
  }, 180_000)

  it('a migration builds it for the documents already there, and a read-only look builds it in its copy', async () => {
    const dir = tempDir()
    const file = workspaceBefore22(dir)
    const look = await openWorkspaceReadOnly(file)
    try {
      expect(listLibrary(look, { annotator: 'alice', query: '住む' }).map((e) => e.externalId)).toEqual(['jp'])
    } finally {
      look.close()
    }
    expect(found(file, '住む')).toEqual(['jp'])
    expect(found(file, '人')).toEqual(['jp'])
  })

  it('another workspace imported, and a restored backup', () => {
    const dir = tempDir()
    const other = workspaceBefore22(dir)
    const { store, file } = tempStore()
    store.close()
    const r = cli(['import', '--db', file, other])
    expect(r.code, r.err).toBe(0)
    expect(found(file, '住む')).toEqual(['jp'])
    const s = openStore(file, { rollingBackups: false })
    const backup = createBackupSync(s.db, file, 'manual')
    s.db.prepare("DELETE FROM documents WHERE external_id = 'jp'").run()
    s.close()
    expect(found(file, '住む')).toEqual([])
    restoreBackup(file, backup)
    expect(found(file, '住む')).toEqual(['jp'])
  }, 180_000)

  it('a connection without the function is refused before it writes', () => {
    const { store, file } = tempStore()
    store.close()
    const raw = new Database(file)
    expect(() => raw.prepare("INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES ('x', 'x', '東京', 'h', '{}', 'now')").run()).toThrow(
      /no such function: spanwright_unspaced_grams/,
    )
    expect(raw.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0)
    raw.close()
  })
})
