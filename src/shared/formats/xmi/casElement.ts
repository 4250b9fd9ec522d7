/**
 * One feature structure of a UIMA CAS as its XMI serialization writes it: an
 * element directly under `xmi:XMI`, its type told by the element's namespace
 * and local name, its features by its attributes (and, for multi-valued
 * string features, by child elements). The XML parser (main side) builds
 * these; the mapping to an import record (casRecord.ts) stays pure.
 */
export interface CasElement {
  /** The namespace URI, e.g. `http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore`. */
  uri: string
  /** The type's short name (the element's local name), e.g. `NamedEntity`. */
  name: string
  /** 1-based line of the element's start tag. */
  line: number
  /** `xmi:id`, or null when the element has none. */
  id: string | null
  /** Features in the order the file writes them (UIMA writes them in the type system's order). */
  features: [string, string][]
}

export const XMI_NS = 'http://www.omg.org/XMI'
export const CAS_NS = 'http:///uima/cas.ecore'
export const TCAS_NS = 'http:///uima/tcas.ecore'

/**
 * The UIMA type name of an element: XMI writes the type's package as the
 * namespace URI `http:///a/b/c.ecore` for package `a.b.c`.
 */
export function uimaTypeName(el: Pick<CasElement, 'uri' | 'name'>): string {
  const m = /^http:\/\/\/(.*)\.ecore$/u.exec(el.uri)
  return m ? `${m[1].split('/').join('.')}.${el.name}` : `${el.uri}#${el.name}`
}
