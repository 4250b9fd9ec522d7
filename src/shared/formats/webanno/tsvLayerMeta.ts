import { NAMED_ENTITY } from './tsvSyntax'

/**
 * Which WebAnno layer each imported span came from, kept in the document's meta (meta.webannoTsv.layers) so an
 * export of the document writes each span back to its own layer and column (a custom `webanno.custom.Span`, an
 * event layer), as INCEpTION declared them, not every span as a NamedEntity. Absent when every span was a
 * NamedEntity labelled by its `value` in a layer declaring only `value` (the export's default layer), so such files
 * keep the meta they had.
 */

/** A span layer (and the feature its spans' labels came from; null: no value, the label is the layer's short name). */
export interface StoredSpanLayer {
  type: string
  feature: string | null
  /** The layer's feature columns as the file declared them (slot columns left out). */
  declared?: string[]
  /** The spans read from it, as [begin, end, label] (UTF-16). */
  spans: [number, number, string][]
}

/** A relation layer, the span layer it connects (`BT_`), and the feature its labels came from. */
export interface StoredRelationLayer {
  type: string
  baseType: string
  feature: string | null
  declared?: string[]
}

export interface StoredLayers {
  layers?: StoredSpanLayer[]
  relationLayers?: StoredRelationLayer[]
}

/** The layer of a span that has none stored (written before, or added since import). */
export const DEFAULT_SPAN_LAYER = { type: NAMED_ENTITY, feature: 'value' } as const
/** The relation layer over NamedEntity spans. */
export const DEFAULT_RELATION_TYPE = 'webanno.custom.Relation'

/** Collects the layers of an import; `stored()` is the meta to keep, or {} when every span was a NamedEntity value. */
export class LayerCollector {
  private readonly spanLayers = new Map<string, StoredSpanLayer>()
  private readonly relationLayers = new Map<string, StoredRelationLayer>()

  span(type: string, declared: string[], feature: string | null, begin: number, end: number, label: string): void {
    const key = `${type}\u0000${feature ?? ''}`
    let l = this.spanLayers.get(key)
    if (!l) this.spanLayers.set(key, (l = { type, feature, declared, spans: [] }))
    l.spans.push([begin, end, label])
  }

  relation(type: string, baseType: string | undefined, declared: string[], feature: string | null): void {
    if (baseType && !this.relationLayers.has(type)) this.relationLayers.set(type, { type, baseType, feature, declared })
  }

  stored(): StoredLayers {
    const layers = [...this.spanLayers.values()]
    const plain = (l: StoredSpanLayer) => l.type === DEFAULT_SPAN_LAYER.type && l.feature === DEFAULT_SPAN_LAYER.feature && (l.declared ?? []).join('|') === DEFAULT_SPAN_LAYER.feature
    if (layers.every(plain)) return {}
    const relationLayers = [...this.relationLayers.values()]
    return { layers, ...(relationLayers.length ? { relationLayers } : {}) }
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
/** A stored layer's declared features (none for meta written before they were kept). */
export const declaredOf = (l: { declared?: unknown }): string[] => strings(l.declared)

const isLayer = (l: unknown): l is StoredSpanLayer =>
  !!l && typeof l === 'object' && typeof (l as StoredSpanLayer).type === 'string' && Array.isArray((l as StoredSpanLayer).spans) && ((l as StoredSpanLayer).feature === null || typeof (l as StoredSpanLayer).feature === 'string')
const isRelationLayer = (l: unknown): l is StoredRelationLayer =>
  !!l && typeof l === 'object' && typeof (l as StoredRelationLayer).type === 'string' && typeof (l as StoredRelationLayer).baseType === 'string'

/** The stored layers of a document's meta.webannoTsv, what of it is well formed. */
export function storedLayers(meta: unknown): { layers: StoredSpanLayer[]; relationLayers: StoredRelationLayer[] } {
  const m = meta && typeof meta === 'object' ? (meta as StoredLayers) : {}
  return {
    layers: Array.isArray(m.layers) ? m.layers.filter(isLayer) : [],
    relationLayers: Array.isArray(m.relationLayers) ? m.relationLayers.filter(isRelationLayer) : [],
  }
}
