import { useEffect, useState } from 'react'
import type { DocumentLayer } from '../../../shared/api/methods/documents'
import { countOf } from '../../../shared/text/plural'
import { call } from '../../api/client'

/**
 * Said when the annotator's own layer of the document is empty but colleagues' layers (or a corpus imported under
 * another name) hold spans: the document view shows only one's own layer, so a newcomer who imported a corpus with
 * `--annotator esp` and chose another name saw an unlabelled text with nothing telling why. Asked once the layer is
 * known to be empty, never at a start with spans.
 */
export function OtherLayersNotice(props: { documentId: number; externalId: string; annotator: string; ownEmpty: boolean }) {
  const [others, setOthers] = useState<DocumentLayer[]>([])
  const { documentId, annotator, ownEmpty } = props
  useEffect(() => {
    if (!ownEmpty) return setOthers([])
    let live = true
    call('documents.layers', { documentId }).then(
      (layers) => live && setOthers(layers.filter((l) => l.annotator !== annotator && l.spans > 0)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [documentId, annotator, ownEmpty])
  if (!ownEmpty || !others.length) return null
  const named = others.slice(0, 3).map((l) => `${l.annotator} (${countOf(l.spans, 'span')})`)
  const more = others.length > 3 ? ` and ${countOf(others.length - 3, 'more layer')}` : ''
  return (
    <div className="other-layers-notice" role="status" data-other-layers={others.length}>
      Your layer of this document is empty. Labelled here by {named.join(', ')}
      {more}: choose {others.length === 1 ? 'that name' : 'one of those names'} as annotator (top right) to work on it
      {others.length >= 2 && (
        <>
          , or <a href={`#/review/${encodeURIComponent(props.externalId)}`}>compare the layers in the review</a>
        </>
      )}
      .
    </div>
  )
}
