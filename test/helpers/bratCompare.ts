/**
 * Compares two brat `.ann` files line by line, ids allowed to differ only by a
 * consistent renaming (an exporter numbers its ids afresh). Independent of our
 * codec: it reads the lines as brat defines them.
 */

export const annLines = (ann: string): string[] => ann.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '')
const isId = (tok: string) => /^([TERAMN]\d+|#\d*)$/.test(tok)

/** Renames the ids in a line's annotation field (never in its free text); null when an id has no renaming yet. */
function renameBody(body: string, rename: Map<string, string>, strict: boolean): string | null {
  const toks: string[] = []
  for (const tok of body.split(' ')) {
    const colon = tok.lastIndexOf(':')
    const [prefix, id] = colon >= 0 ? [tok.slice(0, colon + 1), tok.slice(colon + 1)] : ['', tok]
    if (isId(id) && rename.has(id)) toks.push(prefix + rename.get(id)!)
    else if (isId(id) && strict) return null
    else toks.push(tok)
  }
  return toks.join(' ')
}

/** Lines of `a` not in `b`, as multisets. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>()
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1)
  return a.filter((x) => {
    const n = left.get(x) ?? 0
    if (n > 0) left.set(x, n - 1)
    return n === 0
  })
}

/**
 * T lines are matched by type, offsets and text (duplicates in order); every
 * other line, once every id it names is matched, by its renamed content,
 * repeated until nothing more matches (events name events). Then each
 * original line, renamed, must be an exported line and vice versa (as
 * multisets); unmatched ids show as `ID(unmatched)`.
 */
export function compareAnn(original: string, exported: string): { missing: string[]; extra: string[]; renaming: Map<string, string> } {
  const orig = annLines(original).map((l) => l.split('\t'))
  const out = annLines(exported).map((l) => l.split('\t'))
  const rename = new Map<string, string>()
  const used = new Set<number>()
  const matched = new Set<number>()
  const kind = (f: string[]) => f[0][0]

  const matchLine = (i: number, content: (f: string[]) => string | null) => {
    const want = content(orig[i])
    if (want === null) return false
    const j = out.findIndex((f, k) => !used.has(k) && kind(f) === kind(orig[i]) && [f[1], ...f.slice(2)].join('\t') === want)
    if (j < 0) return false
    used.add(j)
    matched.add(i)
    rename.set(orig[i][0], out[j][0])
    return true
  }
  orig.forEach((f, i) => {
    if (kind(f) === 'T') matchLine(i, (o) => o.slice(1).join('\t'))
  })
  for (let progress = true; progress; ) {
    progress = false
    orig.forEach((f, i) => {
      if (matched.has(i) || kind(f) === 'T' || kind(f) === '*') return
      if (matchLine(i, (o) => {
        const body = renameBody(o[1], rename, true)
        return body === null ? null : [body, ...o.slice(2)].join('\t')
      })) progress = true
    })
  }
  const expected = orig.map((f) => [f[0] === '*' ? '*' : (rename.get(f[0]) ?? `${f[0]}(unmatched)`), renameBody(f[1], rename, false)!, ...f.slice(2)].join('\t'))
  const actual = out.map((f) => f.join('\t'))
  return { missing: minus(expected, actual), extra: minus(actual, expected), renaming: rename }
}
