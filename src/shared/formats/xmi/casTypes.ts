import { CAS_NS, TCAS_NS, uimaTypeName } from './casElement'
import type { CasElement } from './casElement'
import { isStructureType } from '../dkproStructureTypes'

export const DOCUMENT_META_DATA = 'de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData'

/** UIMA's own elements and DKPro's document structure (dkproStructureTypes.ts): not imported. */
export function isInfrastructure(el: CasElement): boolean {
  if (el.uri === CAS_NS || el.uri === TCAS_NS) return true
  const type = uimaTypeName(el)
  return isStructureType(type)
}

/** A feature's value, or undefined when the element does not write it. */
export function feature(el: CasElement, name: string): string | undefined {
  for (const [k, v] of el.features) if (k === name) return v
  return undefined
}

const ID_LIST = /^\d+( \d+)*$/u

/**
 * Whether a feature value refers to other feature structures of the file: a
 * space-separated list of xmi:ids that all exist. XMI does not say which
 * features are references without the type system, so a number that happens
 * to be an id of the file reads as one (and is then neither label nor attribute).
 */
export function isReference(value: string, ids: ReadonlyMap<string, CasElement>): boolean {
  return ID_LIST.test(value) && value.split(' ').every((id) => ids.has(id))
}

/** Values that say what they are not: a label is text, not a number or a truth value. */
function isPrimitiveNonText(value: string): boolean {
  return value === 'true' || value === 'false' || /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/u.test(value)
}

/** Features that are the CAS's own plumbing, never a label. */
const STRUCTURAL = new Set(['sofa', 'begin', 'end', 'Governor', 'Dependent', 'next', 'first'])

/**
 * The label of an annotation: its `value` feature when it has one (DKPro's
 * NamedEntity, INCEpTION's relation and most custom layers name it so); else
 * `referenceType` (DKPro's coreference links, INCEpTION's chain layers); else
 * the first feature, in the order the file writes them, whose value is text
 * (not a number, `true`/`false`, or a reference to other annotations); else
 * the type's short name (a layer without features, or with none set).
 */
export function annotationLabel(el: CasElement, ids: ReadonlyMap<string, CasElement>): { label: string; from: string | null } {
  for (const preferred of ['value', 'referenceType']) {
    const v = feature(el, preferred)
    if (v !== undefined && v.trim() !== '') return { label: v, from: preferred }
  }
  for (const [k, v] of el.features) {
    if (STRUCTURAL.has(k) || v.trim() === '' || isPrimitiveNonText(v) || isReference(v, ids)) continue
    return { label: v, from: k }
  }
  return { label: el.name, from: null }
}

/** The features kept as attributes: every primitive one but the label's and the CAS's plumbing. */
export function annotationAttributes(
  el: CasElement,
  ids: ReadonlyMap<string, CasElement>,
  labelFrom: string | null,
  also: ReadonlySet<string>,
): { attributes: Record<string, string>; tooLong: number } {
  const attributes: Record<string, string> = {}
  let tooLong = 0
  for (const [k, v] of el.features) {
    if (k === labelFrom || STRUCTURAL.has(k) || also.has(k) || v === '' || isReference(v, ids)) continue
    // Stored attributes are short (names up to 64, values up to 1000 characters): longer ones stay out, counted.
    if (k.length > 64 || v.length > 1000) tooLong++
    else attributes[k] = v
  }
  return { attributes, tooLong }
}
