/**
 * A document id given as a JSON number (doccano's and Label Studio's database ids, `"id": 17`) is kept as text in
 * the workspace (an id is text there) and marked in the document's meta (`idType: "number"`), so the JSON exports
 * write it back as the number it was: a consumer joining on ids (a pandas merge, a SQL join against the tool's
 * database, `task["id"] == 17`) finds 17, not "17". The mark is not written out: the id's type says it.
 * An id beyond 2^53 was read as its digits (jsonIntegers.ts) and stays text.
 */

export const ID_TYPE_META_KEY = 'idType'

/** The mark for meta when the file's id was a JSON number, else nothing. */
export function idTypeMeta(id: unknown): Record<string, unknown> {
  return typeof id === 'number' && Number.isSafeInteger(id) ? { [ID_TYPE_META_KEY]: 'number' } : {}
}

/** The document id as the file had it: a number where it was one (and still is an integer's digits), else the text. */
export function documentIdOut(externalId: string, meta: Record<string, unknown>): string | number {
  if (meta[ID_TYPE_META_KEY] !== 'number' || !/^-?(0|[1-9][0-9]{0,15})$/u.test(externalId)) return externalId
  const n = Number(externalId)
  return Number.isSafeInteger(n) ? n : externalId
}

/** Meta without the mark (a copy only when it has one). */
export function withoutIdType(meta: Record<string, unknown>): Record<string, unknown> {
  if (meta[ID_TYPE_META_KEY] !== 'number') return meta
  const out = { ...meta }
  delete out[ID_TYPE_META_KEY]
  return out
}
