import { describe, expect, test } from 'vitest'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import { deleteSpan } from '../../../src/main/services/annotate/annotationService'
import { listConflicts, resolveConflict } from '../../../src/main/services/team/conflictService'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, goldOf, goldSpan, label, relate, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

/**
 * One reviewer relates two gold spans while another deletes one of them. The
 * deletion used to reach the relation's desktop and take the relation with
 * it, reported nowhere. Now whichever reviewer pushes second gets a conflict
 * on that one item: the server's version is shown, theirs is kept aside, and
 * either can be kept, from the review view's panel (the API) or the CLI.
 */
describe.skipIf(missing)(`a gold relation against a concurrent deletion of its span, on a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { desktops, open, sync, rawClient, cli } = kit
  /** Live gold relations on the server that name a deleted (or missing) span: the server's gold layer must never hold one. */
  const danglingOnServer = async () =>
    (
      await (
        await rawClient(urls.lead)
      ).query(`SELECT r.uid FROM team_gold_items r WHERE r.kind = 'relation' AND r.content IS NOT NULL AND EXISTS (
                 SELECT 1 FROM team_gold_items s WHERE s.document_id = r.document_id AND s.uid IN (r.content->>'head', r.content->>'tail') AND s.content IS NULL)`)
    ).rows

  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', remy: 'reviewer' })

  test('the span is deleted first: the relation is a conflict in the sync output, the API and the CLI; taking it puts the span back too, and both converge', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(rita, 'gold', 'doc-0', 'Charles Babbage', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    await sync(rita)
    await sync(remy)
    deleteSpan(rita.store, goldSpan(rita, 'doc-0', 'Ada Lovelace'))
    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [] })
    relate(remy, 'gold', 'doc-0', goldSpan(remy, 'doc-0', 'Ada Lovelace'), goldSpan(remy, 'doc-0', 'Charles Babbage'), 'PART_OF')

    const synced = await cli(remy, ['sync', '--server', urls.remy])
    expect(synced.code).toBe(0)
    expect(synced.lines[0]).toMatch(/^pushed 0, pulled \d+, refused 0, conflicts 1$/)
    expect(synced.lines.slice(1)).toEqual([
      expect.stringMatching(
        /^conflict: gold item [0-9a-f]{8} of doc-0: the gold span [0-9a-f]{8} this relation \(PART_OF\) names was deleted by rita meanwhile; your relation is kept aside, and taking yours puts that span back too; your copy is kept for review \(spanwright team conflicts\)$/,
      ),
    ])
    // The server's version is shown (the deletion); the relation is kept aside, not lost.
    expect(goldOf(remy, 'doc-0')).toEqual(['GPE London', 'PERSON Charles Babbage'])
    expect(await danglingOnServer()).toEqual([])
    const doc = remy.store.documents.byExternalId('doc-0')!.id
    const handlers = createHandlers({ store: remy.store, version: 'test', transport: 'http' })
    // What the review view's conflict panel reads for the open document.
    expect(await dispatch(handlers, 'conflicts.list', { documentId: doc })).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          kind: 'conflict',
          item: { uid: expect.any(String), kind: 'relation' },
          reason: expect.stringMatching(/names was deleted by rita meanwhile/),
          mine: { summary: 'PART_OF: "Ada Lovelace" (deleted since; taking yours puts it back) → "Charles Babbage"', deleted: false },
          theirs: { summary: 'deleted', deleted: true },
          canTakeMine: true,
        }),
      ],
    })
    const [c] = listConflicts(remy.store)
    const listed = await cli(remy, ['team', 'conflicts'])
    expect(listed.lines[1]).toMatch(new RegExp(`^conflict #${c.id}: gold relation [0-9a-f]{8} of doc-0: the gold span .* deleted by rita meanwhile.*\\(kept: PART_OF: "Ada Lovelace"`))

    const resolved = await cli(remy, ['team', 'resolve', String(c.id), '--keep', 'mine'])
    expect(resolved).toEqual({ code: 0, lines: [expect.stringMatching(new RegExp(`^resolved #${c.id}: kept this desktop's version \\(PART_OF: `)), '0 conflicts left'] })
    expect(goldOf(remy, 'doc-0')).toEqual(['GPE London', 'PART_OF Ada Lovelace>Charles Babbage', 'PERSON Ada Lovelace', 'PERSON Charles Babbage'])
    // The span goes back under its own uid (a new version of it), then the relation: an ordinary write each.
    expect(await sync(remy)).toMatchObject({ pushed: 2, conflicts: [], refused: [] })
    await sync(rita)
    expect(goldOf(rita, 'doc-0')).toEqual(goldOf(remy, 'doc-0'))
    expect(await exported(rita)).toEqual(await exported(remy))
    expect(await danglingOnServer()).toEqual([])
    expect(await sync(rita)).toMatchObject({ pushed: 0, conflicts: [] })
  })

  test('the relation is pushed first: the deletion of its span is the conflict, the span stays with the new relation; keeping mine deletes both, and both converge', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    const curie = label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    const uni = label(rita, 'gold', 'doc-2', 'University of Paris', 'ORG')
    label(rita, 'gold', 'doc-2', 'Paris.', 'GPE')
    relate(rita, 'gold', 'doc-2', curie, uni, 'AFFILIATED_WITH')
    await sync(rita)
    await sync(remy)
    relate(remy, 'gold', 'doc-2', goldSpan(remy, 'doc-2', 'University of Paris'), goldSpan(remy, 'doc-2', 'Paris.'), 'LOCATED_IN')
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })

    // Rita deletes the span; her known relation on it goes with it (a cascade), remy's she has not seen.
    deleteSpan(rita.store, uni)
    const r = await sync(rita)
    expect(r).toMatchObject({ pushed: 1, refused: [] })
    expect(r.conflicts).toEqual([
      { documentId: 'doc-2', annotator: 'gold', item: expect.any(String), reason: expect.stringMatching(/^remy added gold relation LOCATED_IN \([0-9a-f]{8}\) on this span meanwhile/) },
    ])
    expect(goldOf(rita, 'doc-2')).toEqual(['GPE Paris.', 'LOCATED_IN University of Paris>Paris.', 'ORG University of Paris', 'PERSON Marie Curie'])
    expect(await danglingOnServer()).toEqual([])
    const [c] = listConflicts(rita.store)
    expect(c).toMatchObject({ item: { kind: 'span' }, mine: { summary: 'deleted', deleted: true }, theirs: { summary: 'ORG "University of Paris" (23–42)' } })

    resolveConflict(rita.store, { id: c.id, keep: 'mine' })
    expect(goldOf(rita, 'doc-2')).toEqual(['GPE Paris.', 'PERSON Marie Curie'])
    expect(await sync(rita)).toMatchObject({ pushed: 2, conflicts: [], refused: [] })
    expect(await sync(remy)).toMatchObject({ conflicts: [] })
    expect(goldOf(remy, 'doc-2')).toEqual(['GPE Paris.', 'PERSON Marie Curie'])
    expect(await exported(rita)).toEqual(await exported(remy))
    expect(await danglingOnServer()).toEqual([])
  })

  test("one reviewer's own deletion of a span and of the relations it cascaded to is no conflict, even pushed one item per batch", async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    const un = label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    const geneva = label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    const monday = label(rita, 'gold', 'doc-1', 'Monday', 'DATE')
    relate(rita, 'gold', 'doc-1', un, geneva, 'LOCATED_IN')
    relate(rita, 'gold', 'doc-1', monday, geneva, 'PART_OF')
    await sync(rita)
    await sync(remy)
    deleteSpan(rita.store, geneva)
    expect(await syncOnce(rita.store, urls.rita, { pushBatch: 1 })).toMatchObject({ pushed: 3, conflicts: [], refused: [] })
    await sync(remy)
    expect(goldOf(remy, 'doc-1')).toEqual(['DATE Monday', 'ORG United Nations'])
    expect(await exported(rita)).toEqual(await exported(remy))
  })
})
