import type { ChangeSinceDone } from '../../../shared/api/methods/review'

function quote(text: string, s: { start: number; end: number }): string {
  const t = text.slice(s.start, s.end)
  return `“${t.length > 30 ? `${t.slice(0, 29)}…` : t}”`
}

/** "alice deleted PERSON “Kerry”", "bob added PART_OF “Kerry” → “Brussels”", "carl added a layer with no annotation". */
export function changeWords(c: ChangeSinceDone, text: string): string {
  if (c.kind === 'layer') return c.change === 'added' ? `${c.annotator} added a layer with no annotation` : `${c.annotator}'s layer with no annotation was removed`
  const what = c.tail ? `${c.label} ${quote(text, c)} → ${quote(text, c.tail)}` : `${c.label} ${quote(text, c)}`
  return `${c.annotator} ${c.change} ${what}${c.change === 'changed' ? ' (as it is now)' : ''}`
}

/**
 * The disagreement a change since the last finish is about (its kind, an extent of its overlapping; one with its exact
 * extent first), else -1: the reviewer who reopened a review goes there from the list, even when the place is already
 * decided (a deletion of an item gold has leaves a decided place that `n` passes by).
 */
export function placeOfChange(list: readonly { kind: 'span' | 'relation'; start: number; end: number }[], c: ChangeSinceDone): number {
  if (c.kind === 'layer') return -1
  const ends = c.tail ? [c, c.tail] : [c]
  let found = -1
  list.forEach((d, i) => {
    if (d.kind !== c.kind || !ends.some((e) => d.start < e.end && e.start < d.end)) return
    if (found < 0 || (d.start === c.start && d.end === c.end && (list[found].start !== c.start || list[found].end !== c.end))) found = i
  })
  return found
}
