// A real temp workspace with a little annotated data, and a dispatch wrapper
// that checks the promise every door makes: never throw, always a structured
// reply, and an error reply leaves the store exactly as it was.
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import type { Handlers } from '../../../../src/main/api/handlerTypes'
import type { ErrorCode, Reply } from '../../../../src/shared/api/errors'
import type { Store } from '../../../../src/main/store/store'
import { snapshotStore } from '../../../helpers/storeSnapshot'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

export const ERROR_CODES: readonly ErrorCode[] = ['bad_request', 'unknown_method', 'not_found', 'conflict', 'invalid_input', 'unauthorized', 'internal']

export interface FuzzWorkspace {
  store: Store
  handlers: Handlers
  docId: number
  spanIds: number[]
}

let sandbox: string | null = null

/**
 * Moves this test process into an empty folder eight levels down a fresh temp
 * tree: a fuzzed relative path (`..`, `a/b`, an export's `out`) handed to a
 * method that reads or writes files stays inside the tree. Once per process.
 */
export function sandboxCwd(): string {
  if (!sandbox) {
    sandbox = path.join(tempDir('spanwright-fuzz-cwd-'), ...'abcdefgh'.split(''))
    fs.mkdirSync(sandbox, { recursive: true })
    process.chdir(sandbox)
  }
  return sandbox
}

/** The news schema, one document and alice's layer on it (two spans, one relation), so small ids name real rows. */
export async function fuzzWorkspace(): Promise<FuzzWorkspace> {
  sandboxCwd()
  const { store } = tempStore()
  const handlers = createHandlers({ store, version: 'fuzz', transport: 'ipc' })
  const docId = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel 😀 in Brussels.', meta: {} })
  const spanIds: number[] = []
  for (const [label, start, end] of [['PERSON', 0, 5], ['PERSON', 10, 16], ['GPE', 23, 31]] as const) {
    const r = await dispatch(handlers, 'spans.create', { documentId: docId, annotator: 'alice', label, start, end })
    if (!r.ok) throw new Error(`fixture: ${r.error.message}`)
    spanIds.push((r.value as { id: number }).id)
  }
  const rel = await dispatch(handlers, 'relations.create', { documentId: docId, annotator: 'alice', label: 'PART_OF', headId: spanIds[0], tailId: spanIds[1] })
  if (!rel.ok) throw new Error(`fixture: ${rel.error.message}`)
  return { store, handlers, docId, spanIds }
}

/** Rows changed on this connection since it opened: a cheap "did anything write?" before the full snapshot. */
const changeQueries = new WeakMap<Store, { get(): { n: number } | undefined }>()
function totalChanges(store: Store): number {
  let q = changeQueries.get(store)
  if (!q) changeQueries.set(store, (q = store.db.prepare<[], { n: number }>('SELECT total_changes() AS n')))
  return q.get()!.n
}

export interface CallTally {
  calls: number
  ok: number
  errors: Partial<Record<ErrorCode, number>>
  /** Thrown exceptions or malformed replies: must stay 0. */
  crashes: number
}

/**
 * Calls dispatch the way a transport does and asserts the contract of the
 * door. The full snapshot is compared only when the connection wrote
 * something, so thousands of calls stay fast and the check stays exact.
 */
export class CheckedDispatch {
  readonly tally: CallTally = { calls: 0, ok: 0, errors: {}, crashes: 0 }
  private baseline: Record<string, unknown[]>
  private changes: number

  constructor(private readonly ws: FuzzWorkspace) {
    this.baseline = snapshotStore(ws.store)
    this.changes = totalChanges(ws.store)
  }

  async call(method: unknown, payload: unknown): Promise<Reply<unknown>> {
    this.tally.calls++
    let reply: Reply<unknown>
    try {
      reply = await dispatch(this.ws.handlers, method, payload)
    } catch (e) {
      this.tally.crashes++
      throw new Error(`dispatch threw for ${describe(method)}: ${String(e)}`)
    }
    if (!isStructured(reply)) {
      this.tally.crashes++
      throw new Error(`dispatch gave an unstructured reply for ${describe(method)}`)
    }
    // Both transports must be able to carry the reply (HTTP sends JSON).
    expect(() => JSON.stringify(reply)).not.toThrow()
    if (reply.ok) {
      this.tally.ok++
      if (totalChanges(this.ws.store) !== this.changes) this.rebase()
      return reply
    }
    this.tally.errors[reply.error.code] = (this.tally.errors[reply.error.code] ?? 0) + 1
    // `internal` means a handler met input its schema let through: a bug, not a refusal.
    expect(reply.error.code, `${describe(method)}: ${reply.error.message}`).not.toBe('internal')
    if (totalChanges(this.ws.store) !== this.changes) {
      expect(snapshotStore(this.ws.store), `${describe(method)} failed but changed the store`).toEqual(this.baseline)
      this.changes = totalChanges(this.ws.store)
    }
    return reply
  }

  /** A successful call may write: the next failure is compared with the store as it now is. */
  rebase(): void {
    this.baseline = snapshotStore(this.ws.store)
    this.changes = totalChanges(this.ws.store)
  }
}

function describe(method: unknown): string {
  try {
    return typeof method === 'string' ? method.slice(0, 60) : `(${typeof method})`
  } catch {
    return '(method)'
  }
}

function isStructured(r: unknown): r is Reply<unknown> {
  if (typeof r !== 'object' || r === null) return false
  const o = r as Record<string, unknown>
  if (o.ok === true) return 'value' in o
  if (o.ok !== false) return false
  const e = o.error as Record<string, unknown> | undefined
  return !!e && ERROR_CODES.includes(e.code as ErrorCode) && typeof e.message === 'string' && e.message.length > 0
}
