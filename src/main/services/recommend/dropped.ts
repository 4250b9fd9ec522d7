/** Why suggestions from a model were dropped, counted (shown beside the suggestions, never silently lost). */
export interface Dropped {
  /** The server's offsets matched its own text in neither code points nor UTF-16. */
  badOffsets: number
  /** The text the model named does not occur in the document. */
  notFound: number
  /** A label the schema does not have (after the mapping). */
  unknownLabel: number
  /** An item of the wrong shape. */
  malformed: number
}

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
