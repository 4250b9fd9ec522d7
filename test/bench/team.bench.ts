// Team sync against a real local PostgreSQL (started here, as the tests do).
// Part 1, the scale: N annotators, each with C span changes on D shared
// documents, push at once. Each desktop is its own workspace file with its own
// client; the desktops are spread over WORKERS worker threads (default: one
// per core), as they would run on their own computers, so that the local work
// of all 50 is not charged to one thread (SPANWRIGHT_TEAM_WORKERS=1: all on
// one). Each round, push time is set against a bare batched INSERT of the same
// rows (document, annotator, layer JSON) through the same client library from
// the same threads, in the same round; the figure is the median over ROUNDS
// rounds (round 1 creates the layers, later rounds update them). Then every
// desktop pulls, and each must hold exactly the server's spans: a digest of
// every (layer, label, offsets) on each desktop is compared with one computed
// from the server's rows.
// Part 1b, the app's shape: the same desktops, each syncing on the connection it
// keeps between syncs (keptTeam.ts; a first sync opens it, then the measured
// rounds), against the bare INSERT of the same rows on a connection each
// annotator keeps likewise; same threads, same number of rounds. Part 1's
// shape is `spanwright sync`'s: a connection of its own for each sync.
// Part 2: a new desktop's first pull of a BIG-document workspace (10 spans
// each) against the local JSONL import of the same data (its own export).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { syncOnce } from '../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../src/main/team/teamAdmin'
import { seedBigTeam } from '../helpers/bigTeam'
import { startPostgres } from '../helpers/postgresServer'
import { median, QUICK, report, round } from './benchUtil'
import type { Command, DesktopsData } from './teamBenchDesktops'

const N = Number(process.env.SPANWRIGHT_TEAM_N ?? (QUICK ? 5 : 50))
const C = Number(process.env.SPANWRIGHT_TEAM_C ?? (QUICK ? 100 : 1000))
const D = Number(process.env.SPANWRIGHT_TEAM_D ?? (QUICK ? 200 : 2000))
const ROUNDS = Number(process.env.SPANWRIGHT_TEAM_ROUNDS ?? 3)
const BIG = Number(process.env.SPANWRIGHT_TEAM_BIG_DOCS ?? (QUICK ? 5000 : 100_000))
// SPANWRIGHT_TEAM_PULL=0: no pull of everything after the push rounds (and so no convergence check); for iterating on the push.
const PULL_ALL = process.env.SPANWRIGHT_TEAM_PULL !== '0'
// SPANWRIGHT_TEAM_ONESHOT=0: no rounds of `spanwright sync`'s shape (part 1), only the app's (part 1b); for iterating on the push.
const ONE_SHOT = process.env.SPANWRIGHT_TEAM_ONESHOT !== '0'
const WORKERS = Math.min(N, Number(process.env.SPANWRIGHT_TEAM_WORKERS ?? os.availableParallelism()))
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-team-'))
const text = (i: number) => `Ada Lovelace met Charles Babbage in London on day ${i}.`

function workspace(name: string): Store {
  const s = openStore(path.join(dir, `${name}.spanwright`), { rollingBackups: false })
  installSchema(s, path.join(root, 'resources/schema/news.json'))
  return s
}

async function serverDigest(c: pg.Client): Promise<string> {
  const rows = (
    await c.query<{ k: string }>(
      `SELECT l.document_id || ' ' || l.annotator || ' ' || (s ->> 'label') || ' ' || (s -> 'cells' ->> 'start') || ' ' || (s -> 'cells' ->> 'end') AS k
         FROM team_layers l, jsonb_array_elements(l.content -> 'spans') s`,
    )
  ).rows.map((r) => r.k)
  return crypto.createHash('sha256').update(rows.sort().join('\n')).digest('hex')
}

/** A worker thread holding some desktops; `send` runs one command on it and answers its result. */
function desktopsWorker(data: DesktopsData): Promise<{ send(c: Command): Promise<unknown>; worker: Worker }> {
  // The worker loads TypeScript through tsx, as this script does (a worker's own entry does not go through --import hooks).
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./teamBenchDesktops.ts', import.meta.url).href)}) })`
  const worker = new Worker(entry, { eval: true, workerData: data })
  let waiting: ((m: { ok: boolean; value?: unknown; error?: string }) => void) | null = null
  worker.on('message', (m) => waiting?.(m))
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      waiting = (m) => (m.ok ? resolve(m.value) : reject(new Error(m.error)))
    })
  return next().then(() => ({
    worker,
    send(c: Command) {
      const answer = next()
      worker.postMessage(c)
      return answer
    },
  }))
}

/**
 * CPU seconds used so far by this process (all its threads) and by the
 * PostgreSQL server (the postmaster and the backends it has reaped: each
 * client's backend ends with its connection). Under a loaded machine, wall
 * time mostly tells how much CPU a side needed; this says it directly.
 */
function cpuSeconds(postmaster: number, live: Set<number> = new Set()): Cpu {
  const ticks = (pid: number, fields: number[]) => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return fields.reduce((n, i) => n + Number(f[i]), 0)
  }
  // Fields 14-17 of stat (utime, stime, cutime, cstime), here 11-14 after the command name, in clock ticks (100 a second).
  // Kept connections' backends (part 1b) never exit during a measure: their own utime and stime are added.
  const keptTicks = [...live].reduce((n, pid) => n + ticks(pid, [11, 12]), 0)
  const pgTicks = ticks(postmaster, [11, 12, 13, 14]) + keptTicks
  const u = process.cpuUsage()
  return { node: (u.user + u.system) / 1e6, pg: pgTicks / 100, pgKept: keptTicks / 100 }
}
/** CPU seconds: this process, the PostgreSQL server, and of that the kept backends' own (the rest: backends that ended, autovacuum). */
type Cpu = { node: number; pg: number; pgKept: number }

type Round = { pushMs: number; bareMs: number; changes: number; pushCpu: Cpu; bareCpu: Cpu }

/** A shape's rounds as the report gives them: each round, and the medians. */
function summary(rounds: Round[]) {
  const cpuRatio = (x: Round) => (x.bareCpu.node + x.bareCpu.pg) / (x.pushCpu.node + x.pushCpu.pg)
  return {
    rounds: rounds.map((x) => ({
      changes: x.changes,
      pushMs: round(x.pushMs),
      bareMs: round(x.bareMs),
      pushVsBare: round(x.bareMs / x.pushMs, 3),
      pushCpuS: x.pushCpu,
      bareCpuS: x.bareCpu,
      pushVsBareCpu: round(cpuRatio(x), 3),
    })),
    pushMsMedian: round(median(rounds.map((x) => x.pushMs))),
    bareBatchedInsertMsMedian: round(median(rounds.map((x) => x.bareMs))),
    pushVsBareMedian: round(median(rounds.map((x) => x.bareMs / x.pushMs)), 3),
    pushVsBareCpuMedian: round(median(rounds.map(cpuRatio)), 3),
    pushChangesPerSecondMedian: round(median(rounds.map((x) => (x.changes / x.pushMs) * 1000))),
  }
}

const load = () => os.loadavg().map((x) => round(x, 1))

const server = await startPostgres()
try {
  // ---- Part 1: N annotators pushing at once, against the bare INSERT.
  await server.createDatabase('team')
  const admin = server.url('team')
  await initTeam(admin)
  const lead = workspace('lead')
  lead.transaction(() => {
    for (let i = 0; i < D; i++) lead.documents.insert({ externalId: `d${i}`, title: `d${i}`, text: text(i), meta: {} })
  })
  await syncOnce(lead, await addAnnotator(admin, 'lead', { reviewer: false, admin: true }))
  const names = Array.from({ length: N }, (_, i) => `a${i}`)
  const urls = await Promise.all(names.map((n) => addAnnotator(admin, n, { reviewer: false, admin: false })))
  // The desktops, spread over the worker threads; each opens its workspaces and makes its first sync there.
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, w) => {
      const mine = names.flatMap((_, i) => (i % WORKERS === w ? [i] : []))
      return desktopsWorker({ dir, root, names: mine.map((i) => names[i]), urls: mine.map((i) => urls[i]), admin, documents: D, changes: C })
    }),
  )
  const all = async (c: Command) => Promise.all(workers.map((w) => w.send(c)))

  const setup = new pg.Client({ connectionString: admin })
  await setup.connect()
  const backend = (await setup.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid
  const postmaster = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${backend}/status`, 'utf8'))![1])
  // Client backends other than the setup's own: in part 1b the kept ones, which stay.
  const clientBackends = async () =>
    (await setup.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")).rows.map((x) => x.pid)
  // A backend's CPU reaches the postmaster's count only when it has exited and been reaped, which can come after its
  // client's end() returned: wait for that (after the clock stops), so each side's backends count in its own window.
  const reaped = async (kept: Set<number>) => {
    while ((await clientBackends()).some((pid) => !kept.has(pid))) await new Promise((ok) => setTimeout(ok, 20))
    await new Promise((ok) => setTimeout(ok, 100))
  }
  const timed = async (fn: () => Promise<unknown>, kept: Set<number>) => {
    await reaped(kept)
    const [c0, t0] = [cpuSeconds(postmaster, kept), performance.now()]
    await fn()
    const t1 = performance.now()
    const node = cpuSeconds(postmaster, kept).node
    await reaped(kept)
    const c1 = { ...cpuSeconds(postmaster, kept), node }
    return { ms: t1 - t0, cpu: { node: round(c1.node - c0.node, 3), pg: round(c1.pg - c0.pg, 3), pgKept: round(c1.pgKept - c0.pgKept, 3) } }
  }
  const BARE_TABLE = 'bench_bare (document_id text, annotator text, content jsonb, PRIMARY KEY (document_id, annotator))'
  /** ROUNDS rounds of one shape: edits, then the push and the bare INSERT of the same rows, alternating which goes first. */
  const measure = async (first: number, push: Command, bare: Command, emptyBare: string, kept: Set<number>): Promise<Round[]> => {
    const out: Round[] = []
    for (let r = first; r < first + ROUNDS; r++) {
      const changes = ((await all({ type: 'edit', round: r })) as number[]).reduce((a, b) => a + b, 0)
      const pushed = () => timed(() => all(push), kept)
      const bared = async () => {
        await setup.query(emptyBare)
        return timed(() => all(bare), kept)
      }
      // Alternate which goes first, so neither always meets the other's leftovers (autovacuum, checkpoints).
      let p: Awaited<ReturnType<typeof pushed>>
      let b: Awaited<ReturnType<typeof bared>>
      if (r % 2) {
        b = await bared()
        p = await pushed()
      } else {
        p = await pushed()
        b = await bared()
      }
      out.push({ pushMs: p.ms, bareMs: b.ms, changes, pushCpu: p.cpu, bareCpu: b.cpu })
    }
    return out
  }
  const loadAtStart = load()
  // `spanwright sync`'s shape. The baseline: the same rows, each annotator's in batches of 1,000 (as the push) through
  // its own new client, concurrently, into a new table.
  const rounds = ONE_SHOT ? await measure(0, { type: 'push' }, { type: 'bare' }, `DROP TABLE IF EXISTS bench_bare; CREATE TABLE ${BARE_TABLE}`, new Set()) : []
  if (!ONE_SHOT) {
    // Unmeasured: the layers are created (round 0), so the measured rounds update them, as after part 1.
    await all({ type: 'edit', round: 0 })
    await all({ type: 'push' })
  }
  const loadAfterOneShot = load()
  // The app's shape: kept connections on both sides, opened by a first sync (and a first INSERT), then the rounds. The
  // bare table is emptied with TRUNCATE, so the kept clients keep knowing it (a new table would be new to them).
  await setup.query(`DROP TABLE IF EXISTS bench_bare; CREATE TABLE ${BARE_TABLE}`)
  await all({ type: 'open-kept' })
  const keptBackends = new Set(await clientBackends())
  const keptRounds = await measure(ROUNDS, { type: 'push-kept' }, { type: 'bare-kept' }, 'TRUNCATE bench_bare', keptBackends)
  await all({ type: 'close-kept' })
  const loadAfterKept = load()

  // Everyone pulls everything; each desktop must then hold exactly the server's spans.
  let t0 = performance.now()
  const digests = PULL_ALL ? ((await all({ type: 'pull' })) as string[][]).flat() : []
  const pullAllMs = performance.now() - t0
  const expected = await serverDigest(setup)
  const layersOnServer = Number((await setup.query<{ n: string }>('SELECT count(*) AS n FROM team_layers')).rows[0].n)
  await setup.end()
  const converged = PULL_ALL ? digests.filter((d) => d === expected).length : 'not pulled'
  await all({ type: 'close' })
  await Promise.all(workers.map((w) => w.worker.terminate()))
  lead.close()

  // ---- Part 2: a new desktop's first pull of a BIG-document, 10-spans-each workspace, against the JSONL import of it.
  await server.createDatabase('big')
  const bigAdmin = server.url('big')
  await initTeam(bigAdmin)
  const reader = await addAnnotator(bigAdmin, 'reader', { reviewer: false, admin: false })
  t0 = performance.now()
  await seedBigTeam(bigAdmin, BIG)
  const generateMs = performance.now() - t0

  const fresh = workspace('fresh')
  t0 = performance.now()
  const first = await syncOnce(fresh, reader)
  const firstPullMs = performance.now() - t0
  const freshSpans = fresh.db.prepare('SELECT count(*) FROM spans').pluck().get() as number
  const jsonl = path.join(dir, 'big.jsonl')
  t0 = performance.now()
  await exportDataset(fresh, jsonl, { format: 'jsonl' })
  const exportMs = performance.now() - t0
  fresh.close()
  const importer = workspace('importer')
  t0 = performance.now()
  await importFiles(importer, [jsonl], { annotator: null, backup: false })
  const importMs = performance.now() - t0
  const importedSpans = importer.db.prepare('SELECT count(*) FROM spans').pluck().get() as number
  importer.close()

  report({
    annotators: N,
    workerThreads: WORKERS,
    changesEach: C,
    documents: D,
    // `spanwright sync`'s shape (a connection of its own for each sync), as before.
    ...(ONE_SHOT ? summary(rounds) : { oneShot: 'not measured' }),
    // The app's shape: each desktop's kept connection, against the bare INSERT on kept connections.
    kept: { keptBackends: keptBackends.size, ...summary(keptRounds) },
    loadAverage1m5m15m: { atStart: loadAtStart, afterOneShot: loadAfterOneShot, afterKept: loadAfterKept },
    layersOnServer,
    pullAllDesktopsMs: round(pullAllMs),
    converged: PULL_ALL ? `${converged} of ${N}` : converged,
    bigDocuments: BIG,
    bigSpansOnServer: BIG * 10,
    bigGenerateOnServerMs: round(generateMs),
    firstPullMs: round(firstPullMs),
    firstPullItems: first.pulled,
    firstPullSpans: freshSpans,
    jsonlExportMs: round(exportMs),
    jsonlImportMs: round(importMs),
    importedSpans,
    firstPullVsImport: round(firstPullMs / importMs, 3),
  })
} finally {
  server.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
}
