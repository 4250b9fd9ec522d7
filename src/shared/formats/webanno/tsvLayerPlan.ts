import type { Relation, Span } from '../../domain/model'
import { DEFAULT_RELATION_TYPE, DEFAULT_SPAN_LAYER, declaredOf, storedLayers } from './tsvLayerMeta'
import { NAMED_ENTITY, shortNameOf } from './tsvSyntax'

/**
 * Which layer and column each span and relation of an export goes to: a span read from a WebAnno file goes back to
 * its layer and the feature its label came from (tsvLayerMeta.ts); any other span is a NamedEntity `value`, as
 * before. A relation goes to a relation layer over its spans' layer (`BT_`): the one the file declared over that
 * layer, else `webanno.custom.Relation` over NamedEntity, else `<layer>Relation`.
 * A relation between spans of two layers (a slot feature's link from its host to a target, read as a `role`
 * relation) has no TSV relation layer to go to (one connects spans of one layer), and slot columns are not written:
 * such a document is written as before, every span a NamedEntity `value`, so its relations are kept (`merged`).
 */

export interface SpanLayerOut {
  type: string
  /** The feature columns; none: the layer is written with one placeholder column (`#T_SP=type|`, `*` per span). */
  features: string[]
  spans: Span[]
  /** The feature a span's label goes to (null: no value; its label is the layer's short name). */
  featureOf: Map<Span, string | null>
}

export interface RelationLayerOut {
  type: string
  baseType: string
  /** The feature columns (before the BT_ column). */
  features: string[]
  /** The feature column a relation's label goes to; null: none (its label is the layer's short name, `*` everywhere). */
  featureOf: (r: Relation) => string | null
  relations: Relation[]
}

export interface LayerPlan {
  spanLayers: SpanLayerOut[]
  relationLayers: RelationLayerOut[]
  layerOf: Map<Span, SpanLayerOut>
  /** The document has relations between spans of two layers: every span was written as a NamedEntity. */
  merged: boolean
}

const spanKey = (start: number, end: number, label: string) => `${start}:${end}:${label}`

export function planLayers(webannoMeta: unknown, spans: readonly Span[], relations: readonly Relation[]): LayerPlan {
  const plan = planOf(webannoMeta, spans, relations)
  return plan ?? { ...planOf(null, spans, relations)!, merged: true }
}

/** The plan, or null when a relation joins spans of two layers. */
function planOf(webannoMeta: unknown, spans: readonly Span[], relations: readonly Relation[]): LayerPlan | null {
  const stored = storedLayers(webannoMeta)
  const waiting = new Map<string, { type: string; feature: string | null }[]>()
  for (const l of stored.layers) {
    for (const s of l.spans) {
      if (!Array.isArray(s) || typeof s[0] !== 'number' || typeof s[1] !== 'number' || typeof s[2] !== 'string') continue
      const k = spanKey(s[0], s[1], s[2])
      waiting.set(k, [...(waiting.get(k) ?? []), { type: l.type, feature: l.feature }])
    }
  }
  // Layers in the file's order, then NamedEntity.
  const order = [...new Set([...stored.layers.map((l) => l.type), NAMED_ENTITY])]
  const byType = new Map<string, SpanLayerOut>()
  const layerOf = new Map<Span, SpanLayerOut>()
  for (const s of spans) {
    const from = waiting.get(spanKey(s.start, s.end, s.label))?.shift() ?? DEFAULT_SPAN_LAYER
    let layer = byType.get(from.type)
    if (!layer) {
      const declared = [...new Set(stored.layers.filter((l) => l.type === from.type).flatMap(declaredOf))]
      byType.set(from.type, (layer = { type: from.type, features: declared, spans: [], featureOf: new Map() }))
    }
    if (from.feature !== null && !layer.features.includes(from.feature)) layer.features.push(from.feature)
    layer.spans.push(s)
    layer.featureOf.set(s, from.feature)
    layerOf.set(s, layer)
  }
  if (!byType.size) byType.set(NAMED_ENTITY, { type: NAMED_ENTITY, features: ['value'], spans: [], featureOf: new Map() })
  const spanLayers = order.map((t) => byType.get(t)).filter((l): l is SpanLayerOut => !!l)

  const byId = new Map(spans.map((s) => [s.id, s]))
  const relationLayers = new Map<string, RelationLayerOut>()
  for (const r of relations) {
    const head = layerOf.get(byId.get(r.headId)!)!
    const tail = layerOf.get(byId.get(r.tailId)!)!
    if (head !== tail) return null
    let out = relationLayers.get(head.type)
    if (!out) {
      const own = stored.relationLayers.find((l) => l.baseType === head.type)
      const type = own?.type ?? (head.type === NAMED_ENTITY ? DEFAULT_RELATION_TYPE : `${head.type}Relation`)
      const feature = own ? own.feature : 'value'
      // A relation labelled by the layer's short name had no value (`*`); another label needs a column: `value`.
      const featureOf = (x: Relation) => feature ?? (x.label === shortNameOf(type) ? null : 'value')
      relationLayers.set(head.type, (out = { type, baseType: head.type, features: own ? declaredOf(own) : [], featureOf, relations: [] }))
    }
    const f = out.featureOf(r)
    if (f !== null && !out.features.includes(f)) out.features.push(f)
    out.relations.push(r)
  }
  return { spanLayers, relationLayers: [...relationLayers.values()], layerOf, merged: false }
}
