// The figures checked from a consumer's view: each coefficient recomputed from its textbook definition (Cohen 1960
// from the marginals, Fleiss 1971 per subject, Krippendorff's coincidence matrix), by a naive loop over every token,
// with no code shared with src/shared/agreement beyond the BIO tags both read. Relations are one relation when they
// have the same label between ends of the same extents, however the ends are labelled (relationIdentity.ts): the
// dashboard's relation F1 and the review's alignment must both say so.
import { describe, expect, it } from 'vitest'
import { AgreementBuilder } from '../../../../src/shared/agreement/corpusAgreement'
import { alignLayers, relationConsensus } from '../../../../src/shared/review/alignment'
import { bioTags } from '../../../../src/shared/text/bioTags'
import { tokenize } from '../../../../src/shared/text/tokenizer'

const TEXTS = ['Kerry met Michel in Brussels.', 'NATO opened an office in Kabul on Friday, March 25.', 'Dr. Ünal flew 😀 to New York with Angela Merkel.']
const LABELS = ['PERSON', 'GPE', 'ORG']
const RELATIONS = ['PART_OF', 'LOCATED_IN']
let seed = 1
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)

function kappa(a: string[], b: string[]) {
  const n = a.length
  const cats = [...new Set([...a, ...b])]
  let po = 0
  for (let i = 0; i < n; i++) if (a[i] === b[i]) po++
  po /= n
  let pe = 0
  for (const c of cats) pe += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n)
  return pe === 1 ? null : (po - pe) / (1 - pe)
}
function fleiss(subjects: string[][]) {
  if (!subjects.length) return null
  const n = subjects[0].length
  const cats = [...new Set(subjects.flat())]
  const N = subjects.length
  let pbar = 0
  for (const s of subjects) {
    let sum = 0
    for (const c of cats) {
      const k = s.filter((x) => x === c).length
      sum += k * (k - 1)
    }
    pbar += sum / (n * (n - 1))
  }
  pbar /= N
  let pe = 0
  for (const c of cats) pe += (subjects.flat().filter((x) => x === c).length / (N * n)) ** 2
  return Math.abs(1 - pe) < 1e-12 ? null : (pbar - pe) / (1 - pe)
}
function alpha(units: (string | null)[][]) {
  const o = new Map<string, number>()
  for (const u of units) {
    const v = u.filter((x): x is string => x !== null)
    if (v.length < 2) continue
    for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) if (i !== j) o.set(`${v[i]}|${v[j]}`, (o.get(`${v[i]}|${v[j]}`) ?? 0) + 1 / (v.length - 1))
  }
  const nc = new Map<string, number>()
  for (const [k, x] of o) nc.set(k.split('|')[0], (nc.get(k.split('|')[0]) ?? 0) + x)
  const n = [...nc.values()].reduce((a, b) => a + b, 0)
  if (n === 0) return null
  let dis = 0
  for (const [k, x] of o) if (k.split('|')[0] !== k.split('|')[1]) dis += x
  let exp = 0
  for (const [c, x] of nc) for (const [k, y] of nc) if (c !== k) exp += x * y
  return exp === 0 ? null : 1 - ((n - 1) * dis) / exp
}

describe('AgreementBuilder against an independent computation', () => {
  it('Cohen per pair, Fleiss, Krippendorff, exact span F1 and relation F1 equal textbook formulas written out naively, and the review agrees on which relations match, over 300 random corpora (missing layers, one label everywhere, nested spans, emoji, ends labelled differently)', () => {
  for (let round = 0; round < 300; round++) {
    const A = 2 + Math.floor(rnd() * 3)
    const names = Array.from({ length: A }, (_, i) => `a${i}`)
    const b = new AgreementBuilder(names)
    const pairTags = new Map<string, [string[], string[]]>()
    const fleissSubj: string[][] = []
    const alphaUnits: (string | null)[][] = []
    const exact = new Map<string, [number, number]>()
    const rel = new Map<string, [number, number]>()
    const nd = 1 + Math.floor(rnd() * 4)
    for (let d = 0; d < nd; d++) {
      const text = TEXTS[Math.floor(rnd() * TEXTS.length)]
      const toks = tokenize(text)
      const layers = names.map(() => {
        if (rnd() < 0.2) return null
        const spans = []
        const k = Math.floor(rnd() * 4)
        for (let i = 0; i < k; i++) {
          const t0 = Math.floor(rnd() * toks.length)
          const t1 = Math.min(toks.length - 1, t0 + Math.floor(rnd() * 3))
          spans.push({ start: toks[t0].start, end: toks[t1].end, label: LABELS[Math.floor(rnd() * (round % 5 === 0 ? 1 : 3))] })
        }
        const relations = []
        const nr = spans.length ? Math.floor(rnd() * 4) : 0
        for (let i = 0; i < nr; i++) relations.push({ head: Math.floor(rnd() * spans.length), tail: Math.floor(rnd() * spans.length), label: RELATIONS[Math.floor(rnd() * 2)] })
        return { spans, relations }
      })
      b.addDocument({ id: d + 1, externalId: `d${d}`, title: '', text }, layers)
      const opened = layers.filter(Boolean).length
      if (opened < 2) continue
      const tags = layers.map((l) => (l ? bioTags(toks, l.spans).tags : null))
      for (let i = 0; i < A; i++) for (let j = i + 1; j < A; j++) {
        if (!tags[i] || !tags[j]) continue
        const key = `${i},${j}`
        const e = pairTags.get(key) ?? [[], []]
        e[0].push(...tags[i]!); e[1].push(...tags[j]!)
        pairTags.set(key, e)
        const ks = (l: { start: number; end: number; label: string }[]) => l.map((s) => `${s.start}:${s.end}:${s.label}`)
        const la = ks(layers[i]!.spans), lb = [...ks(layers[j]!.spans)]
        let m = 0
        for (const x of la) { const at = lb.indexOf(x); if (at >= 0) { m++; lb.splice(at, 1) } }
        const ex = exact.get(key) ?? [0, 0]
        ex[0] += m; ex[1] += la.length + layers[j]!.spans.length
        exact.set(key, ex)
        // Relations: the same label between ends at the same offsets; the ends' labels are not looked at.
        const rk = (l: { spans: { start: number; end: number }[]; relations: { head: number; tail: number; label: string }[] }) =>
          l.relations.map((r) => [l.spans[r.head].start, l.spans[r.head].end, l.spans[r.tail].start, l.spans[r.tail].end, r.label].join(' '))
        const ra = rk(layers[i]!), rb = rk(layers[j]!)
        const left = [...rb]
        let rm = 0
        for (const x of ra) { const at = left.indexOf(x); if (at >= 0) { rm++; left.splice(at, 1) } }
        const re = rel.get(key) ?? [0, 0]
        re[0] += rm; re[1] += ra.length + rb.length
        rel.set(key, re)
        // The review of these two layers: the relations both give (pre-merge's consensus) are the keys both have.
        const align = alignLayers([i, j].map((x) => ({
          annotator: names[x],
          spans: layers[x]!.spans.map((s, id) => ({ id, ...s })),
          relations: layers[x]!.relations.map((r, id) => ({ id, headId: r.head, tailId: r.tail, label: r.label })),
        })))
        const agreed = relationConsensus(align, 2).map((c) => {
          const s = layers[i]!.spans
          const r = layers[i]!.relations[c.item.id]
          return [s[r.head].start, s[r.head].end, s[r.tail].start, s[r.tail].end, r.label].join(' ')
        })
        expect(agreed.sort(), JSON.stringify({ round, d, i, j })).toEqual([...new Set(ra.filter((x) => rb.includes(x)))].sort())
      }
      for (let t = 0; t < toks.length; t++) {
        const u = tags.map((x) => (x ? x[t] : null))
        alphaUnits.push(u)
        if (opened === A) fleissSubj.push(u as string[])
      }
    }
    const r = b.report()
    let p = 0
    for (let i = 0; i < A; i++) for (let j = i + 1; j < A; j++) {
      const pr = r.pairs[p++]
      const e = pairTags.get(`${i},${j}`)
      const want = e ? kappa(e[0], e[1]) : null
      if (want === null) expect(pr.cohenKappa, JSON.stringify({ round, i, j })).toBeNull()
      else expect(pr.cohenKappa!, JSON.stringify({ round, i, j })).toBeCloseTo(want, 9)
      const ex = exact.get(`${i},${j}`)
      const f1 = ex && ex[1] ? (2 * ex[0]) / ex[1] : null
      if (f1 === null) expect(pr.spanF1Exact).toBeNull()
      else expect(pr.spanF1Exact!).toBeCloseTo(f1, 12)
      const re = rel.get(`${i},${j}`)
      const rf1 = re && re[1] ? (2 * re[0]) / re[1] : null
      if (rf1 === null) expect(pr.relationF1, JSON.stringify({ round, i, j })).toBeNull()
      else expect(pr.relationF1!, JSON.stringify({ round, i, j })).toBeCloseTo(rf1, 12)
    }
    const wf = fleiss(fleissSubj)
    if (wf === null) expect(r.overall.fleissKappa, `round ${round}`).toBeNull()
    else expect(r.overall.fleissKappa!, `round ${round}`).toBeCloseTo(wf, 9)
    const wa = alpha(alphaUnits)
    if (wa === null) expect(r.overall.krippendorffAlpha, `round ${round}`).toBeNull()
    else expect(r.overall.krippendorffAlpha!, `round ${round}`).toBeCloseTo(wa, 9)
  }
})
})
