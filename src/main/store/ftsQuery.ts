/**
 * A user's search box text as an FTS5 MATCH expression that cannot be a syntax
 * error: every whitespace-separated word becomes a quoted string (quotes
 * doubled), so `AND`, `-`, `"`, `*`, `NEAR(` and column filters are plain words.
 * Words must all occur (FTS5's implicit AND); the last one also matches as a
 * prefix while the user is still typing it. Null when nothing is left to search.
 */
export function ftsQuery(input: string): string | null {
  return quoted(words(input), typing(input))
}

/**
 * Scripts written without spaces between words: unicode61 makes a whole run of them one token, so a word inside
 * the run (住む in 東京都に住む, ไทย in ภาษาไทย) is not a token the index can find.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

/**
 * The search split in two: words the full-text index finds (`match`, as ftsQuery quotes them) and words it cannot
 * (`scan`): those in a script written without spaces, and symbols such as emoji, which unicode61 reads as
 * separators. A scan word must occur as it is typed in the id, title or text. Null when nothing is left to search.
 */
export function searchTerms(input: string): { match: string | null; scan: string[] } | null {
  const all = words(input)
  const isScan = (w: string) => UNSPACED.test(w) || (!/[\p{L}\p{N}]/u.test(w) && /\p{So}/u.test(w))
  const scan = all.filter(isScan)
  const indexed = all.filter((w) => !isScan(w))
  const match = quoted(indexed, typing(input))
  return match || scan.length ? { match, scan } : null
}

function words(input: string): string[] {
  // FTS5 reads the expression as a C string: a NUL would cut it inside a quote. Control characters separate words.
  return input.replace(/\p{Cc}/gu, ' ').split(/\s+/u).filter((w) => w.length > 0)
}

const typing = (input: string) => !/[\s\p{Cc}]$/u.test(input)

function quoted(words: string[], typing: boolean): string | null {
  if (!words.length) return null
  return words
    .map((w, i) => {
      const q = `"${w.replaceAll('"', '""')}"`
      // A prefix query needs at least one letter or digit, or FTS5 reports a syntax error on `""*`.
      return i === words.length - 1 && typing && /[\p{L}\p{N}]/u.test(w) ? `${q}*` : q
    })
    .join(' ')
}
