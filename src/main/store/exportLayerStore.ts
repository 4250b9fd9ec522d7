import type Database from 'better-sqlite3'
import type { DocStatus } from '../../shared/domain/model'

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
const LAYER_EXISTS = `(EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.annotator_id = a.id)
  OR EXISTS (SELECT 1 FROM relations r WHERE r.document_id = d.id AND r.annotator_id = a.id)
  OR st.status IS NOT NULL)`

/**
 * The layer listings an export starts from: only small rows (ids, names,
 * flags), in external id order; texts and spans are read layer by layer later.
 */
export class ExportLayerStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * One annotator's layer slot on every document, with whether the layer exists
   * (spans, relations or a status row) and whether the document's review is done.
   */
  ofAnnotator(annotatorId: number): (LayerRef & { layerExists: number; reviewDone: number })[] {
    return this.db
      .prepare<{ ann: number }, LayerRef & { layerExists: number; reviewDone: number }>(
        `SELECT d.id AS documentId, d.external_id AS externalId, a.id AS annotatorId, a.name AS annotator,
                st.status AS status, ${HAS_RELATIONS}, ${LAYER_EXISTS} AS layerExists,
                EXISTS (SELECT 1 FROM review_status rs WHERE rs.document_id = d.id AND rs.status = 'adjudicated') AS reviewDone
           FROM documents d JOIN annotators a ON a.id = @ann
           LEFT JOIN document_status st ON st.document_id = d.id AND st.annotator_id = a.id
          ORDER BY d.external_id`,
      )
      .all({ ann: annotatorId })
  }

  /** Every layer that has spans or a status row, by document external id then annotator name. */
  all(): LayerRef[] {
    return this.db
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
}
