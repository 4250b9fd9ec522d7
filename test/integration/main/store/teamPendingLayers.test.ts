import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRelation, createSpan } from '../../../../src/main/services/annotate/annotationService'
import { installSchema } from '../../../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../../../src/main/store/store'
import { joinTeamAt } from '../../../../src/main/store/teamLeave'
import { tempDir } from '../../../helpers/tempWorkspace'

const TEXT = 'Ada Lovelace met Charles Babbage in London.'

/** A workspace in a team, its documents known to the server, with layers written after joining. */
function member() {
  const s = openStore(path.join(tempDir(), 'w.spanwright'), { rollingBackups: false })
  installSchema(s, path.resolve('resources/schema/news.json'))
  for (const d of ['d0', 'd1', 'd2']) s.documents.insert({ externalId: d, title: d, text: TEXT, meta: {} })
  joinTeamAt(s.db, { where: 'example.org:5432/team', id: '00000000-0000-4000-8000-000000000001' })
  s.db.exec('INSERT OR IGNORE INTO team_documents (document_id) SELECT id FROM documents')
  return s
}

describe('pending layers, as a push reads them (teamPendingLayer.ts, teamLayerJson.ts)', () => {
  it('reads each layer once, with or without relations, its JSON text and its parsed content the same; pages by key', () => {
    const s = member()
    const id = (d: string) => s.documents.byExternalId(d)!.id
    const head = createSpan(s, { documentId: id('d0'), annotator: 'alice', label: 'PERSON', start: 0, end: 12 })
    const tail = createSpan(s, { documentId: id('d0'), annotator: 'alice', label: 'GPE', start: 36, end: 42 })
    createRelation(s, { documentId: id('d0'), annotator: 'alice', label: 'PART_OF', headId: head.id, tailId: tail.id })
    createSpan(s, { documentId: id('d1'), annotator: 'alice', label: 'PERSON', start: 17, end: 32 })
    s.documents.setStatus(id('d2'), s.annotators.ensure('bob').id, 'done')

    const all = s.team.pending()
    expect(all.map((p) => [p.documentId, p.annotator, p.baseVersion])).toEqual([
      ['d0', 'alice', null],
      ['d1', 'alice', null],
      ['d2', 'bob', null],
    ])
    for (const p of all) {
      expect(p.changeId).toMatch(/^[0-9a-f]{32}$/)
      expect(p.localDocumentId).toBe(id(p.documentId))
      // What the push sends is the text; what a conflict keeps aside is the parse of the same text.
      expect(JSON.parse(p.contentJson)).toEqual(p.content)
    }
    const [d0, d1, d2] = all.map((p) => p.content)
    expect(d0.spans.map((x) => [x.label, x.cells.start, x.cells.end])).toEqual([
      ['PERSON', 0, 12],
      ['GPE', 36, 42],
    ])
    expect(d0.relations.map((r) => [r.label, r.head, r.tail])).toEqual([['PART_OF', 0, 1]])
    // A layer without relations still carries an empty list (not a missing key or a string).
    expect(d1.relations).toEqual([])
    expect(JSON.parse(all[1].contentJson).relations).toEqual([])
    expect(d2).toEqual({ spans: [], relations: [], status: 'done' })

    // Pages by key: after the first layer, the rest; the limit holds.
    const [first] = s.team.pending(1)
    expect(first.documentId).toBe('d0')
    expect(s.team.pending(5, { documentId: first.localDocumentId, annotatorId: first.localAnnotatorId }).map((p) => p.documentId)).toEqual(['d1', 'd2'])
    s.close()
  })
})
