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
