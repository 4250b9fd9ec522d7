import type { AnnotationLayer } from '../../../shared/api/methods/annotations'
import type { DocStatus, DocumentRecord } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { answered, takeOrCall, takePrefetched } from '../../api/prefetch'

/**
 * The document and the layer when the boot script's reads of both have answered already (taken here), so the
 * view's first render can paint them; else null, and loadDocument asks.
 */
export function answeredDocument(externalId: string, annotator: string): { doc: DocumentRecord; layer: AnnotationLayer } | null {
  const doc = answered('documents.get', { externalId })?.value
  const layer = answered('annotations.get', { externalId, annotator })?.value
  if (!doc || !layer) return null
  takePrefetched('documents.get', { externalId })
  takePrefetched('annotations.get', { externalId, annotator })
  return { doc, layer }
}

/**
 * Loads a document and the annotator's layer, then the layer's status; returns
 * the cancel for an effect's cleanup (nothing is reported after it). The status
 * is asked second so the server answers the layer first.
 */
export function loadDocument(
  externalId: string,
  annotator: string,
  on: { loaded: (doc: DocumentRecord, layer: AnnotationLayer) => void; status: (s: DocStatus) => void; failed: (message: string) => void },
  known: { doc: DocumentRecord; layer: AnnotationLayer } | null = null,
): () => void {
  let live = true
  // A start on this document's link asked for it, and for the layer, already (src/renderer/app/boot.ts).
  // Both by the external id, so the layer is asked beside the document, not after it.
  const doc = known ? Promise.resolve(known.doc) : takeOrCall('documents.get', { externalId })
  const layerCall = known ? Promise.resolve(known.layer) : takeOrCall('annotations.get', { externalId, annotator })
  layerCall.catch(() => undefined) // a missing document is reported once, by the document's read
  doc
    .then(async (d) => {
      // This document's own status (one indexed read): the library's first page has only its first 100 rows.
      const status = call('documents.status', { annotator, documentId: d.id })
      status.catch(() => undefined) // reported below, once awaited
      const byExternalId = await layerCall
      // The external id named another row by then (the document deleted and imported again between the reads): ask by row id.
      const stale = [...byExternalId.spans, ...byExternalId.relations].some((x) => x.documentId !== d.id)
      const l = stale ? await call('annotations.get', { documentId: d.id, annotator }) : byExternalId
      if (!live) return
      on.loaded(d, l)
      const { status: s } = await status
      if (live) on.status(s)
    })
    .catch((e: Error) => live && on.failed(e.message))
  return () => {
    live = false
  }
}
