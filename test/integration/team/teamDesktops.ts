import fs from 'node:fs'
import pg from 'pg'
import { afterAll, afterEach, beforeAll } from 'vitest'
import path from 'node:path'
import { createRelation, createSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { main } from '../../../src/main/cli/main'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { openStore } from '../../../src/main/store/store'
import type { Store } from '../../../src/main/store/store'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { tempStore } from '../../helpers/tempWorkspace'

/** A desktop in a team test: its own real workspace file, with the default schema. */
export interface Desktop {
  name: string
  store: Store
  file: string
  dir: string
}

export function desktop(name: string): Desktop {
  const { store, file, dir } = tempStore()
  return { name, store, file, dir }
}

/**
 * What every team test file needs beside its server: desktops it opens (and closes
 * with `desktops`), a sync of a desktop under its member's URL, and raw SQL clients
 * ended after each test. Call it in the describe body.
 */
export function teamTestKit(urls: Record<string, string>) {
  const desktops: Desktop[] = []
  const clients: pg.Client[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end().catch(() => undefined)
  })
  return {
    desktops,
    open(name: string): Desktop {
      const d = desktop(name)
      desktops.push(d)
      return d
    },
    sync: (d: Desktop) => syncOnce(d.store, urls[d.name]),
    async rawClient(url: string): Promise<pg.Client> {
      const c = new pg.Client({ connectionString: url })
      c.on('error', () => undefined)
      clients.push(c)
      await c.connect()
      return c
    },
    /** `spanwright ARGS --db FILE` on a desktop's workspace (closed meanwhile, as the CLI needs it), with what it printed. */
    async cli(d: Desktop, args: string[]): Promise<{ code: number; lines: string[] }> {
      const lines: string[] = []
      d.store.close()
      try {
        const code = await main([...args, '--db', d.file], { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) })
        return { code, lines }
      } finally {
        d.store = openStore(d.file)
      }
    },
  }
}

/**
 * The describe's team: a PostgreSQL server started before its tests with database `team` and its schema, the
 * members added (their URLs put in `urls`), and, unless `documents` is false, lead's sample documents synced;
 * every desktop closed and the server stopped after them. Call it in the describe body, after `teamTestKit`.
 */
export function teamServerFor(
  kit: { desktops: Desktop[]; open(name: string): Desktop; sync(d: Desktop): Promise<unknown> },
  urls: Record<string, string>,
  members: Record<string, 'admin' | 'reviewer' | 'annotator'>,
  opts: { documents?: boolean } = {},
): { adminUrl(): string; server(): PostgresServer } {
  let server: PostgresServer | undefined
  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    for (const [name, role] of Object.entries(members)) urls[name] = await addAnnotator(server.url('team'), name, { reviewer: role === 'reviewer', admin: role === 'admin' })
    if (opts.documents === false) return
    const lead = kit.open('lead')
    addDocuments(lead)
    await kit.sync(lead)
  }, 120_000)
  afterAll(() => {
    for (const d of kit.desktops) d.store.close()
    server?.destroy()
  })
  return { adminUrl: () => server!.url('team'), server: () => server! }
}

export const TEXTS = [
  'Ada Lovelace worked with Charles Babbage in London.',
  'The United Nations met in Geneva on Monday.',
  'Marie Curie joined the University of Paris.',
  'Alan Turing was born in Maida Vale, London.',
]

/** The admin's desktop holds the documents the team annotates. */
export function addDocuments(d: Desktop, count = TEXTS.length): void {
  for (let i = 0; i < count; i++) d.store.documents.insert({ externalId: `doc-${i}`, title: `Doc ${i}`, text: TEXTS[i % TEXTS.length], meta: {} })
}

export function docId(d: Desktop, externalId: string): number {
  return d.store.documents.byExternalId(externalId)!.id
}

/** A span by the words it covers (first occurrence), in `annotator`'s layer. */
export function label(d: Desktop, annotator: string, externalId: string, words: string, labelName: string): number {
  const doc = d.store.documents.byExternalId(externalId)!
  const start = doc.text.indexOf(words)
  if (start < 0) throw new Error(`${words} not in ${externalId}`)
  return createSpan(d.store, { documentId: doc.id, annotator, label: labelName, start, end: start + words.length }).id
}

export function relate(d: Desktop, annotator: string, externalId: string, head: number, tail: number, labelName: string): void {
  createRelation(d.store, { documentId: docId(d, externalId), annotator, label: labelName, headId: head, tailId: tail })
}

/** The workspace as a consumer sees it: its JSONL export (every layer), lines sorted. */
export async function exported(d: Desktop): Promise<string[]> {
  const out = path.join(d.dir, `export-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`)
  await exportDataset(d.store, out, { format: 'jsonl' })
  const lines = fs
    .readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.stringify(normalize(renumber(JSON.parse(l) as Layer))))
  return lines.sort()
}

interface Layer {
  spans?: { id: string }[]
  relations?: { id: string; head: string; tail: string }[]
}

/** Span and relation ids (T12, R3) are numbered per workspace: rename them by position within the layer. */
function renumber(l: Layer): Layer {
  const ids = new Map((l.spans ?? []).map((s, i) => [s.id, `T#${i}`]))
  return {
    ...l,
    spans: l.spans?.map((s) => ({ ...s, id: ids.get(s.id)! })),
    relations: l.relations?.map((r, i) => ({ ...r, id: `R#${i}`, head: ids.get(r.head) ?? r.head, tail: ids.get(r.tail) ?? r.tail })),
  }
}

// Local row ids and timestamps differ between desktops by design; everything else must match.
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !/^(created_?at|updated_?at|exported_?at)$/i.test(k))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, normalize(x)]),
    )
  return v
}

/** The gold layer of a document on a desktop: "LABEL text" per span and "LABEL head>tail" per relation, sorted. */
export function goldOf(d: Desktop, externalId: string): string[] {
  const doc = d.store.documents.byExternalId(externalId)!
  const gold = d.store.annotators.byName('gold')
  if (!gold) return []
  const spans = d.store.spans.layer(doc.id, gold.id)
  const text = (id: number) => {
    const s = spans.find((x) => x.id === id)!
    return doc.text.slice(s.start, s.end)
  }
  return [
    ...spans.map((s) => `${s.label} ${doc.text.slice(s.start, s.end)}`),
    ...d.store.relations.layer(doc.id, gold.id).map((r) => `${r.label} ${text(r.headId)}>${text(r.tailId)}`),
  ].sort()
}

/** A gold span's local id on a desktop, by the words it covers. */
export function goldSpan(d: Desktop, externalId: string, words: string): number {
  const doc = d.store.documents.byExternalId(externalId)!
  const start = doc.text.indexOf(words)
  const s = d.store.spans.layer(doc.id, d.store.annotators.byName('gold')!.id).find((x) => x.start === start && x.end === start + words.length)
  if (!s) throw new Error(`no gold span on ${words}`)
  return s.id
}

/**
 * Two reviewers relabel one gold span at once: `first` labels it and both pull it, then each relabels it and
 * `first` syncs before `second`. Returns `second`'s sync report (a conflict, unless both chose the same label).
 */
export async function relabelAtOnce(
  sync: (d: Desktop) => Promise<Awaited<ReturnType<typeof syncOnce>>>,
  [first, second]: [Desktop, Desktop],
  externalId: string,
  words: string,
  labels: [start: string, first: string, second: string],
): Promise<Awaited<ReturnType<typeof syncOnce>>> {
  for (const d of [first, second]) await sync(d)
  label(first, 'gold', externalId, words, labels[0])
  for (const d of [first, second]) await sync(d)
  updateSpan(first.store, { id: goldSpan(first, externalId, words), label: labels[1] })
  updateSpan(second.store, { id: goldSpan(second, externalId, words), label: labels[2] })
  await sync(first)
  return sync(second)
}

/**
 * The client backends a member has open on the server now (pg_stat_activity, read through `su`'s client), and
 * `when`, which waits (at most 10 s) until `ok` holds: a backend ends a moment after its client has said goodbye.
 */
export function memberBackends(su: () => Promise<pg.Client>) {
  const now = async (name: string): Promise<number[]> => {
    const r = await (await su()).query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE usename = $1 AND backend_type = 'client backend' ORDER BY pid", [name])
    return r.rows.map((x) => x.pid)
  }
  const when = async (name: string, ok: (pids: number[]) => boolean): Promise<number[]> => {
    let pids = await now(name)
    for (let i = 0; i < 100 && !ok(pids); i++) {
      await new Promise((r) => setTimeout(r, 100))
      pids = await now(name)
    }
    return pids
  }
  return { now, when }
}
