import { HIT_END, HIT_START } from './highlights'

/**
 * Marks a search's hits in one document's title and text the way the full-text
 * index matched them (SQLite FTS5's unicode61 tokenizer with diacritics removed):
 * tokens are runs of letters, digits and private-use characters, compared
 * case- and accent-insensitively; each search word is a phrase of its tokens;
 * the word being typed matches as a prefix. Used where asking the index for a
 * snippet per row would cost more than the page (a page sorted or filtered away
 * from index order).
 */

const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu
/** Characters of a long text scanned for its first hit. */
const SCAN_LIMIT = 64 * 1024
const SNIPPET_TOKENS = 24

interface Token {
  start: number
  end: number
  norm: string
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

function tokens(s: string): Token[] {
  const out: Token[] = []
  for (const m of s.matchAll(TOKEN)) {
    const norm = fold(m[0])
    if (norm) out.push({ start: m.index, end: m.index + m[0].length, norm })
  }
  return out
}

export interface SearchPhrase {
  tokens: string[]
  /** The last token matches as a prefix. */
  prefix: boolean
}

/** The search box text as phrases, as ftsQuery quotes it (the last word a prefix unless followed by a space). */
export function searchPhrases(input: string): SearchPhrase[] {
  const words = input.replace(/\p{Cc}/gu, ' ').split(/\s+/u).filter(Boolean)
  const typing = !/[\s\p{Cc}]$/u.test(input)
  return words
    .map((w, i) => ({ tokens: tokens(w).map((t) => t.norm), prefix: typing && i === words.length - 1 }))
    .filter((p) => p.tokens.length > 0)
}

/** Each phrase match as [first token, last token], overlapping ones merged (as FTS5's highlight() does). */
function hitRanges(toks: Token[], phrases: SearchPhrase[]): [number, number][] {
  const found: [number, number][] = []
  for (let i = 0; i < toks.length; i++) {
    for (const p of phrases) {
      const n = p.tokens.length
      if (i + n > toks.length) continue
      let ok = true
      for (let k = 0; k < n && ok; k++) {
        const t = toks[i + k].norm
        ok = p.prefix && k === n - 1 ? t.startsWith(p.tokens[k]) : t === p.tokens[k]
      }
      if (ok) found.push([i, i + n - 1])
    }
  }
  return mergeRanges(found)
}

/**
 * Token ranges as character ranges, with every occurrence of each scan word (a word the index cannot find, looked
 * for as typed: see searchTerms in the store) added, overlapping ones merged.
 */
function charRanges(s: string, toks: Token[], phrases: SearchPhrase[], scan: string[]): [number, number][] {
  const found: [number, number][] = hitRanges(toks, phrases).map(([a, b]) => [toks[a].start, toks[b].end])
  for (const w of scan) for (let i = s.indexOf(w); w && i >= 0; i = s.indexOf(w, i + w.length)) found.push([i, i + w.length])
  return mergeRanges(found)
}

/** Ranges sorted, and those that overlap or meet merged into one. */
function mergeRanges(found: [number, number][]): [number, number][] {
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const r of found) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([...r])
  }
  return merged
}

/** s[start, end) with the character ranges inside it marked. */
function marked(s: string, ranges: [number, number][], start: number, end: number): string {
  let out = ''
  let at = start
  for (const [a, b] of ranges) {
    if (a < start || b > end) continue
    out += s.slice(at, a) + HIT_START + s.slice(a, b) + HIT_END
    at = b
  }
  return out + s.slice(at, end)
}

/** The whole string with every hit marked, or null when nothing in it matches. */
export function highlightHits(s: string, phrases: SearchPhrase[], scan: string[] = []): string | null {
  const ranges = charRanges(s, tokens(s), phrases, scan)
  return ranges.length ? marked(s, ranges, 0, s.length) : null
}

/** About two dozen words around the first hit, hits marked, '…' where cut; null when the text has no hit. */
export function snippetHits(text: string, phrases: SearchPhrase[], scan: string[] = []): string | null {
  const s = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text
  const toks = tokens(s)
  const ranges = charRanges(s, toks, phrases, scan)
  if (!ranges.length) return null
  // The token the first hit starts in (or the first after it, for a hit between tokens such as an emoji).
  let first = toks.findIndex((t) => t.end > ranges[0][0])
  if (first < 0) first = toks.length
  const from = Math.max(0, Math.min(first - 4, toks.length - SNIPPET_TOKENS))
  const to = Math.min(toks.length, from + SNIPPET_TOKENS)
  const start = from === 0 ? 0 : toks[from].start
  const end = to === toks.length && s === text ? text.length : to > 0 ? toks[to - 1].end : Math.min(s.length, ranges[0][1] + 80)
  return `${start > 0 ? '…' : ''}${marked(s, ranges, start, end)}${end < text.length ? '…' : ''}`
}
