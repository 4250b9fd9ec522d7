import type Database from 'better-sqlite3'
import type { LayerInput } from '../../shared/agreement/corpusAgreement'
import type { MatchRelation } from '../../shared/agreement/relationF1'
import type { MatchSpan } from '../../shared/agreement/spanMatching'

export interface AgreementDocument {
  id: number
  externalId: string
  title: string
  text: string
}

/**
 * Reads documents and the chosen annotators' layers one document at a time,
 * with lean statements (no attribute JSON parsed), so agreement over a large
 * corpus never holds more than one document's spans.
 */
export class AgreementLayerReader {
  private readonly docStmt
  private readonly spansStmt
  private readonly relationsStmt
  private readonly statusStmt
  private readonly labelNames = new Map<number, string>()
  /** Annotator row id → position in `annotatorIds`. */
  private readonly slot = new Map<number, number>()

  constructor(
    db: Database.Database,
    private readonly annotatorIds: readonly number[],
  ) {
    for (const r of db.prepare<[], { id: number; name: string }>('SELECT id, name FROM label_types').all()) this.labelNames.set(r.id, r.name)
    this.docStmt = db.prepare<[number], AgreementDocument>('SELECT id, external_id AS externalId, title, text FROM documents WHERE id = ?')
    // Raw rows (arrays, not objects): this read is most of the cost of agreement over a large corpus.
    this.spansStmt = db
      .prepare<[number], [id: number, annotatorId: number, labelId: number, start: number, end: number, fragments: string | null]>(
        'SELECT id, annotator_id, label_id, start, end, fragments FROM spans WHERE document_id = ? ORDER BY start, end, id',
      )
      .raw(true)
    this.relationsStmt = db
      .prepare<[number], [annotatorId: number, labelId: number, headId: number, tailId: number]>(
        'SELECT annotator_id, label_id, head_id, tail_id FROM relations WHERE document_id = ? ORDER BY id',
      )
      .raw(true)
    this.statusStmt = db.prepare<[number], { annotator_id: number }>('SELECT annotator_id FROM document_status WHERE document_id = ?')
    annotatorIds.forEach((id, i) => this.slot.set(id, i))
  }

  document(id: number): AgreementDocument | null {
    return this.docStmt.get(id) ?? null
  }

  /**
   * The layers of one document, in `annotatorIds` order. A layer is null when
   * that annotator never opened the document: no spans and no status row.
   */
  layers(documentId: number): (LayerInput | null)[] {
    const slot = this.slot
    const opened = new Array<boolean>(this.annotatorIds.length).fill(false)
    for (const r of this.statusStmt.all(documentId)) {
      const i = slot.get(r.annotator_id)
      if (i !== undefined) opened[i] = true
    }
    const spans: MatchSpan[][] = this.annotatorIds.map(() => [])
    const indexOf = new Map<number, number>() // span row id → index in its layer
    for (const [id, annotatorId, labelId, start, end, fragments] of this.spansStmt.all(documentId)) {
      const i = slot.get(annotatorId)
      if (i === undefined) continue
      opened[i] = true
      indexOf.set(id, spans[i].length)
      const label = this.labelNames.get(labelId) ?? `#${labelId}`
      // A discontinuous span's fragments: token agreement tags them, not the words between (tokenRanges.ts).
      spans[i].push(fragments === null ? { start, end, label } : { start, end, label, fragments: JSON.parse(fragments) as [number, number][] })
    }
    const relations: MatchRelation[][] = this.annotatorIds.map(() => [])
    for (const [annotatorId, labelId, headId, tailId] of this.relationsStmt.all(documentId)) {
      const i = slot.get(annotatorId)
      const head = indexOf.get(headId)
      const tail = indexOf.get(tailId)
      if (i === undefined || head === undefined || tail === undefined) continue
      relations[i].push({ head, tail, label: this.labelNames.get(labelId) ?? `#${labelId}` })
    }
    return opened.map((o, i) => (o ? { spans: spans[i], relations: relations[i] } : null))
  }
}
