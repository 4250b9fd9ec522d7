import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setReviewStatus } from '../../../src/main/services/review/reviewService'
import { inTeam } from '../../../src/main/store/teamMembership'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { addDocuments, desktop, docId, exported, label, relate } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()
const outboxRows = (d: Desktop) => d.store.db.prepare('SELECT (SELECT COUNT(*) FROM team_outbox) + (SELECT COUNT(*) FROM team_gold_outbox)').pluck().get() as number

describe.skipIf(missing)(`joining a team pushes what the workspace held before (real PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const desktops: Desktop[] = []
  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lena = await addAnnotator(server.url('team'), 'lena', { reviewer: true, admin: true })
    urls.remo = await addAnnotator(server.url('team'), 'remo', { reviewer: true, admin: false })
  })
  afterAll(() => {
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test('a workspace annotated outside any team marks nothing; its first sync marks and pushes every layer and gold item, and a second desktop gets all of it', async () => {
    const lena = desktop('lena')
    desktops.push(lena)
    addDocuments(lena)
    const un = label(lena, 'lena', 'doc-1', 'United Nations', 'ORG')
    relate(lena, 'lena', 'doc-1', un, label(lena, 'lena', 'doc-1', 'Geneva', 'GPE'), 'LOCATED_IN')
    label(lena, 'lena', 'doc-0', 'Ada Lovelace', 'PERSON')
    const curie = label(lena, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    relate(lena, 'gold', 'doc-2', curie, label(lena, 'gold', 'doc-2', 'University of Paris', 'ORG'), 'AFFILIATED_WITH')
    setReviewStatus(lena.store, { documentId: docId(lena, 'doc-2'), reviewer: 'lena', status: 'in_review' })
    // Outside a team: not one outbox row for any of those writes.
    expect(inTeam(lena.store.db)).toBe(false)
    expect(outboxRows(lena)).toBe(0)

    const first = await syncOnce(lena.store, urls.lena)
    // Two layers of lena's (doc-0, doc-1) and, item by item, gold: two spans, a relation, the gold status and the review status.
    expect(first).toMatchObject({ pushed: 7, refused: [], conflicts: [] })
    expect(inTeam(lena.store.db)).toBe(true)
    expect(outboxRows(lena)).toBe(0)

    const remo = desktop('remo')
    desktops.push(remo)
    await syncOnce(remo.store, urls.remo)
    const mine = await exported(lena)
    expect(mine.some((l) => l.includes('"annotator":"gold"') && l.includes('AFFILIATED_WITH'))).toBe(true)
    expect(await exported(remo)).toEqual(mine)

    // After joining, an edit is marked and travels as before.
    label(lena, 'lena', 'doc-3', 'Alan Turing', 'PERSON')
    expect(outboxRows(lena)).toBe(1)
    expect(await syncOnce(lena.store, urls.lena)).toMatchObject({ pushed: 1, refused: [], conflicts: [] })
    await syncOnce(remo.store, urls.remo)
    expect(await exported(remo)).toEqual(await exported(lena))
    // Nothing left to move either way.
    for (const [d, url] of [[lena, urls.lena], [remo, urls.remo]] as const) expect(await syncOnce(d.store, url)).toMatchObject({ pushed: 0, pulled: 0 })
  })
})
