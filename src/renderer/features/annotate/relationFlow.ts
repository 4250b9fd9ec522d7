import type { LabelType, Span } from '../../../shared/domain/model'

/**
 * Creating a relation by keyboard or mouse: first the tail is picked (from the
 * selected head), then the type, from only the types the schema allows for
 * that pair of labels.
 */
export type RelationFlow =
  | { phase: 'tail'; headId: number; candidateId: number | null }
  | { phase: 'type'; headId: number; tailId: number; options: LabelType[]; active: number }

/** The next (dir 1) or previous (dir -1) span in text order after `currentId`, skipping the head; wraps around. */
export function cycleCandidate(spans: Span[], headId: number, currentId: number | null, dir: 1 | -1): number | null {
  const others = spans.filter((s) => s.id !== headId && s.id > 0)
  if (!others.length) return null
  let i = currentId === null ? -1 : others.findIndex((s) => s.id === currentId)
  if (i < 0) {
    // Start next to the head, so the nearest span comes first.
    const head = spans.find((s) => s.id === headId)
    const after = head ? others.findIndex((s) => s.start > head.start || (s.start === head.start && s.end < head.end)) : 0
    i = after < 0 ? others.length : after
    return others[dir === 1 ? i % others.length : (i - 1 + others.length) % others.length].id
  }
  return others[(i + dir + others.length) % others.length].id
}

/** A short readable name for a span: its label and (abbreviated) text. */
export function spanName(span: Span, text: string): string {
  const t = text.slice(span.start, span.end)
  return `${span.label} “${t.length > 30 ? `${t.slice(0, 29)}…` : t}”`
}
