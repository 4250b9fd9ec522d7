/**
 * JSON.parse with integers kept digit for digit. JavaScript numbers hold integers exactly only up to 2^53
 * (9007199254740991), so `JSON.parse('{"id": 1234567890123456789}')` gives 1234567890123456800: a tweet id or a
 * database key given as a number would be stored, and exported, as another number, and Python, which reads JSON
 * integers exactly, would no longer find it. Such an integer is read as the string of its digits instead (a document
 * id is text anyway; a meta value keeps every digit), and the caller counts it in the import notes.
 */

/** The import note for integers kept as text (its count is how many values). */
export const KEPT_INTEGERS_NOTE = 'integers larger than 2^53 (9007199254740991), kept as text digit for digit (a JavaScript number would round them)'

/** No literal of 16 digits or more: every integer in the text is exact as a number (the fast path for nearly every line). */
const LONG_DIGITS = /\d{16}/u

function unsafe(digits: string): boolean {
  const n = BigInt(digits)
  return n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)
}

/** `raw` with each integer literal beyond 2^53 (outside strings; not a fraction or exponent) in quotes, and how many. */
export function quoteUnsafeIntegers(raw: string): { text: string; kept: number } {
  if (!LONG_DIGITS.test(raw)) return { text: raw, kept: 0 }
  let out = ''
  let from = 0
  let kept = 0
  const n = raw.length
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c === 34) {
      // Skip a string, escapes included.
      for (i++; i < n; i++) {
        const d = raw.charCodeAt(i)
        if (d === 92) i++
        else if (d === 34) break
      }
      continue
    }
    if (c !== 45 && (c < 48 || c > 57)) continue
    let j = c === 45 ? i + 1 : i
    while (j < n && raw.charCodeAt(j) >= 48 && raw.charCodeAt(j) <= 57) j++
    const next = j < n ? raw[j] : ''
    const literal = raw.slice(i, j)
    // JSON's own integer grammar (no leading zero: `00…` stays the syntax error it is).
    if (next !== '.' && next !== 'e' && next !== 'E' && /^-?[1-9]\d{15,}$/u.test(literal) && unsafe(literal)) {
      out += `${raw.slice(from, i)}"${literal}"`
      from = j
      kept++
    }
    // Skip the rest of the number (its fraction or exponent).
    while (j < n && /[0-9.eE+-]/u.test(raw[j])) j++
    i = j - 1
  }
  return kept ? { text: out + raw.slice(from), kept } : { text: raw, kept: 0 }
}

/**
 * JSON.parse of `raw`, integers beyond 2^53 read as their digits (see above). A syntax error is JSON.parse's own on
 * the text as given, so its position is the file's.
 */
export function parseJsonKeepingIntegers(raw: string): { json: unknown; kept: number } {
  const { text, kept } = quoteUnsafeIntegers(raw)
  // The text as given is parsed first, so quoting never makes invalid JSON valid (`{12345678901234567890: 1}`) and a
  // syntax error is the file's own; only a line holding such an integer is parsed twice.
  if (!kept) return { json: JSON.parse(raw), kept: 0 }
  JSON.parse(raw) // its value is dropped at once, so a big file is not held twice
  return { json: JSON.parse(text), kept }
}

/** Adds `kept` to a record's notes (creating them), when there were any. */
export function noteKeptIntegers(notes: Record<string, number> | undefined, kept: number): Record<string, number> | undefined {
  if (!kept) return notes
  const out = notes ?? {}
  out[KEPT_INTEGERS_NOTE] = (out[KEPT_INTEGERS_NOTE] ?? 0) + kept
  return out
}
