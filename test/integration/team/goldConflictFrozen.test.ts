// A done review's gold is what a gold export writes (services/goldFreeze.ts): a team conflict's kept-aside copy
// may not change it either. Before, *Take mine* wrote the copy into a review marked done.
import { describe, expect, test } from 'vitest'
import { setReviewStatus } from '../../../src/main/services/review/reviewService'
import { listConflicts, resolveConflict } from '../../../src/main/services/team/conflictService'
import { postgresMissing } from '../../helpers/postgresServer'
import { goldOf, relabelAtOnce, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

describe.skipIf(missing)(`a gold conflict on a done review, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const { desktops, open, sync } = teamTestKit(urls)
  teamServerFor({ desktops, open, sync }, urls, { lead: 'admin', rita: 'reviewer', remy: 'reviewer' })

  test("Take mine is refused while the document's review is done on this desktop, and taken once it is reopened", async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    expect((await relabelAtOnce(sync, [rita, remy], 'doc-0', 'Charles Babbage', ['PERSON', 'NORP', 'ORG'])).conflicts).toHaveLength(1)
    const doc = remy.store.documents.byExternalId('doc-0')!.id
    const [c] = listConflicts(remy.store, { documentId: doc })
    setReviewStatus(remy.store, { documentId: doc, reviewer: 'remy', status: 'adjudicated' })
    expect(() => resolveConflict(remy.store, { id: c.id, keep: 'mine' })).toThrow(/review of document doc-0 is marked done: reopen it/)
    expect(goldOf(remy, 'doc-0')).toEqual(['NORP Charles Babbage'])
    expect(listConflicts(remy.store, { documentId: doc })).toHaveLength(1)
    setReviewStatus(remy.store, { documentId: doc, reviewer: 'remy', status: 'in_review' })
    expect(resolveConflict(remy.store, { id: c.id, keep: 'mine' })).toMatchObject({ remaining: 0 })
    expect(goldOf(remy, 'doc-0')).toEqual(['ORG Charles Babbage'])
  })
})
