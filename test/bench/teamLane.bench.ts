// A new desktop's first team pull against the app's responsiveness: pings
// (app.info) answered while the pull of BIG layers runs, against pings with no
// sync, in the same run and on the same machine.
//   idle:       the API worker host with no sync running (the baseline);
//   jobsLane:   the app as it is: sync in the jobs worker, pings to the app's worker;
//   sameThread: a model of the previous design (sync in the app's worker): the pull
//               and the pings share one thread and event loop (in-process dispatch).
// Each ping's time counts from when it was due (every PING_GAP_MS after the last
// answer), so a thread too busy to even start the ping is charged for it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { syncOnce } from '../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../src/main/team/teamAdmin'
import { ApiWorkerHost } from '../../src/main/worker/apiWorkerHost'
import { seedBigTeam } from '../helpers/bigTeam'
import { startPostgres } from '../helpers/postgresServer'
import { percentile, QUICK, report, round } from './benchUtil'

const BIG = Number(process.env.SPANWRIGHT_TEAM_LANE_DOCS ?? (QUICK ? 5000 : 20_000))
const IDLE_MS = QUICK ? 1500 : 3000
const PING_GAP_MS = 5
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-teamlane-'))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A fresh workspace file with the default schema. */
function workspace(name: string): string {
  const file = path.join(dir, `${name}.spanwright`)
  const s = openStore(file, { rollingBackups: false })
  installSchema(s, path.join(root, 'resources/schema/news.json'))
  s.close()
  return file
}

/** Pings until `done()` says stop; each latency counted from when the ping was due. */
async function pings(ping: () => Promise<unknown>, done: () => boolean): Promise<number[]> {
  const out: number[] = []
  let due = performance.now()
  while (!done()) {
    await ping()
    const end = performance.now()
    out.push(end - due)
    await sleep(PING_GAP_MS)
    due = end + PING_GAP_MS
  }
  return out
}

const figures = (xs: number[]) => ({ n: xs.length, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)), max: round(Math.max(...xs)) })

const server = await startPostgres()
try {
  await server.createDatabase('lane')
  await initTeam(server.url('lane'))
  const reader = await addAnnotator(server.url('lane'), 'reader', { reviewer: false, admin: false })
  await seedBigTeam(server.url('lane'), BIG)

  // The app as it runs: the worker host, sync in its jobs worker.
  const host = new ApiWorkerHost({ file: workspace('app'), version: 'bench', transport: 'http', openOptions: { rollingBackups: false } })
  await host.start()
  const appPing = () => host.call('app.info', {})
  const idleUntil = performance.now() + IDLE_MS
  const idle = await pings(appPing, () => performance.now() > idleUntil)
  let ended = false
  let t0 = performance.now()
  const connected = await host.call('team.connect', { server: reader, password: '', autoSyncSeconds: null })
  if (!connected.ok) throw new Error(connected.error.message)
  const sync = host.call('team.syncNow', {}).then((r) => {
    ended = true
    return r
  })
  const jobsLane = await pings(appPing, () => ended)
  const last = await sync
  const jobsLanePullMs = performance.now() - t0
  if (!last.ok) throw new Error(last.error.message)
  const pulled = (last.value as { lastResult: { pulled: number } | null }).lastResult?.pulled ?? 0
  await host.call('team.disconnect', {})
  await host.close()

  // The previous design's model: the pull and the pings on one thread.
  const store = openStore(workspace('same'), { rollingBackups: false })
  const handlers = createHandlers({ store, version: 'bench', transport: 'http' })
  ended = false
  t0 = performance.now()
  const same = syncOnce(store, reader).then((r) => {
    ended = true
    return r
  })
  const sameThread = await pings(() => dispatch(handlers, 'app.info', {}), () => ended)
  const sameReport = await same
  const sameThreadPullMs = performance.now() - t0
  store.close()

  report({
    bigLayers: BIG,
    pulledJobsLane: pulled,
    pulledSameThread: sameReport.pulled,
    pingGapMs: PING_GAP_MS,
    idle: figures(idle),
    jobsLane: figures(jobsLane),
    sameThread: figures(sameThread),
    jobsLanePullMs: round(jobsLanePullMs),
    sameThreadPullMs: round(sameThreadPullMs),
    jobsLaneP99VsIdleP99: round(percentile(jobsLane, 99) / percentile(idle, 99), 2),
    sameThreadP99VsJobsLaneP99: round(percentile(sameThread, 99) / percentile(jobsLane, 99), 2),
  })
} finally {
  server.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
}
