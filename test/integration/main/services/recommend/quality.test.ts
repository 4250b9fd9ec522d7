// Quality on a real corpus with gold spans: the CoNLL-2002 Spanish NER sample
// in brat (test/fixtures/brat/conll2002-esp, 10 documents, PER/ORG/LOC/MISC),
// by 5-fold document-level cross-validation, exact match. The string matcher
// must be at least as good as a plain gazetteer (every learned string found by
// indexOf at word edges, its most frequent label, longest first).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnglishModel } from '../../../../../src/main/services/recommend/englishModel'
import { documentFolds, evaluateRecommender } from '../../../../../src/shared/recommend/evaluation'
import { longestFirst } from '../../../../../src/shared/recommend/overlaps'
import { PatternMatcher } from '../../../../../src/shared/recommend/patternMatcher'
import type { Evaluation, Fold, GoldDocument, Recommender, RecommenderDocument, SpanChange, Suggestion } from '../../../../../src/shared/recommend/recommender'
import { createsOf } from '../../../../../src/shared/recommend/recommender'
import { StringMatcher } from '../../../../../src/shared/recommend/stringMatcher'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test/fixtures/brat/conll2002-esp')

function corpus(): GoldDocument[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(DIR, f), 'utf8')
      const ann = fs.readFileSync(path.join(DIR, f.replace(/\.txt$/, '.ann')), 'utf8')
      const spans = ann
        .split('\n')
        .filter((l) => l.startsWith('T'))
        .map((l) => {
          const [, typeAndOffsets, surface] = l.split('\t')
          const [label, start, end] = typeAndOffsets.split(' ')
          expect(text.slice(Number(start), Number(end))).toBe(surface)
          return { start: Number(start), end: Number(end), label }
        })
      return { id: f, text, spans }
    })
}

/** A plain gazetteer: learned strings found anywhere by indexOf (at word edges), most frequent label, longest first. */
class Gazetteer implements Recommender {
  readonly name = 'gazetteer'
  readonly learns = true
  private readonly counts = new Map<string, Map<string, number>>()
  train(changes: Iterable<SpanChange>): void {
    for (const c of changes) {
      const m = this.counts.get(c.text) ?? new Map<string, number>()
      m.set(c.label, (m.get(c.label) ?? 0) + (c.kind === 'create' ? 1 : -1))
      this.counts.set(c.text, m)
    }
  }
  suggest(doc: RecommenderDocument): Suggestion[] {
    const out: Suggestion[] = []
    const edge = (i: number) => i < 0 || i >= doc.text.length || !/[\p{L}\p{N}]/u.test(doc.text[i])
    for (const [s, labels] of this.counts) {
      const [label] = [...labels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
      for (let i = doc.text.indexOf(s); i >= 0; i = doc.text.indexOf(s, i + 1)) {
        if (edge(i - 1) && edge(i + s.length)) out.push({ start: i, end: i + s.length, label, score: 1, recommender: this.name })
      }
    }
    return longestFirst(out)
  }
  evaluate(folds: readonly Fold[]): Evaluation {
    return evaluateRecommender(() => new Gazetteer(), folds)
  }
}

/** The EntityRuler with a phrase pattern per training string: what a spaCy user would write by hand. */
function patternsFromTraining(folds: readonly Fold[]): Evaluation {
  const per = folds.map((f) => {
    const lines = [...new Set([...createsOf(f.train)].map((c) => JSON.stringify({ label: c.label, pattern: c.text })))].join('\n')
    return evaluateRecommender(() => PatternMatcher.fromFile('patterns:train', 'train.jsonl', lines), [{ train: [], test: f.test }])
  })
  const sum = (k: 'tp' | 'fp' | 'fn') => per.reduce((n, e) => n + e.overall[k], 0)
  const tp = sum('tp')
  const p = tp / (tp + sum('fp'))
  const r = tp / (tp + sum('fn'))
  return { ...per[0], recommender: 'patterns', overall: { precision: p, recall: r, f1: (2 * p * r) / (p + r), tp, fp: sum('fp'), fn: sum('fn') } }
}

const show = (e: Evaluation) => `${e.recommender}: P ${e.overall.precision.toFixed(3)} R ${e.overall.recall.toFixed(3)} F1 ${e.overall.f1.toFixed(3)}`

describe('recommender quality on CoNLL-2002 Spanish (brat, 5-fold document cross-validation, exact match)', () => {
  const docs = corpus()
  const folds = documentFolds(docs, 5)

  it('reads the gold: 10 documents, 540 spans', () => {
    expect(docs).toHaveLength(10)
    expect(docs.reduce((n, d) => n + d.spans.length, 0)).toBe(540)
  })

  it('the string matcher is at least as good as a plain gazetteer, in precision and F1', () => {
    const sm = new StringMatcher().evaluate(folds)
    const gaz = new Gazetteer().evaluate(folds)
    const patterns = patternsFromTraining(folds)
    const english = new EnglishModel(['PER', 'ORG', 'LOC', 'MISC'], { PERSON: 'PER', ORG: 'ORG', PLACE: 'LOC', DATE: '' }).evaluate(folds)
    console.log(['conll2002-esp, 5 folds:', show(sm), show(gaz), show(patterns), show(english)].join('\n  '))
    for (const [label, s] of Object.entries(sm.perLabel)) console.log(`  string-matcher ${label}: F1 ${s.f1.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`)
    expect(sm.documents).toBe(10)
    expect(sm.overall.f1).toBeGreaterThanOrEqual(gaz.overall.f1)
    expect(sm.overall.precision).toBeGreaterThanOrEqual(gaz.overall.precision)
    expect(sm.overall.tp).toBeGreaterThan(0)
    // Phrase patterns learned from the same folds find the same strings as the matcher (labels aside).
    expect(patterns.overall.tp + patterns.overall.fp).toBeGreaterThan(0)
  })
})
