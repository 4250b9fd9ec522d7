// A gold export of reviews marked done whose annotators changed their layers since says so (a warning: the export is
// written), naming the documents `spanwright review status` lists, on the CLI's stderr and in the API's export report.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createSpan, deleteSpan } from '../../../../../src/main/services/annotate/annotationService'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import { markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStore } from '../../../../helpers/tempWorkspace'
import { cliInProcess } from '../../../../helpers/cliInProcess'

const TEXT = 'Kerry met Michel in Brussels.'

/** d1..d8, each with alice's and bob's Kerry and a review marked done; then the annotators change d2..d8 but d5 (d2 by a deletion). */
function workspace() {
  const t = tempStore()
  const docs = Array.from({ length: 8 }, (_, i) => t.store.documents.insert({ externalId: `d${i + 1}`, title: `d${i + 1}`, text: TEXT, meta: {} }))
  for (const documentId of docs) {
    for (const a of ['alice', 'bob']) createSpan(t.store, { documentId, annotator: a, label: 'PERSON', start: 0, end: 5 })
    markReviewDone(t.store, { documentId, reviewer: 'rita', done: true })
  }
  deleteSpan(t.store, t.store.spans.layer(docs[1], t.store.annotators.byName('bob')!.id)[0].id)
  for (const i of [2, 3, 5, 6, 7]) createSpan(t.store, { documentId: docs[i], annotator: 'alice', label: 'GPE', start: 20, end: 28 })
  return t
}

const cli = cliInProcess

const WARNING = '6 gold documents come from reviews marked done whose annotators changed their layers since (d2, d3, d4, d6, d7, …): their gold is as the reviewer left it and no longer reflects the annotators (spanwright review status lists them; reopen a review to take the changes in)'

describe('export --gold of reviews changed since done', () => {
  it('writes every done review and warns of the changed ones, the same documents review status lists; none changed, no warning', async () => {
    const t = workspace()
    t.store.close()
    const out = path.join(t.dir, 'gold.jsonl')
    const r = await cli(['export', '--format', 'jsonl', '--gold', '--db', t.file, '--out', out])
    expect(r.code).toBe(0)
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: unknown[] })
    // Exported anyway, gold as the reviewer left it (d2's Kerry, which bob deleted, included).
    expect(rows.map((x) => `${x.id}:${x.spans.length}`)).toEqual(['d1:1', 'd2:1', 'd3:1', 'd4:1', 'd5:1', 'd6:1', 'd7:1', 'd8:1'])
    expect(r.errors).toContain(`warning: ${WARNING}`)
    const status = await cli(['review', 'status', '--json', '--db', t.file])
    const listed = (JSON.parse(status.lines[0]) as { reviews: { externalId: string; changedSinceDone: number }[] }).reviews.filter((x) => x.changedSinceDone > 0)
    expect(listed.map((x) => x.externalId).sort()).toEqual(['d2', 'd3', 'd4', 'd6', 'd7', 'd8'])

    // `--annotator gold` takes the same gold layers and says the same; an annotator's layer export says nothing of it.
    const layer = await cli(['export', '--format', 'jsonl', '--annotator', 'gold', '--db', t.file, '--out', path.join(t.dir, 'layer.jsonl')])
    expect(layer.errors).toContain(`warning: ${WARNING}`)
    const alice = await cli(['export', '--format', 'jsonl', '--annotator', 'alice', '--db', t.file, '--out', path.join(t.dir, 'alice.jsonl')])
    expect(alice.errors.join('\n')).not.toMatch(/changed their layers since/)

    const fresh = tempStore()
    const documentId = fresh.store.documents.insert({ externalId: 'e1', title: 'e1', text: TEXT, meta: {} })
    createSpan(fresh.store, { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    markReviewDone(fresh.store, { documentId, reviewer: 'rita', done: true })
    fresh.store.close()
    const clean = await cli(['export', '--format', 'jsonl', '--gold', '--db', fresh.file, '--out', path.join(fresh.dir, 'gold.jsonl')])
    expect(clean.code).toBe(0)
    expect(clean.errors.join('\n')).not.toMatch(/changed their layers since/)
  })

  it('says it in the API export report too, one document named without "…"', async () => {
    const t = workspace()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    // What the export dialog says before a gold export: how many in all, the first few named.
    const before = await dispatch(h, 'review.changedSinceDone', { limit: 2 })
    expect(before).toMatchObject({ ok: true, value: { changedReviews: 6, doneReviews: 8 } })
    expect((before as { value: { reviews: unknown[] } }).value.reviews).toHaveLength(2)
    for (const id of ['d3', 'd4', 'd6', 'd7', 'd8']) markReviewDone(t.store, { documentId: t.store.documents.byExternalId(id)!.id, reviewer: 'rita', done: false })
    const started = await dispatch(h, 'transfer.export', { format: 'jsonl', gold: true })
    if (!started.ok) throw new Error(started.error.message)
    const job = (await jobSettled((started.value as JobStatus).id)) as JobStatus
    expect(job.state).toBe('done')
    expect(job.exportReport?.layers).toBe(3)
    expect(job.exportReport?.warnings.filter((w) => /changed their layers since/.test(w))).toEqual([
      '1 gold document comes from reviews marked done whose annotators changed their layers since (d2): their gold is as the reviewer left it and no longer reflects the annotators (spanwright review status lists them; reopen a review to take the changes in)',
    ])
    t.store.close()
  })
})
