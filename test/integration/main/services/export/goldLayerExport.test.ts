// `export --annotator gold` (without --gold) takes every gold layer, reviews not done included: the export says so,
// on the CLI's stderr and in the API's export report, where --gold (reviews marked done only) says nothing of the kind.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStore } from '../../../../helpers/tempWorkspace'
import { cliInProcess } from '../../../../helpers/cliInProcess'

const TEXT = 'Kerry met Michel in Brussels.'
const WARNING = /--annotator gold writes every gold layer: 1 document whose review is not done is included, their gold as it stands mid-review \(--gold writes only reviews marked done\)/

/** d1's review is done; d2's is begun (one reading accepted into gold), not done. */
function workspace() {
  const t = tempStore()
  const docs = ['d1', 'd2'].map((externalId) => t.store.documents.insert({ externalId, title: externalId, text: TEXT, meta: {} }))
  for (const documentId of docs) {
    const a = createSpan(t.store, { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    createSpan(t.store, { documentId, annotator: 'bob', label: 'ORG', start: 0, end: 5 })
    decide(t.store, { documentId, reviewer: 'rita', accept: { item: { kind: 'span', id: a.id } } })
  }
  const bobsOrg = t.store.spans.layer(docs[0], t.store.annotators.byName('bob')!.id)[0]
  decide(t.store, { documentId: docs[0], reviewer: 'rita', reject: [{ kind: 'span', id: bobsOrg.id }] })
  markReviewDone(t.store, { documentId: docs[0], reviewer: 'rita', done: true })
  return t
}

const cli = cliInProcess

const ids = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)

describe('export --annotator gold, without --gold', () => {
  it('writes both gold layers and warns that one review is not done; --gold writes the done one without that warning', async () => {
    const t = workspace()
    t.store.close()
    const out = path.join(t.dir, 'gold-layer.jsonl')
    const r = await cli(['export', '--format', 'jsonl', '--annotator', 'gold', '--db', t.file, '--out', out])
    expect(r.code).toBe(0)
    expect(ids(out)).toEqual(['d1', 'd2'])
    expect(r.errors.filter((e) => WARNING.test(e))).toEqual([expect.stringMatching(/^warning: /)])

    const done = path.join(t.dir, 'gold.jsonl')
    const g = await cli(['export', '--format', 'jsonl', '--gold', '--db', t.file, '--out', done])
    expect(g.code).toBe(0)
    expect(ids(done)).toEqual(['d1'])
    expect(g.errors.join('\n')).not.toMatch(/every gold layer/)
    expect(g.errors.join('\n')).toMatch(/left out 1 document: review not done \(/)
  })

  it('says it in the API export report too', async () => {
    const t = workspace()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    const started = await dispatch(h, 'transfer.export', { format: 'jsonl', annotator: 'gold' })
    if (!started.ok) throw new Error(started.error.message)
    const job = (await jobSettled((started.value as JobStatus).id)) as JobStatus
    expect(job.state).toBe('done')
    expect(job.exportReport?.layers).toBe(2)
    expect(job.exportReport?.warnings.filter((w) => WARNING.test(w))).toHaveLength(1)
    t.store.close()
  })
})
