import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import type { SpanChange } from '../../../shared/recommend/recommender'
import { TokenCache } from '../../../shared/recommend/documentTokens'
import { StringMatcher } from '../../../shared/recommend/stringMatcher'
import type { LayerRows, RowSnapshot } from '../../store/historyStore'
import type { Store } from '../../store/store'

/**
 * The string matcher of one annotator, kept up to date from the undo history:
 * built once from the annotator's and the gold layer's spans, then each
 * refresh feeds it only what changed since (a new action's rows; an undo or
 * redo reverses or replays one), never rereading the workspace. Spans that
 * arrive without history (an import) are noticed by the count and trigger one
 * rebuild.
 */
export class LearningMatcher {
  /** Documents' tokens, kept across rebuilds. */
  private readonly tokens = new TokenCache()
  matcher = new StringMatcher(this.tokens)
  private states = new Map<number, string>()
  private since = ''
  private count = 0
  private layers: number[] = []
  /** The schema's labels when last read: a rename changes what a history row's label id means, so it rebuilds. */
  private labelNames = ''

  constructor(
    private readonly store: Store,
    readonly annotator: string,
  ) {
    this.rebuild()
  }

  private layerIds(): number[] {
    return [this.store.annotators.byName(this.annotator)?.id, this.store.annotators.byName(GOLD_ANNOTATOR)?.id].filter((x): x is number => x !== undefined)
  }

  private labelSignature(): string {
    return this.store.labels
      .list()
      .map((l) => `${l.id}=${l.name}`)
      .join('\u0001')
  }

  rebuild(): void {
    const rs = this.store.recommend
    this.layers = this.layerIds()
    this.labelNames = this.labelSignature()
    this.matcher = new StringMatcher(this.tokens)
    const { states, latest } = rs.historyStates(this.layers)
    let doc = -1
    let text = ''
    let n = 0
    const layers = this.layers
    function* changes(): Iterable<SpanChange> {
      for (const s of rs.layerSpans(layers)) {
        if (s.document_id !== doc) text = rs.documentText((doc = s.document_id)) ?? ''
        n++
        yield { kind: 'create', text: text.slice(s.start, s.end), label: s.label }
      }
    }
    this.matcher.train(changes())
    this.states = states
    this.since = latest
    this.count = n
  }

  /** Brings the matcher up to date with every change since the last refresh; answers the matcher. */
  refresh(): StringMatcher {
    const rs = this.store.recommend
    if (this.layerIds().join() !== this.layers.join() || this.labelSignature() !== this.labelNames) {
      this.rebuild()
      return this.matcher
    }
    const labels = new Map(this.store.labels.list().map((l) => [l.id, l.name]))
    const texts = new Map<number, string>()
    const textOf = (id: number) => {
      let t = texts.get(id)
      if (t === undefined) texts.set(id, (t = rs.documentText(id) ?? ''))
      return t
    }
    const change = (kind: SpanChange['kind'], r: RowSnapshot): SpanChange | null => {
      const label = labels.get(r.label_id as number)
      return label ? { kind, text: textOf(r.document_id as number).slice(r.start as number, r.end as number), label } : null
    }
    for (const e of rs.historySince(this.layers, this.since)) {
      if (e.changed_at > this.since) this.since = e.changed_at
      const was = this.states.get(e.id)
      this.states.set(e.id, e.state)
      // An entry first seen now was made after the last refresh (not in effect before) unless it is an old one undone since.
      const before = was === undefined ? false : was === 'done'
      const now = e.state === 'done'
      if (before === now) continue
      const rows = { before: JSON.parse(e.before) as LayerRows, after: JSON.parse(e.after) as LayerRows }
      const [from, to] = now ? [rows.before, rows.after] : [rows.after, rows.before]
      const out: SpanChange[] = []
      for (const r of from.spans) {
        const c = change('delete', r)
        if (c) out.push(c)
      }
      for (const r of to.spans) {
        const c = change('create', r)
        if (c) out.push(c)
      }
      this.count += to.spans.length - from.spans.length
      this.matcher.train(out)
    }
    if (rs.spanCount(this.layers) !== this.count) this.rebuild()
    return this.matcher
  }
}

const perStore = new WeakMap<Store, Map<string, LearningMatcher>>()

/** The annotator's learning string matcher for this open store, up to date. */
export function learningMatcherOf(store: Store, annotator: string): StringMatcher {
  let m = perStore.get(store)
  if (!m) perStore.set(store, (m = new Map()))
  let lm = m.get(annotator)
  if (!lm) {
    m.set(annotator, (lm = new LearningMatcher(store, annotator)))
    return lm.matcher
  }
  return lm.refresh()
}
