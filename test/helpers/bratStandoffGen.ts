import fc from 'fast-check'

/**
 * Random valid brat standoff, every line kind mixed: T (fragments, duplicates,
 * astral text), E (shared triggers, types apart from the trigger's, numbered
 * roles, events as arguments, no arguments), R (Arg1/Arg2 or named roles),
 * A (binary, valued, Object-named), M, N, # (AnnotatorNotes or another type) and *. Written as brat defines the
 * lines, independently of our codec.
 */

const WORDS = ['Kerry', 'met', 'p50', '😀', 'Straße', 'ב', 'and', 'binding', 'of', 'e\u0301']
const TYPES = ['Protein', 'Binding', 'Gene_expression', 'Person']

/** Code point offsets of each word in the text. */
function wordsOf(words: string[]): { text: string; at: [number, number][] } {
  const at: [number, number][] = []
  let cp = 0
  for (const w of words) {
    const n = [...w].length
    at.push([cp, cp + n])
    cp += n + 1
  }
  return { text: `${words.join(' ')}\n`, at }
}

export const bratDocument = fc
  .record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 12 }),
    ts: fc.array(fc.record({ w: fc.nat(), len: fc.integer({ min: 1, max: 2 }), gap: fc.boolean(), type: fc.constantFrom(...TYPES) }), { minLength: 1, maxLength: 8 }),
    es: fc.array(fc.record({ t: fc.nat(), sameType: fc.boolean(), type: fc.constantFrom(...TYPES), args: fc.array(fc.record({ role: fc.constantFrom('Theme', 'Theme2', 'Cause', 'Site'), ev: fc.boolean(), i: fc.nat() }), { maxLength: 3 }) }), { maxLength: 5 }),
    rs: fc.array(fc.record({ type: fc.constantFrom('Rel', 'Binds', '__proto__'), a: fc.nat(), b: fc.nat() }), { maxLength: 3 }),
    named: fc.boolean(),
    tab: fc.boolean(),
    spaced: fc.boolean(),
    attrs: fc.array(fc.record({ name: fc.constantFrom('Neg', 'Spec', 'Conf', 'toString', 'constructor'), target: fc.nat(), value: fc.option(fc.constantFrom('High', 'Low', '1')) }), { maxLength: 5 }),
    norms: fc.array(fc.nat(), { maxLength: 3 }),
    notes: fc.array(fc.record({ target: fc.nat(), type: fc.constantFrom('AnnotatorNotes', 'Lemma'), text: fc.constantFrom('a note', 'tab\there', ' 😀 ok') }), { maxLength: 3 }),
    equivs: fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), { maxLength: 2 }),
  })
  .map((g) => {
    const { text, at } = wordsOf(g.words)
    const lines: string[] = []
    const ids: string[] = [] // everything A, N and # may name
    const cps = [...text]
    g.ts.forEach((t, i) => {
      const a = t.w % at.length
      const b = Math.min(a + t.len - 1, at.length - 1)
      const frags: [number, number][] = t.gap && b > a ? [at[a], at[b]] : [[at[a][0], at[b][1]]]
      const covered = frags.map(([s, e]) => cps.slice(s, e).join('')).join(' ')
      lines.push(`T${i + 1}\t${t.type} ${frags.map((f) => f.join(' ')).join(';')}\t${covered}`)
      ids.push(`T${i + 1}`)
    })
    const tType = (i: number) => g.ts[i].type
    g.es.forEach((e, i) => {
      const t = e.t % g.ts.length
      // Arguments: T ids, or events defined before (no cycles, so the comparator can match them).
      const args = e.args.map((a) => `${a.role}:${a.ev && i > 0 ? `E${(a.i % i) + 1}` : `T${(a.i % g.ts.length) + 1}`}`)
      lines.push(`E${i + 1}\t${e.sameType ? tType(t) : e.type}:T${t + 1}${args.length ? ` ${args.join(' ')}` : g.spaced ? ' ' : ''}`)
      ids.push(`E${i + 1}`)
    })
    const args = [...ids] // a relation joins T and E ids
    g.rs.forEach((r, i) => {
      const [h, t] = g.named ? ['Who', 'Whom'] : ['Arg1', 'Arg2']
      lines.push(`R${i + 1}\t${r.type} ${h}:${args[r.a % args.length]} ${t}:${args[r.b % args.length]}${g.tab ? '\t' : ''}`)
      ids.push(`R${i + 1}`)
    })
    const seen = new Set<string>()
    let a = 0
    let m = 0
    for (const x of g.attrs) {
      const target = ids[x.target % ids.length]
      if (seen.has(`${x.name} ${target}`)) continue
      seen.add(`${x.name} ${target}`)
      // Neg and Spec are always M lines (a file writes a name one way), the others A lines.
      if (x.name === 'Neg' || x.name === 'Spec') lines.push(`M${++m}\t${x.name} ${target}`)
      else lines.push(`A${++a}\t${x.name} ${target}${x.value ? ` ${x.value}` : ''}`)
    }
    const spanIds = ids.filter((id) => id[0] !== 'R')
    ;[...new Set(g.norms.map((n) => spanIds[n % spanIds.length]))].forEach((id, i) => lines.push(`N${i + 1}\tReference ${id} Wiki:${i}\tName ${i}`))
    const noted = new Set<string>()
    g.notes.forEach((n, i) => {
      const id = ids[n.target % ids.length]
      if (noted.has(id)) return
      noted.add(id)
      lines.push(`#${i + 1}\t${n.type} ${id}\t${n.text}`)
    })
    g.equivs.forEach((eq) => lines.push(`*\tEquiv ${eq.map((n) => `T${(n % g.ts.length) + 1}`).join(' ')}`))
    return { text, ann: `${lines.join('\n')}\n` }
  })

