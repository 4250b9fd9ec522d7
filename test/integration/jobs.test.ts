// Import and export as background jobs through the API: progress, reports, cancel, downloads.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { startHttpServer } from '../../src/main/http/httpServer'
import { jobSettled } from '../../src/main/services/jobs/jobRegistry'
import type { JobStatus } from '../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../helpers/closedAfterEach'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempDir } from '../helpers/tempWorkspace'

const tempStoreClosedAfterEach = tempStoresClosedAfterEach()

function workspace() {
  const ws = tempStoreClosedAfterEach()
  const h = createHandlers({ store: ws.store, version: 't', transport: 'http' })
  const api = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(h, method, args)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details })
    return r.value as T
  }
  return { ...ws, h, api }
}

const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n'
const GOOD = jsonl(
  { id: 'up-1', text: 'Kerry met Michel in Brussels.', annotator: 'alice', spans: [{ id: 'T1', start: 0, end: 5, label: 'PERSON', text: 'Kerry' }], relations: [] },
  { id: 'up-2', text: 'A second document.', annotator: 'alice', spans: [], relations: [] },
)
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')

/** Many records, so an import takes long enough to be cancelled part way. */
function bigJsonl(file: string, n: number) {
  const fd = fs.openSync(file, 'w')
  for (let i = 0; i < n; i += 1000) {
    let chunk = ''
    for (let k = i; k < Math.min(n, i + 1000); k++) {
      chunk += JSON.stringify({ id: `big-${k}`, text: `Kerry met Michel ${k} times.`, annotator: 'bot', spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 10, end: 16, label: 'PERSON' }], relations: [] }) + '\n'
    }
    fs.writeSync(fd, chunk)
  }
  fs.closeSync(fd)
}

describe('transfer jobs', () => {
  it('uploads a file, previews its first records, imports it as a job and reports', async () => {
    const { store, api } = workspace()
    const up = await api<{ path: string; bytes: number }>('transfer.upload', { name: 'colleague.jsonl', base64: b64(GOOD) })
    expect(up.bytes).toBe(Buffer.byteLength(GOOD))
    const preview = await api<{ records: { documentId: string; spans: number; file: string; textHead: string }[]; sources: { format: string }[] }>('transfer.preview', { paths: [up.path] })
    expect(preview.sources[0].format).toBe('jsonl')
    expect(preview.records.map((r) => [r.documentId, r.spans, r.file])).toEqual([['up-1', 1, 'colleague.jsonl'], ['up-2', 0, 'colleague.jsonl']])
    expect(preview.records[0].textHead).toBe('Kerry met Michel in Brussels.')
    expect(store.documents.byExternalId('up-1')).toBeNull() // a preview writes nothing

    const started = await api<JobStatus>('transfer.import', { paths: [up.path] })
    expect(started.state).toBe('running')
    const done = await jobSettled(started.id)
    expect(done.state).toBe('done')
    expect(done.importReport).toMatchObject({ linesRead: 2, imported: 2, rejected: 0, documentsAdded: 2, spansAdded: 1 })
    expect(done.total).toBe(2)
    expect(store.documents.byExternalId('up-1')).not.toBeNull()
    expect(await api<JobStatus>('transfer.job', { id: started.id })).toMatchObject({ state: 'done', importReport: { imported: 2 } })
  })

  it('fails a bad file listing every bad line by the uploaded name, and writes nothing', async () => {
    const { store, api } = workspace()
    const bad = GOOD + '{"id":"x","text":"abc","spans":[{"start":0,"end":9,"label":"PERSON"}]}\nnot json\n'
    const up = await api<{ path: string }>('transfer.upload', { name: 'bad.jsonl', base64: b64(bad) })
    const snap = snapshotStore(store)
    const job = await jobSettled((await api<JobStatus>('transfer.import', { paths: [up.path], annotator: 'ann' })).id)
    expect(job.state).toBe('failed')
    expect(job.error!.errors.map((e) => `${e.file}:${e.line}`)).toEqual(['bad.jsonl:3', 'bad.jsonl:4'])
    expect(job.error!.linesRead).toBe(4)
    expect(job.error!.message).toMatch(/^import failed: 2 bad lines of 4 read; nothing was imported\nbad\.jsonl:3: /)
    expect(snapshotStore(store)).toEqual(snap)

    const skipped = await jobSettled((await api<JobStatus>('transfer.import', { paths: [up.path], annotator: 'ann', skipInvalid: true })).id)
    expect(skipped.importReport).toMatchObject({ linesRead: 4, imported: 2, rejected: 2 })
    expect(skipped.importReport!.errors).toHaveLength(2)
  })

  it('cancels a running import: other calls are answered meanwhile, and nothing is written', async () => {
    const { dir, store, api } = workspace()
    const file = path.join(dir, 'big.jsonl')
    bigJsonl(file, 60_000)
    const snap = snapshotStore(store)
    const job = await api<JobStatus>('transfer.import', { paths: [file] })
    // Another job on the same workspace waits its turn.
    await expect(api('transfer.import', { paths: [file] })).rejects.toMatchObject({ code: 'conflict' })
    let seen: JobStatus = job
    while (seen.state === 'running' && seen.done < 5000) {
      await new Promise((r) => setTimeout(r, 5))
      seen = await api<JobStatus>('transfer.job', { id: job.id })
    }
    expect(seen.state).toBe('running')
    expect(seen.total).toBe(60_000)
    // The API still answers while the job runs.
    const listed = await api<unknown[]>('schema.list', {})
    expect(listed.length).toBeGreaterThan(0)
    expect((await api<JobStatus>('transfer.job', { id: job.id })).state).toBe('running')
    await api('transfer.cancel', { id: job.id })
    const end = await jobSettled(job.id)
    expect(end.state).toBe('cancelled')
    expect(end.importReport).toBeNull()
    expect(snapshotStore(store)).toEqual(snap)
  }, 60_000)

  it('exports to a temp file offered for download behind the token, or to a path', async () => {
    const { dir, h, api } = workspace()
    const up = await api<{ path: string }>('transfer.upload', { name: 'in.jsonl', base64: b64(GOOD) })
    await jobSettled((await api<JobStatus>('transfer.import', { paths: [up.path] })).id)
    const job = await jobSettled((await api<JobStatus>('transfer.export', { format: 'jsonl', annotator: 'alice' })).id)
    expect(job.state).toBe('done')
    expect(job.exportReport).toMatchObject({ layers: 2, spans: 1 })
    expect(job.downloads).toEqual([{ name: 'spanwright-jsonl.jsonl', bytes: expect.any(Number) }])

    const staticDir = tempDir()
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    const server = await startHttpServer({ handlers: h, staticDir, port: 0 })
    try {
      const get = (p: string, cookie = '') =>
        new Promise<{ status: number; body: string; type: string; setCookie: string }>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port: server.port, path: p, headers: { host: `127.0.0.1:${server.port}`, cookie } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () =>
              resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-disposition']), setCookie: String(res.headers['set-cookie'] ?? '') }),
            )
          }).on('error', reject)
        })
      // The tokened page load sets the download-only cookie; the download URL itself carries no token.
      const page = await get(`/?token=${server.token}`)
      expect(page.setCookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/api\/download\//)
      const cookie = page.setCookie.split(';')[0]
      expect(cookie).not.toContain(server.token)
      expect((await get('/')).setCookie).toBe('')
      const ok = await get(`/api/download/${job.id}/0`, cookie)
      expect(ok.status).toBe(200)
      expect(ok.type).toContain('spanwright-jsonl.jsonl')
      expect(ok.body.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['up-1', 'up-2'])
      expect((await get(`/api/download/${job.id}/0`)).status).toBe(401)
      // The run token in the URL no longer opens a download: it would end up in history.
      expect((await get(`/api/download/${job.id}/0?token=${server.token}`)).status).toBe(401)
      expect((await get(`/api/download/${job.id}/0`, `${cookie.split('=')[0]}=wrong`)).status).toBe(401)
      expect((await get(`/api/download/${job.id}/1`, cookie)).status).toBe(404)
      expect((await get(`/api/download/nosuchjob123/0`, cookie)).status).toBe(404)
    } finally {
      await server.close()
    }

    const out = path.join(dir, 'split', 'data.jsonl')
    const split = await jobSettled((await api<JobStatus>('transfer.export', { format: 'conll', out, split: 'train=0.5,test=0.5', seed: 3 })).id)
    expect(split.state).toBe('done')
    expect(split.exportReport!.files.map((f) => path.basename(f.path))).toEqual(['data.train.jsonl', 'data.test.jsonl'])
    expect(fs.existsSync(path.join(dir, 'split', 'data.train.jsonl'))).toBe(true)
    // A cancelled export leaves no file behind.
    const gone = path.join(dir, 'cancelled.jsonl')
    const started = await api<JobStatus>('transfer.export', { format: 'jsonl', out: gone })
    await api('transfer.cancel', { id: started.id })
    expect((await jobSettled(started.id)).state).toBe('cancelled')
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([])
    // A folder format without a path is offered as a ZIP download: test/integration/export/folderZipDownload.test.ts.
    await expect(api('transfer.export', { format: 'jsonl', split: 'train=2' })).rejects.toThrow(/--split/)
  })

  it('imports another workspace file as a job, and refuses an upload over the limit', async () => {
    const src = workspace()
    const up = await src.api<{ path: string }>('transfer.upload', { name: 'in.jsonl', base64: b64(GOOD) })
    await jobSettled((await src.api<JobStatus>('transfer.import', { paths: [up.path] })).id)
    const dst = workspace()
    const preview = await dst.api<{ records: { documentId: string; annotator: string }[] }>('transfer.preview', { paths: [src.file] })
    expect(preview.records.map((r) => `${r.documentId}/${r.annotator}`)).toEqual(['up-1/alice', 'up-2/alice']) // up-2's layer has no spans but was imported: a real negative, it comes too
    const job = await jobSettled((await dst.api<JobStatus>('transfer.import', { paths: [src.file] })).id)
    expect(job.importReport).toMatchObject({ imported: 2, documentsAdded: 2, spansAdded: 1 })
    expect(job.total).toBe(2)
    await expect(dst.api('transfer.import', { paths: [src.file, up.path] })).rejects.toThrow(/one Spanwright workspace file at a time/)
    await expect(dst.api('transfer.upload', { name: 'huge.jsonl', base64: 'A'.repeat(45 * 1024 * 1024) })).rejects.toMatchObject({ code: 'bad_request' })
  })
})
