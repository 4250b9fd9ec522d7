import type { Span } from '../../../shared/domain/model'

/**
 * Spans per label, in a Map: in a plain object a label named `constructor` or
 * `toString` (valid label names) counted from Object's own function, and the
 * palette showed "function Object() { [native code] }1" beside it.
 */
export function countByLabel(spans: readonly Pick<Span, 'label'>[]): Map<string, number> {
  const c = new Map<string, number>()
  for (const s of spans) c.set(s.label, (c.get(s.label) ?? 0) + 1)
  return c
}
