import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { pushChanges } from '../../../src/main/team/serverLayers'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import { label, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

// pushChanges reads only the changes that did not simply land, and a count (with the sum of versions) for those that did.
describe.skipIf(missing)(`push answers${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', bob: 'annotator' })
  const version = async (doc: string) =>
    Number(((await (await kit.rawClient(urls.alice)).query("SELECT version FROM team_layers WHERE document_id = $1 AND annotator = 'alice'", [doc])).rows[0] as { version: string }).version)

  test('one batch: new layers and a later version land at base + 1, a retried change is already applied, a stale one conflicts, another member’s layer is refused', async () => {
    const alice = kit.open('alice')
    await kit.sync(alice)
    label(alice, 'alice', 'doc-3', 'Maida Vale', 'LOC')
    await kit.sync(alice)
    for (const [doc, words] of [['doc-0', 'Ada Lovelace'], ['doc-1', 'Geneva'], ['doc-2', 'Marie Curie'], ['doc-3', 'London']]) label(alice, 'alice', doc, words, 'PERSON')
    const byDoc = Object.fromEntries(alice.store.team.pending().map((c) => [c.documentId, c]))
    const t = await openTeam(urls.alice)
    try {
      // doc-1 lands now and its answer is lost; doc-2 is written first by another desktop of alice's, on the same base.
      expect(await pushChanges(t.client, t.me, [byDoc['doc-1']])).toEqual([{ kind: 'applied', version: 1 }])
      expect(await pushChanges(t.client, t.me, [{ ...byDoc['doc-2'], changeId: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }])).toEqual([{ kind: 'applied', version: 1 }])
      const bobs = { ...byDoc['doc-0'], annotator: 'bob', changeId: 'dddddddddddddddddddddddddddddddd' }
      const out = await pushChanges(t.client, t.me, [byDoc['doc-0'], bobs, byDoc['doc-1'], byDoc['doc-2'], byDoc['doc-3']])
      expect(out).toEqual([
        { kind: 'applied', version: 1 },
        { kind: 'refused', reason: expect.stringMatching(/bob/) },
        { kind: 'already-applied', version: 1 },
        { kind: 'conflict', serverVersion: 1 },
        { kind: 'applied', version: 2 },
      ])
      expect([await version('doc-0'), await version('doc-3')]).toEqual([1, 2])
    } finally {
      await t.client.end()
    }
  })

  test('an answer that does not add up (a row missing, or another version) is not taken: the sync fails, nothing is marked pushed, the next one sends it', async () => {
    const bob = kit.open('bob')
    await kit.sync(bob)
    label(bob, 'bob', 'doc-0', 'Charles Babbage', 'PERSON')
    label(bob, 'bob', 'doc-1', 'United Nations', 'ORG')
    const admin = new pg.Client({ connectionString: team.adminUrl() })
    await admin.connect()
    try {
      await admin.query('ALTER FUNCTION team_push_layers(jsonb) RENAME TO team_push_layers_real')
      const wrap = async (body: string) =>
        admin.query(`CREATE OR REPLACE FUNCTION team_push_layers(batch jsonb) RETURNS TABLE (i integer, outcome text, version bigint) LANGUAGE sql AS $$ ${body} $$`)
      for (const [doc, body, words] of [
        ['doc-2', 'SELECT * FROM team_push_layers_real(batch) ORDER BY i OFFSET 1', 'Paris'],
        ['doc-3', 'SELECT r.i, r.outcome, r.version + 1 FROM team_push_layers_real(batch) r', 'London'],
      ]) {
        label(bob, 'bob', doc, words, 'GPE')
        const pending = bob.store.team.pendingCount()
        await wrap(body)
        await expect(kit.sync(bob)).rejects.toThrow(/answered .* changes, or at other versions/)
        expect(bob.store.team.pendingCount()).toBe(pending)
      }
      await admin.query('DROP FUNCTION team_push_layers(jsonb)')
      await admin.query('ALTER FUNCTION team_push_layers_real(jsonb) RENAME TO team_push_layers')
      // The wrappers wrote through the real function: every change is on the server already, and is answered so.
      expect(await kit.sync(bob)).toMatchObject({ pushed: 4, refused: [], conflicts: [] })
      expect(bob.store.team.pendingCount()).toBe(0)
    } finally {
      await admin.end()
    }
  })
})
