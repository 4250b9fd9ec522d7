import type { Dropped } from '../../../shared/recommend/report'

export type { Dropped }

export const noneDropped = (): Dropped => ({ badOffsets: 0, notFound: 0, unknownLabel: 0, malformed: 0 })

export function addDropped(into: Dropped, d: Dropped): void {
  for (const k of Object.keys(into) as (keyof Dropped)[]) into[k] += d[k]
}

/** The schema label a model's label stands for: the mapping first, else the same name; null when the schema has neither. */
export function mapLabel(label: unknown, mapping: Record<string, string> | undefined, schema: ReadonlySet<string>): string | null {
  if (typeof label !== 'string') return null
  const mapped = mapping && Object.hasOwn(mapping, label) ? mapping[label] : label
  return mapped && schema.has(mapped) ? mapped : null
}
