/**
 * Whitespace at a span's edges, as Python's str.isspace() sees it (spaCy's
 * Token.is_space). spaCy's NER can neither begin nor end an entity on a
 * whitespace token (`spacy debug data` fails such spans), and an edge inside a
 * token's trailing space does not align at all; exports that feed it trim.
 */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u

/** The span without edge whitespace (UTF-16 offsets into `text`), or null when it is whitespace only. */
export function trimSpanEdges(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start
  let e = end
  // Every Python whitespace character is in the BMP: one UTF-16 unit each.
  while (s < e && PY_SPACE.test(text[s])) s++
  while (e > s && PY_SPACE.test(text[e - 1])) e--
  return s < e ? { start: s, end: e } : null
}
