import type { LayerContent, OutgoingChange } from '../../shared/team/changeLog'

/**
 * A pending layer as `TeamStore.pending` reads it: one row of the outbox page
 * (layersAsJson's columns, read as an array), with its content parsed from the
 * JSON text only on first use. A push sends the text as it is; only a
 * conflict, a refusal or a test reads `content`. One class instead of an
 * object literal with its own getter per layer: a push reads a thousand at a
 * time. (It is teamStore's `PendingChange`; named by shape, so that module and
 * this one do not import each other.)
 */
export class PendingLayer implements OutgoingChange {
  readonly localDocumentId: number
  readonly localAnnotatorId: number
  readonly changeId: string
  readonly documentId: string
  readonly annotator: string
  readonly baseVersion: number | null
  readonly contentJson: string
  private parsed: LayerContent | undefined

  /** `row`: document_id, annotator_id, change_id, external_id, name, version, content (layersAsJson's order). */
  constructor(row: unknown[]) {
    this.localDocumentId = row[0] as number
    this.localAnnotatorId = row[1] as number
    this.changeId = row[2] as string
    this.documentId = row[3] as string
    this.annotator = row[4] as string
    this.baseVersion = row[5] as number | null
    this.contentJson = row[6] as string
  }

  get content(): LayerContent {
    return (this.parsed ??= JSON.parse(this.contentJson) as LayerContent)
  }
}
