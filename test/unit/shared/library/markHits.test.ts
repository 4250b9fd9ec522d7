import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ftsQuery } from '../../../../src/main/store/ftsQuery'
import { splitHighlights } from '../../../../src/shared/library/highlights'
import { highlightHits, searchPhrases, snippetHits } from '../../../../src/shared/library/markHits'

/** SQLite's own answer: FTS5 with the workspace's tokenizer, highlight() over the whole text. */
function fts5(texts: string[]) {
  const db = new Database(':memory:')
  db.exec("CREATE VIRTUAL TABLE f USING fts5(t, tokenize = 'unicode61 remove_diacritics 2')")
  const ins = db.prepare('INSERT INTO f (rowid, t) VALUES (?, ?)')
  texts.forEach((t, i) => ins.run(i + 1, t))
  const q = db.prepare<[string], { rowid: number; h: string }>("SELECT rowid, highlight(f, 0, char(2), char(3)) AS h FROM f WHERE f MATCH ? ORDER BY rowid")
  return (query: string) => q.all(ftsQuery(query)!)
}

const TEXTS = [
  'Police raid in Liège: officers said the police acted at dawn.',
  'Families 👨‍👩‍👧 fled Schaerbeek 😀 as the floods rose; 100% of homes_here were lost.',
  'ÉCOLE fermée à Montréal; l’école rouvre lundi.',
  'שלום עולם: ראש העיר אמר שלום',
  'Straße und STRASSE, Ærø and aero, naïve café',
  'The harbour of Zeebrugge; harbours and Harbour-side',
  '東京都 and 東京 in one line',
]
const QUERIES = ['police', 'POLICE dawn', 'lieg', 'liège', 'schaer', 'homes_here', '100', 'ecole', 'école ', 'שלום', 'café naive', 'harbour', 'harbour ', 'harbour-side', '東京', 'aero', 'the']

describe('markHits: the page marked in JavaScript agrees with FTS5 highlight()', () => {
  it('marks exactly the tokens SQLite marks, for every document it matches', () => {
    const sqlite = fts5(TEXTS)
    for (const q of QUERIES) {
      const phrases = searchPhrases(q)
      for (const row of sqlite(q)) {
        const ours = highlightHits(TEXTS[row.rowid - 1], phrases)
        expect(ours, `${q} in text ${row.rowid}`).toBe(row.h)
      }
    }
  })

  it('cuts a snippet around the first hit at token edges, with ellipses where it cuts', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`)
    words[120] = 'Zeebrugge'
    const s = snippetHits(words.join(' '), searchPhrases('zeebrugge'))!
    expect(s.startsWith('…w116 ')).toBe(true)
    expect(s.endsWith('…')).toBe(true)
    expect(splitHighlights(s).filter((p) => p.hit).map((p) => p.text)).toEqual(['Zeebrugge'])
    expect(snippetHits('short text here', searchPhrases('text'))).toBe('short \u0002text\u0003 here')
    expect(snippetHits('nothing', searchPhrases('zzz'))).toBeNull()
    expect(searchPhrases('" - AND')).toEqual([{ tokens: ['and'], prefix: true }])
  })
})
