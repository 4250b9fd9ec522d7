import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSpan } from '../../../../src/main/services/annotate/annotationService'
import { installSchema } from '../../../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../../../src/main/store/store'
import type { Store } from '../../../../src/main/store/store'
import { joinTeamAt, leaveTeam } from '../../../../src/main/store/teamLeave'
import { inTeam } from '../../../../src/main/store/teamMembership'
import { tempDir } from '../../../helpers/tempWorkspace'

const TEXT = 'Ada Lovelace met Charles Babbage in London.'
const TEAM = { where: 'example.org:5432/team', id: '11111111-1111-4111-8111-111111111111' }
const REMADE = { ...TEAM, id: '22222222-2222-4222-8222-222222222222' }

/** A workspace with two layers, as a first sync found it. */
function workspace(): Store {
  const s = openStore(path.join(tempDir(), 'w.spanwright'), { rollingBackups: false })
  installSchema(s, path.resolve('resources/schema/news.json'))
  for (const d of ['d0', 'd1']) {
    const id = s.documents.insert({ externalId: d, title: d, text: TEXT, meta: {} })
    createSpan(s, { documentId: id, annotator: 'alice', label: 'PERSON', start: 0, end: 12 })
  }
  return s
}

const rows = (s: Store, sql: string) => s.db.prepare(sql).pluck().get() as number
/** As a sync leaves it: every layer pushed at version 1, the documents on the server, a pull cursor. */
function synced(s: Store): void {
  s.db.exec(`DELETE FROM team_outbox; DELETE FROM team_gold_outbox;
    INSERT INTO team_layers (document_id, annotator_id, version) SELECT DISTINCT document_id, annotator_id, 1 FROM spans;
    INSERT OR IGNORE INTO team_documents (document_id) SELECT id FROM documents;
    INSERT INTO team_sync (key, value) VALUES ('cursor.layers', '7')`)
}
/** A workspace that joined TEAM at a first sync, which pushed everything (and, with `left`, then left it). */
function member(opts: { left?: boolean } = {}): Store {
  const s = workspace()
  joinTeamAt(s.db, TEAM)
  synced(s)
  if (opts.left) leaveTeam(s.db)
  return s
}
const known = (s: Store) => ({ layers: rows(s, 'SELECT COUNT(*) FROM team_layers'), outbox: rows(s, 'SELECT COUNT(*) FROM team_outbox'), cursors: rows(s, "SELECT COUNT(*) FROM team_sync WHERE key LIKE 'cursor.%'") })

describe('joining a team at a sync: a team is known by its database id, not its address', () => {
  it('a first sync joins and marks every layer; the next sync of the same database is a member', () => {
    const s = workspace()
    expect(joinTeamAt(s.db, TEAM)).toBe('joined')
    expect(known(s)).toEqual({ layers: 0, outbox: 2, cursors: 0 })
    synced(s)
    expect(joinTeamAt(s.db, TEAM)).toBe('member')
    expect(known(s)).toEqual({ layers: 2, outbox: 0, cursors: 1 })
  })

  it('the same database at another address (a host name for 127.0.0.1, a moved server) is the same team', () => {
    const s = member()
    expect(joinTeamAt(s.db, { where: 'team.lab.example:6543/team', id: TEAM.id })).toBe('member')
    expect(known(s)).toEqual({ layers: 2, outbox: 0, cursors: 1 })
  })

  it('a database made again under the same name: a member joins it as a new team, forgetting versions and cursors and marking every layer to push', () => {
    const s = member()
    expect(joinTeamAt(s.db, REMADE)).toBe('replaced')
    expect(inTeam(s.db)).toBe(true)
    expect(known(s)).toEqual({ layers: 0, outbox: 2, cursors: 0 })
    expect(rows(s, 'SELECT COUNT(*) FROM team_documents')).toBe(0)
    // Writes go on being recorded: the triggers were made again.
    createSpan(s, { documentId: s.documents.byExternalId('d0')!.id, annotator: 'bob', label: 'GPE', start: 36, end: 42 })
    expect(known(s).outbox).toBe(3)
    expect(joinTeamAt(s.db, REMADE)).toBe('member')
  })

  it('a workspace that left rejoins the same database with only what changed, and a remade one with everything', () => {
    const same = member({ left: true })
    expect(joinTeamAt(same.db, TEAM)).toBe('joined')
    expect(known(same)).toEqual({ layers: 2, outbox: 0, cursors: 1 })

    const remade = member({ left: true })
    expect(joinTeamAt(remade.db, REMADE)).toBe('joined')
    expect(known(remade)).toEqual({ layers: 0, outbox: 2, cursors: 0 })
  })

  it('a workspace from before team ids: known by its address while in the team; out of it with no record of which team, it forgets what it kept', () => {
    const inTeamBefore = member()
    inTeamBefore.db.exec("DELETE FROM team_sync WHERE key = 'team.id'")
    expect(joinTeamAt(inTeamBefore.db, TEAM)).toBe('member')
    expect(inTeamBefore.db.prepare("SELECT value FROM team_sync WHERE key = 'team.id'").pluck().get()).toBe(TEAM.id)

    // Left before the team was recorded at all (before the team.joined key): its versions may be another team's.
    const unknown = member({ left: true })
    unknown.db.exec("DELETE FROM team_sync WHERE key IN ('team.id', 'team.joined')")
    expect(joinTeamAt(unknown.db, TEAM)).toBe('joined')
    expect(known(unknown)).toEqual({ layers: 0, outbox: 2, cursors: 0 })
  })
})
