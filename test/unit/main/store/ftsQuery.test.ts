import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ftsQuery } from '../../../../src/main/store/ftsQuery'

describe('ftsQuery: search box text as a safe FTS5 expression', () => {
  it('quotes every word, doubles quotes, and makes only the word being typed a prefix', () => {
    expect(ftsQuery('police raid')).toBe('"police" "raid"*')
    expect(ftsQuery('police raid ')).toBe('"police" "raid"')
    expect(ftsQuery('say "hi"')).toBe('"say" """hi"""*')
    expect(ftsQuery('AND')).toBe('"AND"*')
    expect(ftsQuery('-')).toBe('"-"')
    expect(ftsQuery('   ')).toBeNull()
    expect(ftsQuery('a\u0000b')).toBe('"a" "b"*')
  })

  it('never makes FTS5 report a syntax error, whatever the input', () => {
    const db = new Database(':memory:')
    db.exec("CREATE VIRTUAL TABLE f USING fts5(t, tokenize = 'unicode61 remove_diacritics 2'); INSERT INTO f VALUES ('Police raid in Liège AND more')")
    const stmt = db.prepare('SELECT rowid FROM f WHERE f MATCH ?')
    const hostile = ['"', '""', 'AND', 'OR', 'NOT', 'NEAR(a b)', 't:police', '*', '^police', '(', ')', '-x', '+', '{t}: x', '\u0000', '"\u0000', '🙂', 'x"y', "'", '\\', 'a OR', 'NOT a']
    for (const q of hostile) {
      const m = ftsQuery(q)
      if (m !== null) expect(() => stmt.all(m), q).not.toThrow()
    }
    // Unquoted, several of these are syntax errors: the quoting is what makes them safe.
    expect(() => stmt.all('"')).toThrow()
    expect(() => stmt.all('AND')).toThrow()
    expect(stmt.all(ftsQuery('liege and')!)).toHaveLength(1)
  })
})
