import { describe, expect, it } from 'vitest'
import { libraryCounts, listLibrary } from '../../src/main/services/library/libraryService'
import { withDeferredIndexing } from '../../src/main/store/deferredIndexing'
import { searchTerms } from '../../src/main/store/ftsQuery'
import type { Store } from '../../src/main/store/store'
import { seeded } from '../helpers/seededRandom'
import { tempStore } from '../helpers/tempWorkspace'

/**
 * The index of scripts written without spaces (migration 22) against the way it replaced: every search word the
 * main index cannot find looked for with instr() in every document's id, title and text. Random mixed-script
 * corpora (a few characters each, so words recur inside longer runs), written by single inserts, by a deferred
 * import, edited and partly deleted; random queries cut from the documents themselves and made up. Same documents
 * in the same order, same counts, every row marked.
 */
const PIECES = [
  ...'東京都大学人北京', ...'にのはをする', ...'スーパーカ', 'ー', ...'ไทยภาษาสวย', 'ກາລາວ', 'ខ្មែរ', 'မြန်',
  '😀', '🎉', '❤️', '👨‍👩‍👧', '🇧🇪', '★', '©', '°',
  ' ', ' ', ' ', '\n', '。', '、', '-', 'police', 'Tokyo', '42', 'é',
]

function randomText(rand: () => number, max: number): string {
  let s = ''
  for (let n = Math.floor(rand() * max); n > 0; n--) s += PIECES[Math.floor(rand() * PIECES.length)]
  return s
}

/** Today's way, as before migration 22: the main index for its words, instr() over every document for the rest. */
function scanOracle(store: Store, query: string): number[] {
  const terms = searchTerms(query)
  if (!terms) return []
  const clauses = terms.scan.map((_, i) => `(instr(d.text, @s${i}) OR instr(d.title, @s${i}) OR instr(d.external_id, @s${i}))`)
  if (terms.match) clauses.push('d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @match)')
  const params: Record<string, string> = Object.fromEntries(terms.scan.map((w, i) => [`s${i}`, w]))
  if (terms.match) params.match = terms.match
  return store.db.prepare(`SELECT d.id FROM documents d WHERE ${clauses.join(' AND ') || '1'} ORDER BY d.id`).pluck().all(params) as number[]
}

function queriesFor(rand: () => number, texts: string[]): string[] {
  const out: string[] = []
  for (let q = 0; q < 60; q++) {
    const t = [...texts[Math.floor(rand() * texts.length)]]
    const at = Math.floor(rand() * t.length)
    const cut = t.slice(at, at + 1 + Math.floor(rand() * 4)).join('')
    const roll = rand()
    if (roll < 0.5) out.push(cut)
    else if (roll < 0.7) out.push(randomText(rand, 4))
    else if (roll < 0.85) out.push(`${cut} ${randomText(rand, 3)}`)
    else out.push(`police ${cut}`)
  }
  return out.filter((q) => q.trim() && searchTerms(q)?.scan.length)
}

describe('the index of scripts without spaces finds what the instr() scan found', () => {
  it('over random mixed-script corpora: same documents, counts and marked rows', () => {
    for (const seed of [1, 2, 3]) {
      const rand = seeded(seed)
      const { store } = tempStore()
      const texts: string[] = []
      const doc = (i: number) => {
        const d = { externalId: `${randomText(rand, 3)}-${seed}-${i}`, title: randomText(rand, 6), text: randomText(rand, 30), meta: {} }
        texts.push(d.externalId, d.title, d.text)
        return store.documents.insert(d)
      }
      store.transaction(() => {
        for (let i = 0; i < 60; i++) doc(i)
      })
      // An import: the insert trigger is left out and the index filled once at the end.
      withDeferredIndexing(store.db, () => {
        for (let i = 60; i < 120; i++) doc(i)
      })
      // Edits of the indexed fields, and deletes.
      const edit = store.db.prepare('UPDATE documents SET title = ?, text = ? WHERE id = ?')
      for (let id = 3; id <= 120; id += 7) edit.run(randomText(rand, 6), randomText(rand, 30), id)
      store.db.prepare('DELETE FROM documents WHERE id % 11 = 0').run()
      store.db.exec("INSERT INTO documents_unspaced (documents_unspaced, rank) VALUES ('integrity-check', 0)")
      const alice = store.annotators.ensure('alice').id
      for (let id = 1; id <= 120; id += 3) if (store.documents.byId(id)) store.documents.setStatus(id, alice, id % 2 ? 'done' : 'in_progress')
      const idOf = new Map((store.db.prepare('SELECT external_id, id FROM documents').all() as { external_id: string; id: number }[]).map((r) => [r.external_id, r.id]))
      for (const query of queriesFor(rand, texts)) {
        const want = scanOracle(store, query)
        const page = listLibrary(store, { annotator: 'alice', query, limit: 500 })
        expect(page.map((e) => idOf.get(e.externalId)), `${seed}: ${JSON.stringify(query)}`).toEqual(want)
        for (const e of page) expect(e.match, `${seed}: ${JSON.stringify(query)} marks ${e.externalId}`).not.toBeNull()
        const counts = libraryCounts(store, { annotator: 'alice', query })
        expect(counts.total, `${seed}: counts of ${JSON.stringify(query)}`).toBe(want.length)
        const done = want.filter((id) => id % 3 === 1 && id % 2 === 1).length
        expect(counts.byStatus.done, `${seed}: done of ${JSON.stringify(query)}`).toBe(done)
        const byTitle = listLibrary(store, { annotator: 'alice', query, sort: 'title', limit: 500 })
        expect(new Set(byTitle.map((e) => idOf.get(e.externalId))), `${seed}: by title ${JSON.stringify(query)}`).toEqual(new Set(want))
        const done2 = listLibrary(store, { annotator: 'alice', query, status: 'done', limit: 500 })
        expect(done2.length, `${seed}: done filter ${JSON.stringify(query)}`).toBe(done)
      }
      store.close()
    }
  })

  it('uses the index: a search of one character reads no document without such characters', () => {
    const { store } = tempStore()
    store.transaction(() => {
      for (let i = 0; i < 50; i++) store.documents.insert({ externalId: `en-${i}`, title: 'News', text: 'police report', meta: {} })
      store.documents.insert({ externalId: 'jp', title: '東京', text: '東京都に住む', meta: {} })
    })
    expect(store.db.prepare('SELECT COUNT(*) FROM documents_unspaced WHERE documents_unspaced MATCH ?').pluck().get('"京"*')).toBe(1)
    // Only the one document holding such characters has a row.
    expect(store.db.prepare('SELECT rowid FROM documents_unspaced').pluck().all()).toEqual([51])
    const plan = (store.db.prepare('EXPLAIN QUERY PLAN SELECT u.rowid FROM documents_unspaced u WHERE documents_unspaced MATCH ?').all('"京"*') as { detail: string }[])
      .map((r) => r.detail)
      .join('; ')
    expect(plan).toContain('VIRTUAL TABLE INDEX')
    expect(listLibrary(store, { annotator: 'alice', query: '住む' }).map((e) => e.externalId)).toEqual(['jp'])
    store.close()
  })
})
