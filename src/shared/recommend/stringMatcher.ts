import { phraseKeys, TokenCache } from './documentTokens'
import { evaluateRecommender } from './evaluation'
import { withoutOverlaps } from './overlaps'
import type { Evaluation, Fold, Recommender, RecommenderDocument, SpanChange, Suggestion } from './recommender'

/**
 * A node of the token trie: how often each label was given to the phrase
 * ending here. Most phrases carry one label, kept in `label`/`count`; a second
 * label moves them all into `labels`. Children hang off the root in one map and
 * off every other node in one shared map keyed by parent id and token key: a
 * million learned phrases then cost a million small objects, not millions of
 * maps.
 */
interface Node {
  id: number
  label: string | null
  count: number
  labels: Map<string, number> | null
  total: number
  parent: boolean
}

export const STRING_MATCHER = 'string-matcher'

/**
 * Suggests the other occurrences of every labelled string, as INCEpTION's
 * string matcher does. It learns incrementally from span changes (the same
 * stream as the undo history): a create counts the span's text under its
 * label, a delete takes it back. Phrases are kept in a trie over token keys, so
 * a document is matched in one pass over its tokens (a phrase matches only at
 * token boundaries), longest phrase first, left to right. A phrase carrying
 * several labels is suggested with its most frequent one, scored by that
 * label's share of the phrase's spans.
 */
export class StringMatcher implements Recommender {
  readonly name = STRING_MATCHER
  readonly learns = true
  private readonly roots = new Map<string, Node>()
  private readonly children = new Map<string, Node>()
  private nodes = 0
  private phrases = 0
  /** The most tokens any learned phrase has: how far before a range a match may start. */
  private depth = 0

  /** `tokens`: a cache of documents' tokens to share with a matcher built before (a rebuild need not tokenize again). */
  constructor(private readonly tokens = new TokenCache()) {}

  /** How many distinct (phrase, label) pairs are known. */
  get size(): number {
    return this.phrases
  }

  train(changes: Iterable<SpanChange>): void {
    for (const c of changes) {
      const keys = phraseKeys(c.text)
      if (!keys.length) continue
      if (c.kind === 'create') this.add(keys, c.label)
      else this.remove(keys, c.label)
    }
  }

  private node(keys: string[], create: boolean): Node | undefined {
    let node = this.roots.get(keys[0])
    if (!node) {
      if (!create) return undefined
      this.roots.set(keys[0], (node = this.newNode()))
    }
    for (let i = 1; i < keys.length; i++) {
      const edge = `${node.id}\u0001${keys[i]}`
      let child = this.children.get(edge)
      if (!child) {
        if (!create) return undefined
        this.children.set(edge, (child = this.newNode()))
        node.parent = true
      }
      node = child
    }
    return node
  }

  private newNode(): Node {
    return { id: this.nodes++, label: null, count: 0, labels: null, total: 0, parent: false }
  }

  private add(keys: string[], label: string): void {
    const node = this.node(keys, true)!
    if (keys.length > this.depth) this.depth = keys.length
    if (node.labels === null && (node.label === null || node.label === label || node.count === 0)) {
      if (node.count === 0) this.phrases++
      node.label = label
      node.count++
    } else {
      if (!node.labels) {
        node.labels = new Map([[node.label!, node.count]])
        node.label = null
      }
      const n = node.labels.get(label) ?? 0
      if (n === 0) this.phrases++
      node.labels.set(label, n + 1)
    }
    node.total++
  }

  private remove(keys: string[], label: string): void {
    const node = this.node(keys, false)
    if (!node) return
    if (node.labels === null) {
      if (node.label !== label || node.count === 0) return
      if (--node.count === 0) this.phrases--
    } else {
      const n = node.labels.get(label) ?? 0
      if (n === 0) return
      if (n === 1) {
        node.labels.delete(label)
        this.phrases--
      } else node.labels.set(label, n - 1)
    }
    node.total--
  }

  suggest(doc: RecommenderDocument): Suggestion[] {
    const { tokens, joined } = this.tokens.get(doc.id, doc.text)
    const out: Suggestion[] = []
    const roots = this.roots
    if (!roots.size) return out
    const n = tokens.length
    let from = 0
    let to = n
    if (doc.range) {
      // Tokens from `depth` before the range's first one: a phrase starting there may reach into it.
      from = Math.max(0, firstEndingAfter(tokens, doc.range.from) - this.depth)
      to = firstEndingAfter(tokens, doc.range.to)
    }
    for (let i = from; i < to; i++) {
      let node = roots.get(tokens[i].text)
      if (!node) continue
      let best = node.total > 0 ? i : -1
      let bestNode = node
      for (let j = i + 1; j < n && node.parent; j++) {
        const child: Node | undefined = this.children.get(`${node.id}\u0001${joined[j]}`)
        if (!child) break
        node = child
        if (node.total > 0) {
          best = j
          bestNode = node
        }
      }
      if (best < 0) continue
      const [label, count] = topLabel(bestNode)
      out.push({ start: tokens[i].start, end: tokens[best].end, label, score: count / bestNode.total, recommender: this.name })
      i = best
    }
    return withoutOverlaps(out, doc.spans)
  }

  evaluate(folds: readonly Fold[]): Evaluation {
    return evaluateRecommender(() => new StringMatcher(), folds)
  }
}

/** Index of the first token ending after `offset`. */
function firstEndingAfter(tokens: readonly { end: number }[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tokens[mid].end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The most frequent label; ties go to the label first in code-point order, so the choice is stable. */
function topLabel(node: Node): [string, number] {
  if (!node.labels) return [node.label!, node.count]
  let label = ''
  let count = 0
  for (const [l, c] of node.labels) if (c > count || (c === count && l < label)) [label, count] = [l, c]
  return [label, count]
}
