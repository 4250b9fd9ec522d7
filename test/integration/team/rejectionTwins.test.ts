import { describe, expect, test } from 'vitest'
import { createRelation } from '../../../src/main/services/annotate/annotationService'
import { rejectItem, reviewData } from '../../../src/main/services/review/reviewService'
import { describeRejectionKey } from '../../../src/shared/team/goldItems'
import { postgresMissing } from '../../helpers/postgresServer'
import { label, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()

/**
 * Two items of one annotator's layer with the same offsets and label (they
 * may differ in attributes, fragments or notes) used to share the key their
 * rejection travels by, so a reviewer's rejection of the second landed on the
 * first on the other desktops. The key now names which of the identical items.
 */
describe.skipIf(missing)(`rejections of identical items are not confused, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { desktops, open, sync, rawClient } = kit

  const team = teamServerFor(kit, urls, { lead: 'admin', carol: 'annotator', rita: 'reviewer', remy: 'reviewer' })

  test('a rejection of the second of two identical spans (and relations) lands on the second on every desktop, survives a pulled layer, and taking it back travels', async () => {
    const [carol, rita, remy] = [open('carol'), open('rita'), open('remy')]
    for (const d of [carol, rita, remy]) await sync(d)
    const curie = label(carol, 'carol', 'doc-2', 'Marie Curie', 'PERSON')
    const uni1 = label(carol, 'carol', 'doc-2', 'University of Paris', 'ORG')
    const uni2 = label(carol, 'carol', 'doc-2', 'University of Paris', 'ORG')
    expect(uni2).not.toBe(uni1)
    const doc = (d: Desktop) => d.store.documents.byExternalId('doc-2')!.id
    createRelation(carol.store, { documentId: doc(carol), annotator: 'carol', label: 'AFFILIATED_WITH', headId: curie, tailId: uni1 })
    createRelation(carol.store, { documentId: doc(carol), annotator: 'carol', label: 'AFFILIATED_WITH', headId: curie, tailId: uni1 })
    expect(await sync(carol)).toMatchObject({ pushed: 1, refused: [] })
    await sync(rita)
    await sync(remy)

    const carolOn = (d: Desktop) => d.store.annotators.byName('carol')!.id
    /** Carol's ORG spans and AFFILIATED_WITH relations on a desktop, in row order, each true when rejected there. */
    const rejected = (d: Desktop) => {
      const r = reviewData(d.store, { documentId: doc(d) }).rejected
      return {
        orgs: d.store.spans
          .layer(doc(d), carolOn(d))
          .filter((s) => s.label === 'ORG')
          .sort((a, b) => a.id - b.id)
          .map((s) => r.spans.includes(s.id)),
        relations: d.store.relations
          .layer(doc(d), carolOn(d))
          .sort((a, b) => a.id - b.id)
          .map((x) => r.relations.includes(x.id)),
      }
    }
    const second = <T extends { id: number }>(xs: T[]) => [...xs].sort((a, b) => a.id - b.id)[1].id
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'span', id: second(rita.store.spans.layer(doc(rita), carolOn(rita)).filter((s) => s.label === 'ORG')) } })
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'relation', id: second(rita.store.relations.layer(doc(rita), carolOn(rita))) } })
    expect(rejected(rita)).toEqual({ orgs: [false, true], relations: [false, true] })
    expect(await sync(rita)).toMatchObject({ refused: [], conflicts: [] })
    const uids = (await (await rawClient(urls.lead)).query("SELECT uid FROM team_gold_items WHERE kind = 'rejection' AND content IS NOT NULL ORDER BY uid")).rows.map((r) => r.uid as string)
    expect(uids).toEqual(['rej|carol|relation|0-11:PERSON>23-42:ORG=AFFILIATED_WITH#1', 'rej|carol|span|23-42:ORG#1'])
    expect(describeRejectionKey(uids[1])).toBe("carol's span 23-42:ORG (the 2nd of identical ones)")

    // The other reviewer gets it on the second of each, not the first.
    await sync(remy)
    expect(rejected(remy)).toEqual({ orgs: [false, true], relations: [false, true] })

    // Carol's layer changes and is pulled whole (new row ids): the rejections stay on the second ones.
    label(carol, 'carol', 'doc-2', 'Paris.', 'GPE')
    await sync(carol)
    await sync(rita)
    await sync(remy)
    expect(rejected(rita)).toEqual({ orgs: [false, true], relations: [false, true] })
    expect(rejected(remy)).toEqual({ orgs: [false, true], relations: [false, true] })
    expect(await sync(rita)).toMatchObject({ pushed: 0, conflicts: [] })

    // The first one rejected too keeps the key it always had; taking the second back travels.
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'span', id: rita.store.spans.layer(doc(rita), carolOn(rita)).filter((s) => s.label === 'ORG').sort((a, b) => a.id - b.id)[0].id } })
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'span', id: second(rita.store.spans.layer(doc(rita), carolOn(rita)).filter((s) => s.label === 'ORG')) }, rejected: false })
    expect(await sync(rita)).toMatchObject({ pushed: 2, conflicts: [] })
    await sync(remy)
    expect(rejected(remy)).toEqual({ orgs: [true, false], relations: [false, true] })
  })
})
