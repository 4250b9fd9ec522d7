import { TokenCache, tokenizeText } from './documentTokens'
import { evaluateRecommender } from './evaluation'
import { firstComeNonOverlapping, withoutOverlaps } from './overlaps'
import { parsePatternFile } from './patternFile'
import type { Pattern, PatternFileError, TokenSpec } from './patternFile'
import type { Evaluation, Fold, Recommender, RecommenderDocument, SpanChange, Suggestion } from './recommender'
import { countOf } from '../text/plural'

/** Every end (token index, exclusive) at which `specs` match from token `from`; memoized per (spec, token). */
function matchEnds(specs: readonly TokenSpec[], words: readonly string[], from: number): number[] {
  const n = words.length
  const memo = new Map<number, number[]>()
  const ends = (pi: number, ti: number): number[] => {
    if (pi === specs.length) return [ti]
    const key = pi * (n + 1) + ti
    const hit = memo.get(key)
    if (hit) return hit
    const spec = specs[pi]
    const out = new Set<number>()
    if (spec.negate) {
      if (ti < n && !spec.test(words[ti])) for (const e of ends(pi + 1, ti + 1)) out.add(e)
    } else {
      for (let c = 0; c <= spec.max; c++) {
        if (c >= spec.min) for (const e of ends(pi + 1, ti + c)) out.add(e)
        if (ti + c >= n || !spec.test(words[ti + c])) break
      }
    }
    const list = [...out]
    memo.set(key, list)
    return list
  }
  return ends(0, from)
}

/** All token matches of one pattern as [start, end) token ranges (empty matches are not matches, as in spaCy). */
export function matchPattern(p: Pattern, words: readonly string[]): [number, number][] {
  const out: [number, number][] = []
  const first = p.tokens[0]
  // A required first token rules out most starts at once.
  const needsFirst = first.min >= 1 && !first.negate
  for (let i = 0; i < words.length; i++) {
    if (needsFirst && !first.test(words[i])) continue
    for (const e of matchEnds(p.tokens, words, i)) if (e > i) out.push([i, e])
  }
  return out
}

/** A pattern file is refused whole when a line is bad: this says which lines and why. */
export class PatternFileErrors extends Error {
  constructor(
    readonly file: string,
    readonly errors: PatternFileError[],
  ) {
    const shown = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`)
    super(`${file}: ${countOf(errors.length, 'bad pattern line')}: ${shown.join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`)
  }
}

const phraseTokens = (phrase: string) => tokenizeText(phrase).tokens.map((t) => t.text)

/**
 * spaCy's EntityRuler over a pattern file: every phrase and token pattern is
 * matched over the document's tokens, then the matches with the most tokens win (earlier
 * first among equals), as the EntityRuler keeps them. It does not learn;
 * every suggestion scores 1.
 */
export class PatternMatcher implements Recommender {
  readonly learns = false
  private readonly tokens = new TokenCache()
  private readonly phrases = new Map<string, Pattern[]>()
  private readonly tokenPatterns: Pattern[] = []

  constructor(
    readonly name: string,
    readonly patterns: readonly Pattern[],
  ) {
    for (const p of patterns) {
      if (p.kind !== 'phrase') {
        this.tokenPatterns.push(p)
        continue
      }
      // Phrases are indexed by their first token, so a big gazetteer costs one lookup per token.
      const head = phraseTokens(p.phrase!)[0]
      const list = this.phrases.get(head) ?? []
      list.push(p)
      this.phrases.set(head, list)
    }
  }

  /** Parses a pattern file's text; any bad line refuses the file with every line number and reason. */
  static fromFile(name: string, file: string, text: string): PatternMatcher {
    const { patterns, errors } = parsePatternFile(text, phraseTokens)
    if (errors.length) throw new PatternFileErrors(file, errors)
    return new PatternMatcher(name, patterns)
  }

  train(_changes: Iterable<SpanChange>): void {}

  suggest(doc: RecommenderDocument): Suggestion[] {
    const { tokens } = this.tokens.get(doc.id, doc.text)
    const words = tokens.map((t) => t.text)
    const found: { s: Suggestion; first: number; count: number }[] = []
    const add = (p: Pattern, s: number, e: number) =>
      found.push({ s: { start: tokens[s].start, end: tokens[e - 1].end, label: p.label, score: 1, recommender: this.name }, first: s, count: e - s })
    for (let i = 0; i < words.length; i++) {
      for (const p of this.phrases.get(words[i]) ?? []) {
        const k = p.tokens.length
        if (i + k <= words.length && p.tokens.every((spec, j) => spec.test(words[i + j]))) add(p, i, i + k)
      }
    }
    for (const p of this.tokenPatterns) for (const [s, e] of matchPattern(p, words)) add(p, s, e)
    // As the EntityRuler keeps them: the most tokens first, the earliest among equals (not the most characters).
    found.sort((a, b) => b.count - a.count || a.first - b.first)
    return withoutOverlaps(firstComeNonOverlapping(found.map((f) => f.s)), doc.spans)
  }

  evaluate(folds: readonly Fold[]): Evaluation {
    return evaluateRecommender(() => this, folds)
  }
}
