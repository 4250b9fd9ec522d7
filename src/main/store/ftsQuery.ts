/**
 * A user's search box text as an FTS5 MATCH expression that cannot be a syntax
 * error: every whitespace-separated word becomes a quoted string (quotes
 * doubled), so `AND`, `-`, `"`, `*`, `NEAR(` and column filters are plain words.
 * Words must all occur (FTS5's implicit AND); the last one also matches as a
 * prefix while the user is still typing it. Null when nothing is left to search.
 */
export function ftsQuery(input: string): string | null {
  // FTS5 reads the expression as a C string: a NUL would cut it inside a quote. Control characters separate words.
  const words = input.replace(/\p{Cc}/gu, ' ').split(/\s+/u).filter((w) => w.length > 0)
  if (!words.length) return null
  const typing = !/[\s\p{Cc}]$/u.test(input)
  return words
    .map((w, i) => {
      const quoted = `"${w.replaceAll('"', '""')}"`
      // A prefix query needs at least one letter or digit, or FTS5 reports a syntax error on `""*`.
      return i === words.length - 1 && typing && /[\p{L}\p{N}]/u.test(w) ? `${quoted}*` : quoted
    })
    .join(' ')
}
