import type { ChangeSinceDone } from '../../../shared/api/methods/review'

function quote(text: string, s: { start: number; end: number }): string {
  const t = text.slice(s.start, s.end)
  return `“${t.length > 30 ? `${t.slice(0, 29)}…` : t}”`
}

/** "alice deleted PERSON “Kerry”", "bob added PART_OF “Kerry” → “Brussels”". */
export function changeWords(c: ChangeSinceDone, text: string): string {
  const what = c.tail ? `${c.label} ${quote(text, c)} → ${quote(text, c.tail)}` : `${c.label} ${quote(text, c)}`
  return `${c.annotator} ${c.change} ${what}${c.change === 'changed' ? ' (as it is now)' : ''}`
}
