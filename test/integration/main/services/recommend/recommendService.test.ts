import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSpan, deleteSpan, updateSpan } from '../../../../../src/main/services/annotate/annotationService'
import { redo, undo } from '../../../../../src/main/services/annotate/historyService'
import { acceptSuggestions } from '../../../../../src/main/services/recommend/acceptService'
import { evaluate } from '../../../../../src/main/services/recommend/evaluateService'
import { reject, suggest } from '../../../../../src/main/services/recommend/recommendService'
import { migrate } from '../../../../../src/main/store/migrate'
import { migrations } from '../../../../../src/main/store/migrations'
import { openStore } from '../../../../../src/main/store/store'
import type { Store } from '../../../../../src/main/store/store'
import { insertSampleDocument } from '../../../../helpers/sampleDocument'
import { tempDir, tempStore } from '../../../../helpers/tempWorkspace'

const A = '000_7488830be606d235'
const B = '001_5a98d8623b08ebb0'

function setup() {
  const t = tempStore()
  const a = insertSampleDocument(t.store, A)
  const b = insertSampleDocument(t.store, B)
  return { ...t, a, b }
}
const texts = async (store: Store, annotator: string, documentId: number) =>
  (await suggest(store, { annotator, documentIds: [documentId] })).suggestions.map((s) => `${s.label}:${s.text}`)

describe('recommend service over a real workspace', () => {
  it('the string matcher follows the undo history: create, relabel, delete, undo, redo', async () => {
    const { store, a, b } = setup()
    const count = (xs: string[], x: string) => xs.filter((y) => y === x).length
    expect(await texts(store, 'alice', b.doc.id)).toEqual([])
    const span = createSpan(store, { documentId: a.doc.id, annotator: 'alice', label: 'GPE', ...a.at('Brussels') })
    const inB = (await texts(store, 'alice', b.doc.id)).filter((x) => x.endsWith(':Brussels'))
    expect(inB.length).toBeGreaterThan(0)
    expect(count(await texts(store, 'alice', b.doc.id), 'GPE:Brussels')).toBe(inB.length)
    // The other occurrences in the same document; never the annotated one.
    const sameDoc = await suggest(store, { annotator: 'alice', documentIds: [a.doc.id] })
    expect(sameDoc.suggestions.some((s) => s.start === span.start)).toBe(false)
    expect(sameDoc.suggestions.filter((s) => s.text === 'Brussels').length).toBe(a.doc.text.split(/\bBrussels\b/).length - 2)

    updateSpan(store, { id: span.id, label: 'LOC' })
    expect(count(await texts(store, 'alice', b.doc.id), 'LOC:Brussels')).toBe(inB.length)
    expect(count(await texts(store, 'alice', b.doc.id), 'GPE:Brussels')).toBe(0)
    undo(store, { documentId: a.doc.id, annotator: 'alice' })
    expect(count(await texts(store, 'alice', b.doc.id), 'GPE:Brussels')).toBe(inB.length)
    redo(store, { documentId: a.doc.id, annotator: 'alice' })
    expect(count(await texts(store, 'alice', b.doc.id), 'LOC:Brussels')).toBe(inB.length)
    deleteSpan(store, span.id)
    expect(await texts(store, 'alice', b.doc.id)).toEqual([])
    undo(store, { documentId: a.doc.id, annotator: 'alice' })
    expect(count(await texts(store, 'alice', b.doc.id), 'LOC:Brussels')).toBe(inB.length)
    // Another annotator's spans teach alice nothing; gold does.
    createSpan(store, { documentId: a.doc.id, annotator: 'bob', label: 'PERSON', ...a.at('Kerry') })
    expect(await texts(store, 'alice', b.doc.id)).not.toContain('PERSON:Kerry')
    createSpan(store, { documentId: a.doc.id, annotator: 'gold', label: 'PERSON', ...a.at('Kerry') })
    expect(await texts(store, 'alice', b.doc.id)).toContain('PERSON:Kerry')
    store.close()
  })

  it('a rejected suggestion is not offered again to that annotator in that document, and is kept on disk', async () => {
    const { store, file, a, b } = setup()
    createSpan(store, { documentId: a.doc.id, annotator: 'alice', label: 'GPE', ...a.at('Brussels') })
    createSpan(store, { documentId: a.doc.id, annotator: 'bob', label: 'GPE', ...a.at('Brussels') })
    const [first] = (await suggest(store, { annotator: 'alice', documentIds: [b.doc.id] })).suggestions
    reject(store, { documentId: b.doc.id, annotator: 'alice', start: first.start, end: first.end, label: first.label, recommender: first.recommender })
    store.close()
    const again = openStore(file)
    const after = (await suggest(again, { annotator: 'alice', documentIds: [b.doc.id] })).suggestions
    expect(after.some((s) => s.start === first.start && s.end === first.end)).toBe(false)
    expect(after.length).toBeGreaterThan(0)
    const bob = (await suggest(again, { annotator: 'bob', documentIds: [b.doc.id] })).suggestions
    expect(bob.some((s) => s.start === first.start && s.end === first.end)).toBe(true)
    again.close()
  })

  it('accepting records the recommender, score and version; accept-all is one undo, and redo keeps the provenance', async () => {
    const { store, a, b } = setup()
    createSpan(store, { documentId: a.doc.id, annotator: 'alice', label: 'GPE', ...a.at('Brussels') })
    const rows = (await suggest(store, { annotator: 'alice', documentIds: [b.doc.id] })).suggestions
    expect(rows.length).toBeGreaterThan(1)
    const made = acceptSuggestions(store, b.doc.id, 'alice', rows)
    expect(made).toHaveLength(rows.length)
    const alice = store.annotators.byName('alice')!
    const prov = store.recommend.suggestedBy(b.doc.id, alice.id)
    expect([...prov.values()][0]).toEqual({ recommender: 'string-matcher', score: 1, version: null })
    expect(prov.size).toBe(rows.length)
    undo(store, { documentId: b.doc.id, annotator: 'alice' })
    expect(store.spans.layer(b.doc.id, alice.id)).toEqual([])
    redo(store, { documentId: b.doc.id, annotator: 'alice' })
    expect(store.spans.layer(b.doc.id, alice.id)).toHaveLength(rows.length)
    expect(store.recommend.suggestedBy(b.doc.id, alice.id).size).toBe(rows.length)
    // Accepting what the layer already has adds nothing; a bad label refuses the whole batch.
    expect(acceptSuggestions(store, b.doc.id, 'alice', rows)).toEqual([])
    expect(() => acceptSuggestions(store, b.doc.id, 'alice', [{ ...rows[0], start: 0, end: 3 }, { ...rows[0], label: 'NOPE' }])).toThrow(/NOPE/)
    expect(store.spans.layer(b.doc.id, alice.id)).toHaveLength(rows.length)
    store.close()
  })

  it('evaluates against the annotator’s done documents by cross-validation, and saves the scores', async () => {
    const { store, a, b } = setup()
    for (const d of [a, b]) {
      for (const name of ['Brussels', 'Belgium']) {
        for (let i = d.doc.text.indexOf(name); i >= 0; i = d.doc.text.indexOf(name, i + 1)) {
          if (/\w/.test(d.doc.text[i + name.length] ?? '')) continue
          createSpan(store, { documentId: d.doc.id, annotator: 'alice', label: 'GPE', start: i, end: i + name.length })
        }
      }
      store.documents.setStatus(d.doc.id, store.annotators.byName('alice')!.id, 'done')
    }
    const report = await evaluate(store, { annotator: 'alice' })
    expect(report.documents).toBe(2)
    const sm = report.evaluations.find((e) => e.recommender === 'string-matcher')!
    expect(sm.folds).toBe(2)
    expect(sm.overall.tp).toBeGreaterThan(0)
    expect(sm.overall.precision).toBe(1)
    expect(Object.keys(sm.perLabel)).toEqual(['GPE'])
    expect(store.recommend.scores()['string-matcher'].overall).toEqual(sm.overall)
    store.close()
  })

  it('a pattern file with a bad line is reported by line, and other recommenders still answer', async () => {
    const { store, dir, a, b } = setup()
    createSpan(store, { documentId: a.doc.id, annotator: 'alice', label: 'GPE', ...a.at('Brussels') })
    const file = path.join(dir, 'rules.jsonl')
    fs.writeFileSync(file, '{"label":"ORG","pattern":"European Commission"}\n{"label":"ORG","pattern":[{"LOWER":"x","OP":"?!"}]}\n')
    const r = await suggest(store, { annotator: 'alice', documentIds: [b.doc.id], recommenders: [{ kind: 'string-matcher', enabled: true }, { kind: 'patterns', enabled: true, file }] })
    expect(r.problems).toEqual([{ recommender: `patterns:${file}`, message: expect.stringMatching(/rules\.jsonl: 1 bad pattern line: line 2: token 1: "OP" must be one of/) }])
    expect(r.suggestions.length).toBeGreaterThan(0)
    store.close()
  })
})

describe('migration 8: recommendations', () => {
  it('adds the rejection table and the spans.suggested_by column, keeping existing spans as made by hand', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const v8 = migrations.findIndex((m) => m.name === 'recommendations')
    expect(v8).toBeGreaterThan(0)
    const db = new Database(file)
    migrate(db, file, migrations.slice(0, v8))
    const now = new Date().toISOString()
    db.prepare("INSERT INTO annotators (name, created_at) VALUES ('a', ?)").run(now)
    db.prepare("INSERT INTO label_types (kind, name, color) VALUES ('entity', 'GPE', '#112233')").run()
    db.prepare("INSERT INTO documents (external_id, title, text, text_hash, created_at) VALUES ('d', 'd', 'Oslo', 'h', ?)").run(now)
    db.prepare('INSERT INTO spans (document_id, annotator_id, label_id, start, end, created_at) VALUES (1, 1, 1, 0, 4, ?)').run(now)
    db.close()
    const store = openStore(file)
    const rs = store.recommend
    expect(rs.suggestedBy(1, 1).size).toBe(0)
    rs.setSuggestedBy(1, { recommender: 'english', score: 0.5, version: 'v1' })
    expect(rs.suggestedBy(1, 1).get(1)).toEqual({ recommender: 'english', score: 0.5, version: 'v1' })
    rs.reject(1, 1, { start: 0, end: 4, label: 'GPE', recommender: 'english' })
    rs.reject(1, 1, { start: 0, end: 4, label: 'GPE', recommender: 'string-matcher' })
    expect(rs.rejections(1, 1)).toEqual([{ start: 0, end: 4, label: 'GPE', recommender: 'string-matcher' }])
    expect(rs.settings().recommenders).toEqual([{ kind: 'string-matcher', enabled: true }])
    // A deleted document takes its rejections with it.
    store.db.prepare('DELETE FROM spans').run()
    store.db.prepare('DELETE FROM documents WHERE id = 1').run()
    expect(rs.rejections(1, 1)).toEqual([])
    store.close()
  })
})

describe('the learning string matcher and the schema', () => {
  it('a renamed label is suggested under its new name, and unlearning still works after the rename', async () => {
    const { store, a, b } = setup()
    const span = createSpan(store, { documentId: a.doc.id, annotator: 'alice', label: 'GPE', ...a.at('Brussels') })
    expect(await texts(store, 'alice', b.doc.id)).toContain('GPE:Brussels')
    const gpe = store.labels.byName('entity', 'GPE')!
    store.labels.update({ ...gpe, name: 'PLACE' })
    expect(await texts(store, 'alice', b.doc.id)).toContain('PLACE:Brussels')
    deleteSpan(store, span.id)
    expect(await texts(store, 'alice', b.doc.id)).toEqual([])
    store.close()
  })
})
