import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { TeamSyncService, TEAM_ME_KEY, TEAM_SERVER_KEY } from '../../../src/main/services/team/teamSyncService'
import { parseServerAddress } from '../../../src/shared/team/serverAddress'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, goldOf, label, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

/**
 * A member (not an admin) imports a file of documents the team server does
 * not have. Only admins add documents, so the server would refuse each of
 * those layers: they wait on the desktop, are not sent at each sync, are
 * shown once as one summary, and go by themselves at the first sync after an
 * admin has added the documents. What each sync sends is read off the wire:
 * the member syncs through a TCP relay that keeps every byte it forwards to
 * PostgreSQL.
 */

const missing = postgresMissing()
const NEW_DOCS = 30

/** A relay to PostgreSQL that records what clients send (the bytes a sync puts on the wire). */
async function relayTo(port: number): Promise<{ port: number; sent(): string; reset(): void; close(): Promise<void> }> {
  let chunks: Buffer[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => undefined)
      s.on('close', () => sockets.delete(s))
    }
    client.on('data', (b: Buffer) => {
      chunks.push(Buffer.from(b))
      upstream.write(b)
    })
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    sent: () => Buffer.concat(chunks).toString('latin1'),
    reset: () => void (chunks = []),
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

const TEXT = 'Grace Hopper met Alan Kay in Boston.'

/** A native JSONL file of the new documents, each with one span of `annotator`'s when one is named. */
function jsonl(dir: string, name: string, annotator: string | null): string {
  const file = path.join(dir, name)
  const lines = Array.from({ length: NEW_DOCS }, (_, i) =>
    JSON.stringify({ id: `new-${i}`, text: `${TEXT} (${i})`, ...(annotator ? { annotator, spans: [{ start: 0, end: 12, label: 'PERSON' }] } : {}) }),
  )
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

describe.skipIf(missing)(`a member's import of documents the team does not have, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, cli, rawClient } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', rita: 'reviewer' })
  const relays: { close(): Promise<void> }[] = []
  afterAll(async () => {
    for (const r of relays) await r.close()
  })

  /** The layers alice's role has on the server, by document. */
  const serverLayersOfAlice = async () =>
    (await (await rawClient(team.adminUrl())).query<{ document_id: string }>("SELECT document_id FROM team_layers WHERE annotator = 'alice' ORDER BY document_id")).rows.map(
      (r) => r.document_id,
    )

  test('its layers wait unsent, are summed up once, and are pushed by the first sync after an admin adds the documents', async () => {
    const relay = await relayTo(Number(new URL(urls.alice).port))
    relays.push(relay)
    const viaRelay = Object.assign(new URL(urls.alice), { port: String(relay.port) }).toString()
    const alice: Desktop = open('alice')
    expect((await cli(alice, ['sync', '--server', viaRelay])).code).toBe(0)
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    const imported = await cli(alice, ['import', jsonl(alice.dir, 'mine.jsonl', 'alice')])
    expect(imported.code, imported.lines.join('\n')).toBe(0)

    // Two syncs: the layer on a team document goes; the 30 on new documents are neither sent nor refused.
    for (const round of [1, 2]) {
      relay.reset()
      const r = await cli(alice, ['sync', '--server', viaRelay])
      expect(r.code).toBe(0)
      expect(r.lines[0]).toBe(`pushed ${round === 1 ? 1 : 0}, pulled 0, refused 0, conflicts 0`)
      expect(r.lines.slice(1)).toEqual([
        'waiting: 30 layers wait for 30 documents an admin has not added to the team; they are not sent until an admin adds them, then the next sync sends them',
      ])
      const wire = relay.sent()
      // Round 1 sent doc-0's layer; round 2 had nothing to send.
      expect(wire.includes('team_push_layers')).toBe(round === 1)
      // (The ids of the documents it waits for do travel, in the desktop's report for team status, once while unchanged;
      // no layer of them does.)
      expect(wire.includes('"d":"new-'), `sync ${round} sent a layer of a document the server does not have`).toBe(false)
      expect(wire.includes('new-0'), `sync ${round} told the server which documents it waits for`).toBe(round === 1)
    }
    expect(await serverLayersOfAlice()).toEqual(['doc-0'])

    // The Team screen's state: one summary line's figures; "pending" counts only what the next sync sends.
    alice.store.settings.set(TEAM_SERVER_KEY, parseServerAddress(urls.alice).url)
    alice.store.settings.set(TEAM_ME_KEY, JSON.stringify({ name: 'alice', reviewer: false, admin: false }))
    const screen = new TeamSyncService(() => alice.store).workspaceState()
    expect(screen).toMatchObject({ pending: 0, waiting: { layers: 30, goldItems: 0, documents: 30 }, problems: { refused: 0, conflicts: 0 } })

    // The admin imports the same documents (with a layer of the lead's own): the lead's sync adds them, with that layer.
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    expect((await cli(lead, ['import', jsonl(lead.dir, 'corpus.jsonl', 'lead')])).code).toBe(0)
    expect(await sync(lead)).toMatchObject({ pushed: NEW_DOCS, refused: [] })
    expect(
      Number((await (await rawClient(team.adminUrl())).query<{ n: string }>("SELECT count(*) AS n FROM team_documents WHERE external_id LIKE 'new-%'")).rows[0].n),
    ).toBe(NEW_DOCS)

    // Alice's next sync pulls the documents' arrival and pushes her 30 layers in the same sync, and nothing waits any more.
    relay.reset()
    const after = await cli(alice, ['sync', '--server', viaRelay])
    expect(after.lines).toEqual([expect.stringMatching(new RegExp(`^pushed ${NEW_DOCS}, pulled ${NEW_DOCS}, refused 0, conflicts 0$`))])
    expect(relay.sent()).toContain('"d":"new-29"')
    expect(await serverLayersOfAlice()).toEqual(['doc-0', ...Array.from({ length: NEW_DOCS }, (_, i) => `new-${i}`).sort()])
    expect(new TeamSyncService(() => alice.store).workspaceState()).toMatchObject({ pending: 0, waiting: null })
    expect((await cli(alice, ['sync', '--server', viaRelay])).lines).toEqual(['pushed 0, pulled 0, refused 0, conflicts 0'])

    // Both desktops converge.
    await sync(lead)
    expect(await exported(lead)).toEqual(await exported(alice))
  })

  test("a reviewer's gold on a document only its desktop has waits the same way, and goes in the sync that brings the document", async () => {
    const rita = open('rita')
    await sync(rita)
    rita.store.documents.insert({ externalId: 'ritas-own', title: 'Rita', text: 'Hedy Lamarr lived in Vienna.', meta: {} })
    label(rita, 'gold', 'ritas-own', 'Hedy Lamarr', 'PERSON')
    label(rita, 'gold', 'ritas-own', 'Vienna', 'GPE')
    label(rita, 'gold', 'doc-3', 'Alan Turing', 'PERSON')
    const first = await cli(rita, ['sync', '--server', urls.rita])
    expect(first.lines).toEqual([
      'pushed 2, pulled 0, refused 0, conflicts 0', // doc-3's span and its gold status
      'waiting: 3 gold items wait for 1 document an admin has not added to the team; they are not sent until an admin adds it, then the next sync sends them',
    ])
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    lead.store.documents.insert({ externalId: 'ritas-own', title: 'Rita', text: 'Hedy Lamarr lived in Vienna.', meta: {} })
    await sync(lead)
    expect(await sync(rita)).toMatchObject({ pushed: 3, refused: [], conflicts: [] })
    await sync(lead)
    expect(goldOf(lead, 'ritas-own')).toEqual(['GPE Vienna', 'PERSON Hedy Lamarr'])
  })
})
