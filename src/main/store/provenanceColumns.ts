import type { Provenance } from '../../shared/domain/model'

/** The provenance columns spans and relations share (migration 0004); NULL outside the gold layer. */
export interface ProvenanceRow {
  prov_annotator: string | null
  prov_item_id: string | null
  prov_accepted_by: string | null
  prov_accepted_at: string | null
  prov_edited: number
}

/** `{ provenance }` for a gold row, `{}` otherwise (so other layers' items carry no such key). */
export function provenanceOf(r: ProvenanceRow): { provenance?: Provenance } {
  if (r.prov_annotator === null) return {}
  return {
    provenance: {
      annotator: r.prov_annotator,
      itemId: r.prov_item_id ?? '',
      acceptedBy: r.prov_accepted_by ?? '',
      acceptedAt: r.prov_accepted_at ?? '',
      edited: r.prov_edited === 1,
    },
  }
}

/** The insert values, in the column order prov_annotator, prov_item_id, prov_accepted_by, prov_accepted_at, prov_edited. */
export function provenanceColumns(p: Provenance | null | undefined): [string | null, string | null, string | null, string | null, number] {
  return p ? [p.annotator, p.itemId, p.acceptedBy, p.acceptedAt, p.edited ? 1 : 0] : [null, null, null, null, 0]
}
