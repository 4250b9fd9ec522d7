import { bioTags, OUTSIDE } from '../text/bioTags'
import { tokenize } from '../text/tokenizer'
import { CategoryIndex, MISSING } from './categories'
import { CohenAccumulator } from './cohenKappa'
import { F1Counts } from './f1Counts'
import type { Figure } from './figure'
import { FleissAccumulator } from './fleissKappa'
import { KrippendorffNominalAccumulator } from './krippendorffAlpha'
import { LabelConfusion, labelOfTag } from './labelConfusion'
import { addRelationComparison } from './relationF1'
import type { MatchRelation } from './relationF1'
import type { AgreementReport, DocumentAgreement, LabelAgreement, PairAgreement, Reasons } from './report'
import { addSpanComparison } from './spanF1'
import { matchOverlap } from './spanMatching'
import { spansOfRanges, tokenRanges, wholeSpansOf } from './tokenRanges'
import type { MatchSpan } from './spanMatching'
import { countOf } from '../text/plural'

/** One annotator's layer on one document; relations point at indices into `spans`. */
export interface LayerInput {
  spans: readonly MatchSpan[]
  relations: readonly MatchRelation[]
}

export interface DocumentInput {
  id: number
  externalId: string
  title: string
  text: string
}

export interface AgreementOptions {
  /** Compare only these entity labels (relations only between spans kept). */
  labels?: readonly string[]
  /** How many of the lowest-agreement documents to list. */
  lowest?: number
}

class PairState {
  readonly exact = new F1Counts('spans')
  readonly overlap = new F1Counts('spans')
  readonly relations = new F1Counts('relations')
  readonly cohen = new CohenAccumulator()
  documents = 0
  tokens = 0
  constructor(
    readonly a: number,
    readonly b: number,
  ) {}
}

/**
 * Agreement across a corpus, fed one document at a time (so the caller can
 * stream from the store). Per document:
 * - a `null` layer is an annotator who never opened it: they are left out of
 *   every pair there and are a missing value for Krippendorff's alpha;
 * - span F1 (exact and overlap) and relation F1 (relationIdentity.ts: label and ends' extents)
 *   per pair of annotators who both opened it;
 * - BIO tags over `tokenize(text)` via `bioTags` (the CoNLL export's tags, a
 *   discontinuous span tagged as its fragments: tokenRanges.ts) for
 *   Cohen's kappa per pair, Fleiss' kappa over documents every annotator
 *   opened, and Krippendorff's alpha over every token with two or more values.
 */
export class AgreementBuilder {
  private readonly labelFilter: Set<string> | null
  private readonly tags = new CategoryIndex()
  private readonly pairs: PairState[] = []
  private readonly fleiss = new FleissAccumulator()
  private readonly alpha = new KrippendorffNominalAccumulator()
  private readonly docScores: DocumentAgreement[] = []
  private documents = 0
  private tokens = 0
  private fleissTokens = 0
  private droppedNested = 0
  private untokenized = 0

  constructor(
    readonly annotators: readonly string[],
    private readonly opts: AgreementOptions = {},
  ) {
    this.labelFilter = opts.labels ? new Set(opts.labels) : null
    for (let a = 0; a < annotators.length; a++) for (let b = a + 1; b < annotators.length; b++) this.pairs.push(new PairState(a, b))
  }

  addDocument(doc: DocumentInput, rawLayers: readonly (LayerInput | null)[]): void {
    if (rawLayers.length !== this.annotators.length) throw new Error(`document ${doc.externalId}: ${rawLayers.length} layers for ${this.annotators.length} annotators`)
    const layers = rawLayers.map((l) => (l ? this.filterLayer(l) : null))
    const opened = layers.filter((l) => l !== null).length
    if (opened < 2) return
    const tokens = tokenize(doc.text)
    this.documents++
    this.tokens += tokens.length

    const outside = this.tags.code(OUTSIDE)
    const codes: (Int32Array | null)[] = layers.map((l) => {
      if (!l) return null
      const r = tokenRanges(doc.text, l.spans)
      const t = bioTags(tokens, r.ranges)
      this.droppedNested += spansOfRanges(r, t.dropped)
      this.untokenized += wholeSpansOf(r, t.untokenized)
      const out = new Int32Array(tokens.length)
      for (let i = 0; i < out.length; i++) out[i] = t.tags[i] === OUTSIDE ? outside : this.tags.code(t.tags[i])
      return out
    })

    let scoreSum = 0
    let scored = 0
    for (const p of this.pairs) {
      const la = layers[p.a]
      const lb = layers[p.b]
      const ca = codes[p.a]
      const cb = codes[p.b]
      if (!la || !lb || !ca || !cb) continue
      p.documents++
      p.tokens += tokens.length
      const exactBefore = { m: p.exact.matched, n: p.exact.a + p.exact.b }
      const exactPairs = addSpanComparison(p.exact, 'exact', la.spans, lb.spans)
      addSpanComparison(p.overlap, 'overlap', la.spans, lb.spans, matchOverlap(la.spans, lb.spans, exactPairs))
      addRelationComparison(p.relations, la, lb)
      addTokenPairs(p.cohen, ca, cb)
      const n = p.exact.a + p.exact.b - exactBefore.n
      if (n > 0) {
        scoreSum += (2 * (p.exact.matched - exactBefore.m)) / n
        scored++
      }
    }
    if (scored) this.docScores.push({ id: doc.id, externalId: doc.externalId, title: doc.title, score: scoreSum / scored, annotators: opened })

    const everyone = opened === layers.length
    if (everyone) this.fleissTokens += tokens.length
    for (const [unit, weight] of unitPatterns(codes, tokens.length, this.tags.size)) {
      this.alpha.addUnit(unit, weight)
      if (everyone) this.fleiss.addRatings(unit, weight)
    }
  }

  /** Drops spans outside the label filter, and relations touching them (re-indexing the rest). */
  private filterLayer(l: LayerInput): LayerInput {
    const keep = this.labelFilter
    if (!keep) return l
    const newIndex = new Int32Array(l.spans.length).fill(-1)
    const spans: MatchSpan[] = []
    l.spans.forEach((s, i) => {
      if (!keep.has(s.label)) return
      newIndex[i] = spans.length
      spans.push(s)
    })
    const relations: MatchRelation[] = []
    for (const r of l.relations) {
      const head = newIndex[r.head]
      const tail = newIndex[r.tail]
      if (head >= 0 && tail >= 0) relations.push({ head, tail, label: r.label })
    }
    return { spans, relations }
  }

  report(): AgreementReport {
    const overallConfusion = new LabelConfusion()
    const pairs = this.pairs.map((p) => this.pairReport(p, overallConfusion))
    const reasons: Reasons = {}
    const fleissKappa = this.annotators.length < 2 ? null : value(this.fleiss.kappa(), 'fleissKappa', reasons)
    if (this.annotators.length < 2) reasons.fleissKappa = 'agreement needs at least two annotators'
    const krippendorffAlpha = this.annotators.length < 2 ? null : value(this.alpha.alpha(), 'krippendorffAlpha', reasons)
    if (this.annotators.length < 2) reasons.krippendorffAlpha = 'agreement needs at least two annotators'
    const notes: string[] = []
    if (this.droppedNested) {
      notes.push(`${countOf(this.droppedNested, 'nested or overlapping span')} ${this.droppedNested === 1 ? 'was' : 'were'} left out of the token-level figures (BIO keeps the outermost span); span F1 counts them`)
    }
    if (this.untokenized) notes.push(`${countOf(this.untokenized, 'span')} ${this.untokenized === 1 ? 'covers no token and was' : 'cover no token and were'} left out of the token-level figures`)
    const lowest = [...this.docScores].sort((x, y) => x.score - y.score || x.id - y.id).slice(0, this.opts.lowest ?? 20)
    return {
      annotators: [...this.annotators],
      documents: this.documents,
      tokens: this.tokens,
      labels: this.opts.labels ? [...this.opts.labels] : null,
      pairs,
      overall: {
        fleissKappa,
        krippendorffAlpha,
        reasons,
        fleissTokens: this.fleissTokens,
        krippendorffTokens: this.alpha.items,
        confusion: overallConfusion.toMatrix(),
      },
      lowestDocuments: lowest,
      notes,
    }
  }

  private pairReport(p: PairState, overall: LabelConfusion): PairAgreement {
    const reasons: Reasons = {}
    const labels = new Set([...p.exact.perLabel.keys(), ...(this.opts.labels ?? [])])
    // Built from entries: `perLabel[label] = …` on {} set the prototype for a label named __proto__ (and lost it).
    const perLabel: Record<string, LabelAgreement> = Object.fromEntries(
      [...labels].sort().map((label): [string, LabelAgreement] => {
        const r: Reasons = {}
        const counts = p.exact.perLabel.get(label)
        return [
          label,
          {
            spanF1Exact: value(p.exact.labelF1(label), 'spanF1Exact', r),
            spanF1Overlap: value(p.overlap.labelF1(label), 'spanF1Overlap', r),
            spansA: counts?.a ?? 0,
            spansB: counts?.b ?? 0,
            reasons: r,
          },
        ]
      }),
    )
    const confusion = new LabelConfusion()
    for (const [a, b, n] of p.cohen.entries()) {
      const la = labelOfTag(this.tags.name(a))
      const lb = labelOfTag(this.tags.name(b))
      confusion.add(la, lb, n)
      overall.add(la, lb, n)
      overall.add(lb, la, n)
    }
    const noDocs = p.documents === 0 ? `${this.annotators[p.a]} and ${this.annotators[p.b]} never opened the same document` : null
    const fig = (f: Figure, name: string) => {
      if (noDocs) {
        reasons[name] = noDocs
        return null
      }
      return value(f, name, reasons)
    }
    return {
      a: this.annotators[p.a],
      b: this.annotators[p.b],
      spanF1Exact: fig(p.exact.f1(), 'spanF1Exact'),
      spanF1Overlap: fig(p.overlap.f1(), 'spanF1Overlap'),
      relationF1: fig(p.relations.f1(), 'relationF1'),
      cohenKappa: fig(p.cohen.kappa(), 'cohenKappa'),
      perLabel,
      reasons,
      documents: p.documents,
      tokens: p.tokens,
      confusion: confusion.toMatrix(),
    }
  }
}

/** A figure's value, recording its reason under `name` when it is undefined. */
function value(f: Figure, name: string, reasons: Reasons): number | null {
  if (f.value === null) reasons[name] = f.reason
  return f.value
}

/**
 * The distinct per-token code tuples of one document with how often each
 * occurs (most tokens are O for everyone), so the coefficients add each
 * pattern once with a weight instead of once per token. A tuple is packed into
 * one small integer (base: the number of categories + 1 for missing) while that
 * stays below 2³⁰; otherwise every token is its own pattern.
 */
function unitPatterns(codes: readonly (Int32Array | null)[], length: number, categories: number): [Int32Array, number][] {
  const width = codes.length
  const base = categories + 1
  if (base ** width >= 2 ** 30) {
    const out: [Int32Array, number][] = []
    for (let t = 0; t < length; t++) out.push([Int32Array.from(codes, (c) => (c ? c[t] : MISSING)), 1])
    return out
  }
  const counts = new Map<number, number>()
  for (let t = 0; t < length; t++) {
    let key = 0
    for (let a = 0; a < width; a++) {
      const c = codes[a]
      key = key * base + (c ? c[t] + 1 : 0)
    }
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const out: [Int32Array, number][] = []
  for (const [key, n] of counts) {
    const unit = new Int32Array(width)
    let k = key
    for (let a = width - 1; a >= 0; a--) {
      unit[a] = (k % base) - 1
      k = Math.floor(k / base)
    }
    out.push([unit, n])
  }
  return out
}

/** Adds two annotators' token codes to a Cohen table (a run of equal codes is one call). */
function addTokenPairs(cohen: CohenAccumulator, a: Int32Array, b: Int32Array): void {
  let t = 0
  while (t < a.length) {
    let run = 1
    while (t + run < a.length && a[t + run] === a[t] && b[t + run] === b[t]) run++
    cohen.add(a[t], b[t], run)
    t += run
  }
}
