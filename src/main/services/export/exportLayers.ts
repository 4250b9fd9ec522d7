import { AppError } from '../../../shared/api/errors'
import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import type { DocStatus, Relation } from '../../../shared/domain/model'
import type { ExportLayer } from '../../../shared/formats/formatCodec'
import type { Store } from '../../store/store'

/** Which layers an export takes. Every filter is optional; together they narrow. */
export interface LayerFilter {
  /** One annotator's layer (every document, an empty layer being data too); else every layer that exists. */
  annotator?: string
  /** The adjudicated layer (the annotator named `gold`). */
  gold?: boolean
  /** Only layers with this status (a layer without one is `todo`). */
  status?: DocStatus
  /** Only spans of these entity labels, and the relations between kept spans. */
  labels?: string[]
}

/** One layer to export, before its document is read. */
export interface LayerRef {
  documentId: number
  externalId: string
  annotatorId: number
  annotator: string
  /** null when the layer has none (it counts as `todo`). */
  status: DocStatus | null
  /** 0 when the layer has no relations (their query is skipped). */
  hasRelations: number
}

const HAS_RELATIONS = 'EXISTS (SELECT 1 FROM relations r WHERE r.document_id = d.id AND r.annotator_id = a.id) AS hasRelations'

/**
 * Lists the layers an export takes, in document id order. Only small rows
 * (ids and names) are held; texts and spans are read layer by layer.
 */
export function listLayers(store: Store, f: LayerFilter): LayerRef[] {
  const name = f.gold ? GOLD_ANNOTATOR : f.annotator
  if (f.gold && f.annotator && f.annotator !== GOLD_ANNOTATOR) {
    throw new AppError('bad_request', `--gold and --annotator ${f.annotator} name different layers; give one`)
  }
  let rows: LayerRef[]
  if (name) {
    const a = store.annotators.byName(name)
    if (!a) throw new AppError('not_found', f.gold ? 'this workspace has no gold layer yet' : `no annotator named ${JSON.stringify(name)} in this workspace`)
    rows = store.db
      .prepare<{ ann: number }, LayerRef>(
        `SELECT d.id AS documentId, d.external_id AS externalId, a.id AS annotatorId, a.name AS annotator,
                st.status AS status, ${HAS_RELATIONS}
           FROM documents d JOIN annotators a ON a.id = @ann
           LEFT JOIN document_status st ON st.document_id = d.id AND st.annotator_id = a.id
          ORDER BY d.external_id`,
      )
      .all({ ann: a.id })
  } else {
    rows = store.db
      .prepare<[], LayerRef>(
        `SELECT d.id AS documentId, d.external_id AS externalId, a.id AS annotatorId, a.name AS annotator,
                st.status AS status, ${HAS_RELATIONS}
           FROM (SELECT DISTINCT document_id, annotator_id FROM spans
                 UNION SELECT document_id, annotator_id FROM document_status) l
           JOIN documents d ON d.id = l.document_id
           JOIN annotators a ON a.id = l.annotator_id
           LEFT JOIN document_status st ON st.document_id = l.document_id AND st.annotator_id = l.annotator_id
          ORDER BY d.external_id, a.name`,
      )
      .all()
  }
  return f.status ? rows.filter((r) => (r.status ?? 'todo') === f.status) : rows
}

/** Layers read per batch: one query each for their documents, spans and relations, so memory stays flat. */
export const READ_BATCH = 256

const layerKey = (documentId: number, annotatorId: number) => `${documentId}:${annotatorId}`

/** Items grouped by layer, keeping their order within each. */
function groupByLayer<T extends { documentId: number; annotator: string }>(items: T[], annotatorIds: Map<string, number>): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const x of items) {
    const key = layerKey(x.documentId, annotatorIds.get(x.annotator) ?? -1)
    const list = out.get(key)
    if (list) list.push(x)
    else out.set(key, [x])
  }
  return out
}

/**
 * Reads the listed layers in batches (a query per batch for the documents,
 * one for their spans, one for their relations, rather than a query per
 * layer), applying the label filter, and yields them one at a time in the
 * order listed. `each` runs before every layer (for progress and cancel).
 */
export function* readLayers(store: Store, refs: Iterable<LayerRef>, f: LayerFilter, each?: () => void): Generator<ExportLayer> {
  const keep = f.labels?.length ? new Set(f.labels) : null
  let batch: LayerRef[] = []
  const flush = function* (): Generator<ExportLayer> {
    const refsNow = batch
    batch = []
    const docIds = [...new Set(refsNow.map((r) => r.documentId))]
    const annotators = new Set(refsNow.map((r) => r.annotatorId))
    // One annotator in the batch (an --annotator export, or a corpus with one layer a document): read only its rows.
    const only = annotators.size === 1 ? refsNow[0].annotatorId : null
    const annotatorIds = new Map(refsNow.map((r) => [r.annotator, r.annotatorId]))
    const docs = new Map(store.documents.byIds(docIds).map((d) => [d.id, d]))
    const spans = groupByLayer(store.spans.layersOf(docIds, only), annotatorIds)
    const relDocs = [...new Set(refsNow.filter((r) => r.hasRelations).map((r) => r.documentId))]
    const rels = relDocs.length ? groupByLayer(store.relations.layersOf(relDocs, only), annotatorIds) : new Map<string, Relation[]>()
    for (const ref of refsNow) {
      each?.()
      const doc = docs.get(ref.documentId)
      if (!doc) continue
      const key = layerKey(ref.documentId, ref.annotatorId)
      let layerSpans = spans.get(key) ?? []
      let relations = ref.hasRelations ? (rels.get(key) ?? []) : []
      if (keep) {
        layerSpans = layerSpans.filter((s) => keep.has(s.label))
        const ids = new Set(layerSpans.map((s) => s.id))
        relations = relations.filter((r) => ids.has(r.headId) && ids.has(r.tailId))
      }
      yield {
        externalId: doc.externalId,
        title: doc.title,
        text: doc.text,
        meta: doc.meta,
        annotator: ref.annotator,
        status: ref.status,
        spans: layerSpans,
        relations,
      }
    }
  }
  for (const ref of refs) {
    batch.push(ref)
    if (batch.length >= READ_BATCH) yield* flush()
  }
  if (batch.length) yield* flush()
}
