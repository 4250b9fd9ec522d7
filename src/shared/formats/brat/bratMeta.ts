/**
 * The document meta key naming the binary attributes a brat file wrote as M
 * lines (`M1<TAB>Negation E2`, brat's older spelling of `A1<TAB>Negation E2`),
 * so an export writes them as the file did.
 */
export const BRAT_MODIFICATIONS_META = 'bratModifications'

/** The attribute names a document's meta says to write as M lines. */
export function modificationNames(meta: Record<string, unknown>): Set<string> {
  const v = meta[BRAT_MODIFICATIONS_META]
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
}
