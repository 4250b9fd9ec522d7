import type Database from 'better-sqlite3'

/**
 * The second search index (migration 22): words in scripts written without spaces (Han, Hiragana, Katakana, Thai,
 * Lao, Khmer, Myanmar) and symbols such as emoji, which unicode61 cannot split into words. Each run of such
 * characters in a document's id, title and text is written as its overlapping character pairs, then its last
 * character alone (`東京都` → `東京 京都 都`), so
 *  - one character is the prefix query `"東"*` (every occurrence of a character starts exactly one token), and
 *  - a longer word is the phrase of its pairs (`"東京 京都"`): adjacent pair tokens come from one run, since a
 *    run's last character alone separates it from the next, so the phrase matches exactly where the word occurs.
 * The tokens are the characters themselves (the index's `ascii` tokenizer keeps every non-ASCII character and folds
 * none), so the index finds exactly what instr() finds. A document with no such character gets no row (NULL), and
 * costs one regular-expression test.
 */

/** A character indexed here: the scripts `searchTerms` sends to this index, symbols, and Japanese marks of those runs. */
const INDEXED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{So}\\u30FC\\uFF70\\u3099-\\u309C'
const ANY_INDEXED = new RegExp(`[${INDEXED}]`, 'u')
const RUNS = new RegExp(`[${INDEXED}]+`, 'gu')
const ONLY_INDEXED = new RegExp(`^[${INDEXED}]+$`, 'u')

/** The SQL function the triggers and the import's fill call: registered on every connection that opens a workspace. */
export const GRAMS_FUNCTION = 'spanwright_unspaced_grams'

/** The index's text for a document's fields, or null when none holds an indexed character. Deterministic. */
export function unspacedGrams(...fields: unknown[]): string | null {
  let out: string[] | null = null
  for (const f of fields) {
    if (typeof f !== 'string' || !ANY_INDEXED.test(f)) continue
    out ??= []
    for (const run of f.match(RUNS)!) {
      const cs = [...run]
      for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1])
      out.push(cs[cs.length - 1])
    }
  }
  return out && out.join(' ')
}

/**
 * The index's MATCH expression for one search word: every run of indexed characters in it, as a phrase of pairs (a
 * one-character run: a prefix). Null when the word has none. `exact` when the word is nothing but one such run, so
 * the index alone finds exactly the documents holding it; otherwise the index narrows and instr() decides.
 */
export function unspacedMatch(word: string): { match: string; exact: boolean } | null {
  const runs = word.match(RUNS)
  if (!runs) return null
  const match = runs
    .map((run) => {
      const cs = [...run]
      if (cs.length === 1) return `"${run}"*`
      return `"${cs.slice(1).map((c, i) => cs[i] + c).join(' ')}"`
    })
    .join(' ')
  return { match, exact: ONLY_INDEXED.test(word) }
}

/** Registers the function the index's triggers call (a write to `documents` on a connection without it fails). */
export function registerUnspacedGrams(db: Database.Database): void {
  db.function(GRAMS_FUNCTION, { deterministic: true, varargs: true }, (...fields: unknown[]) => unspacedGrams(...fields))
}
