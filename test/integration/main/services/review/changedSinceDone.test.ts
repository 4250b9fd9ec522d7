import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { main } from '../../../../../src/main/cli/main'
import { createRelation, createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../../src/main/services/review/reviewService'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

/** alice and bob agree on Kerry, differ on Brussels; rita settles it and marks the review done. */
function doneReview() {
  const t = tempStore()
  const doc = { id: t.store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT, meta: {} }) }
  const span = (annotator: string, start: number, end: number, label: string) => createSpan(t.store, { documentId: doc.id, annotator, label, start, end })
  span('alice', 0, 5, 'PERSON')
  span('bob', 0, 5, 'PERSON')
  const a = span('alice', 20, 28, 'GPE')
  const b = span('bob', 20, 28, 'LOC')
  decide(t.store, { documentId: doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: a.id } }, reject: [{ kind: 'span', id: b.id }] })
  markReviewDone(t.store, { documentId: doc.id, reviewer: 'rita', done: true })
  return { ...t, doc, span }
}

async function goldExport(t: ReturnType<typeof doneReview>): Promise<string> {
  const out = join(t.dir, 'gold.jsonl')
  await exportDataset(t.store, out, { format: 'jsonl', gold: true })
  return readFileSync(out, 'utf8')
}

describe('a review marked done, then changed by its annotators', () => {
  it('stays done and says how many items differ now: a new span of one annotator, a span both add, a third annotator imported', async () => {
    const t = doneReview()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    expect(reviewData(t.store, { documentId: t.doc.id })).toMatchObject({ status: 'adjudicated', open: 0, changedSinceDone: 0 })
    expect(await dispatch(h, 'review.changedSinceDone', {})).toEqual({ ok: true, value: { reviews: [], changedReviews: 0, doneReviews: 1 } })
    const exported = await goldExport(t)

    // alice marks Michel after the finish: one open place, the review still done, gold and its export unchanged.
    t.span('alice', 10, 16, 'PERSON')
    expect(reviewData(t.store, { documentId: t.doc.id })).toMatchObject({ status: 'adjudicated', open: 1, changedSinceDone: 1 })
    expect(await goldExport(t)).toBe(exported)
    // bob marks it too: now they agree, but gold lacks it; each annotator's new item counts (two items since the finish).
    t.span('bob', 10, 16, 'PERSON')
    expect(reviewData(t.store, { documentId: t.doc.id })).toMatchObject({ open: 0, changedSinceDone: 2 })

    // An import adds carl, who marked Kerry and Brussels as ORG: Michel (carl lacks it) and Brussels (a new reading) are
    // open; carl's two items are two more changes since the finish.
    const carl = join(t.dir, 'carl.jsonl')
    writeFileSync(carl, JSON.stringify({ id: 'd1', text: TEXT, annotator: 'carl', spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 20, end: 28, label: 'ORG' }] }) + '\n')
    await importFiles(t.store, [carl], { annotator: null })
    const data = reviewData(t.store, { documentId: t.doc.id })
    expect(data.layers.map((l) => l.annotator).sort()).toEqual(['alice', 'bob', 'carl'])
    expect(data).toMatchObject({ status: 'adjudicated', open: 2, changedSinceDone: 4 })
    expect(await dispatch(h, 'review.changedSinceDone', {})).toEqual({
      ok: true,
      value: { reviews: [{ documentId: t.doc.id, externalId: 'd1', title: 'One', changed: 4 }], changedReviews: 1, doneReviews: 1 },
    })
    expect(await goldExport(t)).toBe(exported)

    // Reopened, it is an ordinary open review again (0 here means "not done", the open count says what is left).
    const reopened = await dispatch(h, 'review.done', { documentId: t.doc.id, reviewer: 'rita', done: false })
    expect(reopened).toMatchObject({ ok: true, value: { status: 'in_review', open: 2, changedSinceDone: 0 } })
    expect(await dispatch(h, 'review.changedSinceDone', {})).toEqual({ ok: true, value: { reviews: [], changedReviews: 0, doneReviews: 0 } })
    t.store.close()
  })

  it('a relation both annotators add after the finish differs (one item each); one the finish could not take into gold (its type refuses gold\'s end label) does not', async () => {
    const t = doneReview()
    const layer = (a: string) => t.store.spans.layer(t.doc.id, t.store.annotators.byName(a)!.id)
    for (const a of ['alice', 'bob']) {
      const [kerry, brussels] = [0, 20].map((start) => layer(a).find((s) => s.start === start)!)
      createRelation(t.store, { documentId: t.doc.id, annotator: a, label: 'PART_OF', headId: kerry.id, tailId: brussels.id })
    }
    // Agreed (their Brussels differs only in label), gold has both ends and no such relation: two new relations since.
    expect(reviewData(t.store, { documentId: t.doc.id })).toMatchObject({ status: 'adjudicated', open: 0, changedSinceDone: 2 })
    t.store.close()

    const u = tempStore()
    const documentId = u.store.documents.insert({ externalId: 'd2', title: 'Two', text: TEXT, meta: {} })
    const ids: Record<string, number> = {}
    for (const [a, michel] of [['alice', 'ORG'], ['bob', 'FAC']]) {
      ids[a] = createSpan(u.store, { documentId, annotator: a, label: michel, start: 10, end: 16 }).id
      const brussels = createSpan(u.store, { documentId, annotator: a, label: 'GPE', start: 20, end: 28 })
      createRelation(u.store, { documentId, annotator: a, label: 'LOCATED_IN', headId: ids[a], tailId: brussels.id })
    }
    // rita makes Michel a PERSON: LOCATED_IN takes no PERSON head, so the finish leaves the agreed relation out of gold.
    decide(u.store, { documentId, reviewer: 'rita', accept: { item: { kind: 'span', id: ids.alice }, edit: { label: 'PERSON' } }, reject: [{ kind: 'span', id: ids.bob }] })
    const done = markReviewDone(u.store, { documentId, reviewer: 'rita', done: true })
    expect(done.gold.relations).toEqual([])
    expect(done).toMatchObject({ status: 'adjudicated', open: 0, changedSinceDone: 0 })
    u.store.close()
  })

  it('spanwright review status says which done review annotators changed since, in words and in --json', async () => {
    const t = doneReview()
    t.span('alice', 10, 16, 'PERSON')
    t.store.documents.insert({ externalId: 'd2', title: 'Two', text: 'Angela.', meta: {} })
    const run = async (args: string[]) => {
      const lines: string[] = []
      const errors: string[] = []
      const code = await main(['review', ...args, '--db', t.file], { log: (l) => lines.push(l), error: (l) => errors.push(l) })
      return { code, lines, errors }
    }
    const text = await run(['status'])
    expect(text.code).toBe(0)
    expect(text.lines).toEqual(['d1: review done, but annotators changed it since: 1 item differs now (gold and its export are as they were; reopen the review to take them in)'])
    expect(text.errors).toEqual(['warning: 1 review marked done changed since (listed above)'])
    const json = await run(['status', '--json'])
    expect(JSON.parse(json.lines[0])).toEqual({ reviews: [{ documentId: t.doc.id, externalId: 'd1', status: 'adjudicated', open: 1, changedSinceDone: 1 }] })
    expect((await run(['stats'])).errors.join('\n')).toMatch(/review takes one subcommand, status/)
    t.store.close()
  })

  it('review.changedSinceDone refuses arguments it does not know, naming them', async () => {
    const t = doneReview()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    const r = await dispatch(h, 'review.changedSinceDone', { limit: 0, documentId: 1 })
    expect(r.ok).toBe(false)
    expect(JSON.stringify(r)).toMatch(/documentId|limit/)
    t.store.close()
  })
})
