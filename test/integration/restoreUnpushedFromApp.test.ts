import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../src/shared/api/errors'
import type { Args, Method, Result } from '../../src/shared/api/contract'
import type { ApiContext } from '../../src/main/api/context'
import { dispatch } from '../../src/main/api/dispatch'
import { createApiHandlers } from '../../src/main/api/liveHandlers'
import { listBackups } from '../../src/main/store/backups'
import { joinTeam } from '../../src/main/store/teamMembership'
import { tempStore } from '../helpers/tempWorkspace'

// The Backups screen's view of a restore in a team: what the replaced state had not pushed, apart, and the listed copy
// that holds it (so the screen can offer to restore it by name).
const opened: ApiContext[] = []
afterEach(() => {
  for (const ctx of opened.splice(0)) ctx.store.close()
})

function appOver() {
  const { store, file } = tempStore()
  const ctx: ApiContext = { store, version: 'test', transport: 'http' }
  const handlers = createApiHandlers(ctx)
  opened.push(ctx)
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => {
    const reply = (await dispatch(handlers, method, args)) as Reply<Result<M>>
    if (!reply.ok) throw new Error(reply.error.message)
    return reply.value
  }
  return { ctx, file, call }
}

const outboxRows = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return [db.prepare('SELECT count(*) FROM team_outbox').pluck().get(), db.prepare('SELECT count(*) FROM team_gold_outbox').pluck().get()]
  } finally {
    db.close()
  }
}

describe('workspace.restore in a team', () => {
  it('says how many layers and gold items the replaced state had not pushed, names the listed copy holding them, and restoring that copy brings them back', async () => {
    const app = appOver()
    const documentId = app.ctx.store.documents.insert({ externalId: 'd1', title: 'D1', text: 'Kerry met Michel in Brussels.', meta: {} })
    await app.call('session.setAnnotator', { name: 'alice' })
    const backup = await app.call('workspace.backup', {})
    // In a team from here on: every write marks the outbox (as a first sync would leave it, before pushing).
    joinTeam(app.ctx.store.db)
    const span = await app.call('spans.create', { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    await app.call('spans.create', { documentId, annotator: 'bob', label: 'PERSON', start: 10, end: 16 })
    await app.call('review.accept', { reviewer: 'rita', item: { kind: 'span', id: span.id } })
    const [layers, goldItems] = outboxRows(app.file)
    expect(layers).toBe(2)
    expect(goldItems).toBeGreaterThan(0)

    const outcome = await app.call('workspace.restore', { name: backup.name })
    expect(outcome.unpushed).toEqual({ layers, goldItems })
    expect(outcome.previousBackup?.reason).toBe('before-restore')
    expect(listBackups(app.file).map((b) => b.name)).toContain(outcome.previousBackup!.name)
    expect((await app.call('annotations.get', { documentId, annotator: 'alice' })).spans).toHaveLength(0)

    // Restoring the kept copy by the name the screen got brings them back; the backup had nothing unpushed.
    const back = await app.call('workspace.restore', { name: outcome.previousBackup!.name })
    expect(back.unpushed).toBeUndefined()
    expect((await app.call('annotations.get', { documentId, annotator: 'alice' })).spans.map((s) => s.label)).toEqual(['PERSON'])
    expect(outboxRows(app.file)).toEqual([layers, goldItems])
  })

  it('outside a team, says nothing is unpushed', async () => {
    const app = appOver()
    const documentId = app.ctx.store.documents.insert({ externalId: 'd1', title: 'D1', text: 'Kerry met Michel.', meta: {} })
    await app.call('session.setAnnotator', { name: 'alice' })
    const backup = await app.call('workspace.backup', {})
    await app.call('spans.create', { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    const outcome = await app.call('workspace.restore', { name: backup.name })
    expect(outcome.unpushed).toBeUndefined()
    expect(outcome.previousBackup?.reason).toBe('before-restore')
  })
})
