/**
 * A review marked done is frozen (its gold is what a gold export writes), but the annotators' own layers are not:
 * a span added or deleted afterwards, an undo, an import bringing a third annotator or a pulled colleague's layer
 * changes what the review compared. Reopening on every such edit would undo the reviewer's finish silently, so the
 * review stays done and says how far the layers have moved since: the annotator items added, deleted or changed
 * since the finish (the workspace keeps the layers as they were then: migration 19), each counted once. A reviewer
 * who reopens the review to take them in still sees that list while working: the copy is kept until the review is
 * marked done again (migration 20).
 *
 * Reviews done before the workspace kept that copy (kept at its upgrade instead) also count what differs from gold
 * now, the earlier measure, which saw changes made before the upgrade: the places now undecided (open
 * disagreements) plus the items every annotator now agrees on that gold lacks (marking the review done copied every
 * agreed item into gold, so one missing was agreed on afterwards). Spans are counted here; relations, which need the
 * schema's constraints to know whether gold could take them, by the review service (agreedRelationsMissing).
 */
import type { Alignment } from './alignment'
import { spanKey } from './alignment'
import type { DecisionInput } from './decisions'

/** Agreed span groups (every annotator the same) whose spans gold lacks and the reviewer rejected none of. */
export function agreedMissingFromGold(alignment: Alignment, gold: DecisionInput['gold'], rejected: DecisionInput['rejected']): number {
  const goldKeys = new Set(gold.spans.map(spanKey))
  const rejectedSpans = new Set(rejected.spans)
  let n = 0
  for (const g of alignment.spanGroups) {
    if (g.difference !== 'agreed' || g.items.some((i) => rejectedSpans.has(i.id))) continue
    if (g.items.some((i) => !goldKeys.has(spanKey(i)))) n++
  }
  return n
}

/**
 * One annotator item as a document's layers hold it: who, span ('s'), relation ('r') or the layer itself ('l', an
 * annotator whose layer on the document has a status), its id and its content.
 */
export interface LayerItem {
  annotatorId: number
  kind: 's' | 'r' | 'l'
  itemId: number
  content: string
}

/**
 * How many annotator items differ between two readings of a document's layers: each item added, deleted or changed
 * counts once. Items are the same when annotator, kind and content are, whatever their ids (a pulled layer is written
 * again under new ids); an item whose id stayed and whose content changed is one change, not a deletion and an addition.
 */
export function layerChanges(then: readonly LayerItem[], now: readonly LayerItem[]): number {
  return layerChangeList(then, now).length
}

/** One item of layerChanges: an addition or a change as the item is now, a deletion as it was. */
export interface LayerChange {
  change: 'added' | 'deleted' | 'changed'
  item: LayerItem
}

/**
 * The changes layerChanges counts, each once: deletions, then changes and additions, in the readings' order. A layer
 * ('l') counts only when it joins or leaves holding nothing: an empty layer is a reading the review compares (no
 * annotation at all), while a layer that brings or takes items is counted by those items.
 */
export function layerChangeList(then: readonly LayerItem[], now: readonly LayerItem[]): LayerChange[] {
  const changes = itemChangeList(
    then.filter((i) => i.kind !== 'l'),
    now.filter((i) => i.kind !== 'l'),
  )
  const withItems = (list: readonly LayerItem[]) => new Set(list.filter((i) => i.kind !== 'l').map((i) => i.annotatorId))
  const layers = (list: readonly LayerItem[]) => new Map(list.filter((i) => i.kind === 'l').map((i) => [i.annotatorId, i]))
  const [thenItems, nowItems, thenLayers, nowLayers] = [withItems(then), withItems(now), layers(then), layers(now)]
  const left = [...thenLayers.values()].filter((l) => !thenItems.has(l.annotatorId) && !nowLayers.has(l.annotatorId) && !nowItems.has(l.annotatorId))
  const joined = [...nowLayers.values()].filter((l) => !nowItems.has(l.annotatorId) && !thenLayers.has(l.annotatorId) && !thenItems.has(l.annotatorId))
  return [...left.map((item) => ({ change: 'deleted' as const, item })), ...changes, ...joined.map((item) => ({ change: 'added' as const, item }))]
}

function itemChangeList(then: readonly LayerItem[], now: readonly LayerItem[]): LayerChange[] {
  const key = (i: LayerItem) => `${i.annotatorId}\t${i.kind}\t${i.content}`
  const kept = new Map<string, LayerItem[]>()
  for (const i of then) {
    const list = kept.get(key(i))
    if (list) list.push(i)
    else kept.set(key(i), [i])
  }
  const added: LayerItem[] = []
  for (const i of now) {
    const list = kept.get(key(i))
    if (list?.length) list.pop()
    else added.push(i)
  }
  const idKey = (i: LayerItem) => `${i.annotatorId}\t${i.kind}\t${i.itemId}`
  const removed = new Map([...kept.values()].flat().map((i) => [idKey(i), i]))
  const changes: LayerChange[] = []
  const edited = new Set<string>()
  for (const i of added) {
    if (removed.has(idKey(i))) edited.add(idKey(i))
  }
  for (const [k, i] of removed) if (!edited.has(k)) changes.push({ change: 'deleted', item: i })
  for (const i of added) changes.push({ change: edited.has(idKey(i)) ? 'changed' : 'added', item: i })
  return changes
}

/** What the layers kept at the finish say: how many items changed since, and whether the copy was kept at the finish. */
export interface SinceDone {
  taken: 'done' | 'upgrade'
  changes: number
}

/**
 * How many items differ now on a review marked done (0 when it is not done, or nothing changed): the one definition
 * the review view, the dashboard, the library, `spanwright review status` and the gold export's warning share.
 * `open` and `agreedMissing` (what differs from gold) are read only without a copy kept at the finish.
 */
export function changedSinceDone(a: { done: boolean; since: SinceDone | null; open: number; agreedMissing: number }): number {
  if (!a.done) return 0
  if (a.since?.taken === 'done') return a.since.changes
  return Math.max(a.since?.changes ?? 0, a.open + a.agreedMissing)
}
