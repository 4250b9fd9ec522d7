import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRelation, createSpan } from '../../../src/main/services/annotate/annotationService'
import { openStore } from '../../../src/main/store/store'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { cliInProcess } from '../../helpers/cliInProcess'
import { exited, spawnScript } from '../../helpers/cliRun'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { seeded } from '../../helpers/seededRandom'
import { REPO_ROOT, tempStore } from '../../helpers/tempWorkspace'
import { exported } from './teamDesktops'

const missing = postgresMissing()
/** Kill -9 moments per side (push, pull): the issue asks for 20; SPANWRIGHT_TEAM_KILLS=N for fewer or more. */
const KILLS = Number(process.env.SPANWRIGHT_TEAM_KILLS ?? 20)
const DOCS = 40
/** Gold items per batch in the killed syncs: small, so every kill finds work left. */
const STEP = 3
const STORE = path.join(REPO_ROOT, 'src/main/store/store.ts')
const SYNC = path.join(REPO_ROOT, 'src/main/team/syncLoop.ts')
const TEXT = (i: number) => `Ada Lovelace met Charles Babbage in London, day ${i}.`
/** `spanwright ARGS` in this process (the same `main` a user's process runs); only the killed syncs need processes of their own. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cliInProcess(args)
  return { code: r.code, out: r.lines.join('\n'), err: r.errors.join('\n') }
}

describe.skipIf(missing)(`gold items and kill -9 of sync${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lead = await addAnnotator(server.url('team'), 'lead', { reviewer: false, admin: true })
    for (const n of ['rita', 'remy']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: true, admin: false })
    const lead = tempStore()
    for (let i = 0; i < DOCS; i++) lead.store.documents.insert({ externalId: `d${i}`, title: `D${i}`, text: TEXT(i), meta: {} })
    lead.store.close()
    expect((await cli(['sync', '--server', urls.lead, '--db', lead.file])).code).toBe(0)
  }, 120_000)
  afterAll(() => server?.destroy())

  test(`kill -9 of a reviewer's sync during the gold push and of another's during the gold pull (${KILLS} moments each): then they converge, no duplicate, no gap`, async () => {
    const random = seeded(19)
    const rita = tempStore()
    rita.store.close()
    expect((await cli(['sync', '--server', urls.rita, '--db', rita.file])).code).toBe(0)
    {
      // Three gold items per document: two spans and a relation between them.
      const s = openStore(rita.file)
      for (let i = 0; i < DOCS; i++) {
        const id = s.documents.byExternalId(`d${i}`)!.id
        const ada = createSpan(s, { documentId: id, annotator: 'gold', label: 'PERSON', start: 0, end: 12 })
        const babbage = createSpan(s, { documentId: id, annotator: 'gold', label: 'PERSON', start: 17, end: 32 })
        createRelation(s, { documentId: id, annotator: 'gold', label: 'PART_OF', headId: ada.id, tailId: babbage.id })
      }
      s.close()
    }
    // Each sync runs in its own process; a random while (0-4 ms) after a random one of its gold steps, it sends itself
    // SIGKILL, so the kill lands inside the next batch's work (the server's answer, the local commit). The child kills
    // itself rather than waiting for this process to read its step: under load that read came late, the child ran on
    // to the end of its work, and later syncs had no gold step left to be killed at.
    // One script for every killed sync, bundled once (each bundle compiles all the sources again: 0.1-0.2 CPU-s), told
    // its server, workspace and moment in its environment.
    const KILLED_SYNC = `const { openStore } = await import(${JSON.stringify(STORE)}); const { syncOnce } = await import(${JSON.stringify(SYNC)});
      const at = Number(process.env.KILLED_SYNC_AT), after = Number(process.env.KILLED_SYNC_AFTER)
      let seen = 0
      const onStep = (x) => { if (x.startsWith('gold') && ++seen === at) setTimeout(() => process.kill(process.pid, 'SIGKILL'), after) }
      const s = openStore(process.env.KILLED_SYNC_FILE); await syncOnce(s, process.env.KILLED_SYNC_URL, { batch: ${STEP}, pushBatch: ${STEP}, onStep });
      s.close(); process.stdout.write('finished\\n')`
    const killedSync = async (url: string, file: string, steps: number) => {
      const at = 1 + Math.floor(random() * steps)
      const after = Math.floor(random() * 5)
      const env = { ...process.env, KILLED_SYNC_URL: url, KILLED_SYNC_FILE: file, KILLED_SYNC_AT: String(at), KILLED_SYNC_AFTER: String(after) }
      const child = spawnScript(KILLED_SYNC, env)
      let finished = false
      child.stdout!.on('data', (c: Buffer) => {
        if (c.toString().includes('finished')) finished = true
      })
      await exited(child)
      // Killed by its own SIGKILL, not ended by an error (a script that failed at start is no kill).
      return !finished && child.signalCode === 'SIGKILL'
    }
    // Items per kill: each killed push lands a few batches, so later kills still find work.
    const batches = Math.ceil((DOCS * 4) / STEP) // spans, relation and the gold status of each document
    let killed = 0
    for (let k = 0; k < KILLS; k++) if (await killedSync(urls.rita, rita.file, Math.max(1, Math.floor(batches / (KILLS + 1))))) killed++
    const done = await cli(['sync', '--server', urls.rita, '--db', rita.file])
    expect(done.code, done.err).toBe(0)
    expect(done.out).toMatch(/refused 0, conflicts 0/)

    const remy = tempStore()
    remy.store.close()
    for (let k = 0; k < KILLS; k++) if (await killedSync(urls.remy, remy.file, Math.max(1, Math.floor(batches / (KILLS + 1))))) killed++
    const pulled = await cli(['sync', '--server', urls.remy, '--db', remy.file])
    expect(pulled.code, pulled.err).toBe(0)
    expect(killed).toBeGreaterThanOrEqual(KILLS)

    // Every gold item is on the server once, written once: version 1, one change id each.
    const c = new pg.Client({ connectionString: urls.lead })
    await c.connect()
    try {
      const items = (await c.query('SELECT kind, version FROM team_gold_items')).rows as { kind: string; version: string }[]
      const changes = (await c.query('SELECT count(*)::int AS n FROM team_gold_changes')).rows[0].n as number
      expect(items.filter((i) => i.kind === 'span')).toHaveLength(DOCS * 2)
      expect(items.filter((i) => i.kind === 'relation')).toHaveLength(DOCS)
      expect(items.every((i) => Number(i.version) === 1)).toBe(true)
      expect(changes).toBe(items.length)
    } finally {
      await c.end()
    }
    // Both desktops hold the same gold, span for span, with no duplicate row.
    const [a, b] = [openStore(rita.file), openStore(remy.file)]
    try {
      const gold = async (store: typeof a, file: string, dir: string) => (await exported({ name: 'x', store, file, dir })).filter((l) => l.includes('"annotator":"gold"'))
      const [ga, gb] = [await gold(a, rita.file, rita.dir), await gold(b, remy.file, remy.dir)]
      expect(gb).toEqual(ga)
      expect(gb).toHaveLength(DOCS)
      for (const s of [a, b]) expect(s.db.prepare('SELECT document_id, uid FROM spans WHERE uid IS NOT NULL GROUP BY document_id, uid HAVING count(*) > 1').all()).toEqual([])
    } finally {
      a.close()
      b.close()
    }
    // And a further sync finds nothing left to move.
    expect((await cli(['sync', '--server', urls.remy, '--db', remy.file])).out).toMatch(/^pushed 0, pulled 0, refused 0, conflicts 0/m)
    expect((await cli(['sync', '--server', urls.rita, '--db', rita.file])).out).toMatch(/^pushed 0, pulled 0, refused 0, conflicts 0/m)
  }, 600_000)
})
