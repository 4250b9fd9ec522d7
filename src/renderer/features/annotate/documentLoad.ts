import type { AnnotationLayer } from '../../../shared/api/methods/annotations'
import type { DocStatus, DocumentRecord } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { takeOrCall } from '../../api/prefetch'

/**
 * Loads a document and the annotator's layer, then the layer's status; returns
 * the cancel for an effect's cleanup (nothing is reported after it). The status
 * comes from the library's list, asked second so the server answers the layer first.
 */
export function loadDocument(
  externalId: string,
  annotator: string,
  on: { loaded: (doc: DocumentRecord, layer: AnnotationLayer) => void; status: (s: DocStatus) => void; failed: (message: string) => void },
): () => void {
  let live = true
  // A start on this document's link asked for it, and for the layer, already (src/renderer/app/boot.ts).
  const doc = takeOrCall('documents.get', { externalId })
  doc
    .then(async (d) => {
      const layerCall = takeOrCall('annotations.get', { documentId: d.id, annotator })
      const list = call('documents.list', { annotator, query: undefined })
      list.catch(() => undefined) // reported below, once awaited
      const l = await layerCall
      if (!live) return
      on.loaded(d, l)
      const docs = await list
      if (live) on.status(docs.find((x) => x.id === d.id)?.status ?? 'todo')
    })
    .catch((e: Error) => live && on.failed(e.message))
  return () => {
    live = false
  }
}
