import type Database from 'better-sqlite3'
import { DEFAULT_RECOMMENDER_SETTINGS, RecommenderSettings, SuggestionProvenance } from '../../shared/recommend/settings'
import type { Evaluation } from '../../shared/recommend/recommender'

const SETTINGS_KEY = 'recommenders'
const SCORES_KEY = 'recommenders.scores'

export interface Rejection {
  start: number
  end: number
  label: string
  recommender: string
}

/** Recommender state of a workspace: rejected suggestions, settings, last scores, accepted spans' provenance. */
export class RecommendStore {
  private readonly rejectStmt
  private readonly rejectionsStmt
  private readonly getSetting
  private readonly putSetting
  private readonly setSuggestedByStmt
  private readonly suggestedByStmt

  private readonly textStmt
  private readonly doneStmt
  private readonly docIdsStmt
  private readonly extentsStmt

  constructor(private readonly db: Database.Database) {
    this.textStmt = db.prepare<[number], { text: string }>('SELECT text FROM documents WHERE id = ?')
    this.doneStmt = db.prepare<[number], { id: number }>("SELECT document_id AS id FROM document_status WHERE annotator_id = ? AND status = 'done' ORDER BY document_id")
    this.docIdsStmt = db.prepare<[], { id: number }>('SELECT id FROM documents ORDER BY id')
    this.extentsStmt = db.prepare<[number, number], [number, number]>('SELECT start, end FROM spans WHERE document_id = ? AND annotator_id = ?').raw(true)
    this.rejectStmt = db.prepare(
      `INSERT INTO suggestion_rejections (document_id, annotator_id, start, end, label, recommender, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET recommender = excluded.recommender, rejected_at = excluded.rejected_at`,
    )
    this.rejectionsStmt = db.prepare<[number, number], Rejection>(
      'SELECT start, end, label, recommender FROM suggestion_rejections WHERE document_id = ? AND annotator_id = ? ORDER BY start, end, label',
    )
    this.getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    this.putSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.setSuggestedByStmt = db.prepare('UPDATE spans SET suggested_by = ? WHERE id = ?')
    this.suggestedByStmt = db.prepare<[number, number], { id: number; suggested_by: string }>(
      'SELECT id, suggested_by FROM spans WHERE document_id = ? AND annotator_id = ? AND suggested_by IS NOT NULL',
    )
  }

  documentText(id: number): string | null {
    return this.textStmt.get(id)?.text ?? null
  }

  /** Where a layer's spans are (offsets only): what suggestions must not overlap, read without building whole spans. */
  extents(documentId: number, annotatorId: number): { start: number; end: number }[] {
    return this.extentsStmt.all(documentId, annotatorId).map(([start, end]) => ({ start, end }))
  }

  documentIds(): number[] {
    return this.docIdsStmt.all().map((r) => r.id)
  }

  /** The documents an annotator marked done: what their recommenders are scored against. */
  doneDocuments(annotatorId: number): number[] {
    return this.doneStmt.all(annotatorId).map((r) => r.id)
  }

  /** Every span of the given layers (document, offsets, label), document by document, streamed. */
  *layerSpans(annotatorIds: number[]): IterableIterator<{ document_id: number; start: number; end: number; label: string }> {
    yield* this.db
      .prepare<[string], { document_id: number; start: number; end: number; label: string }>(
        `SELECT s.document_id, s.start, s.end, l.name AS label FROM spans s JOIN label_types l ON l.id = s.label_id
          WHERE s.annotator_id IN (SELECT value FROM json_each(?)) ORDER BY s.document_id`,
      )
      .iterate(JSON.stringify(annotatorIds))
  }

  spanCount(annotatorIds: number[]): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM spans WHERE annotator_id IN (SELECT value FROM json_each(?))').get(JSON.stringify(annotatorIds))!.n
  }

  /** History entries of the layers (id, state, rows) changed at or after `since` (ISO time), oldest first. */
  historySince(annotatorIds: number[], since: string): { id: number; state: string; before: string; after: string; changed_at: string }[] {
    return this.db
      .prepare<[string, string], { id: number; state: string; before: string; after: string; changed_at: string }>(
        `SELECT id, state, before, after, changed_at FROM history
          WHERE annotator_id IN (SELECT value FROM json_each(?)) AND changed_at >= ? ORDER BY changed_at, id`,
      )
      .all(JSON.stringify(annotatorIds), since)
  }

  /** Every history entry's state now, and the latest change time: where an incremental learner starts from. */
  historyStates(annotatorIds: number[]): { states: Map<number, string>; latest: string } {
    const rows = this.db
      .prepare<[string], { id: number; state: string; changed_at: string }>('SELECT id, state, changed_at FROM history WHERE annotator_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(annotatorIds))
    let latest = ''
    for (const r of rows) if (r.changed_at > latest) latest = r.changed_at
    return { states: new Map(rows.map((r) => [r.id, r.state])), latest }
  }

  reject(documentId: number, annotatorId: number, r: Rejection): void {
    this.rejectStmt.run(documentId, annotatorId, r.start, r.end, r.label, r.recommender, new Date().toISOString())
  }

  rejections(documentId: number, annotatorId: number): Rejection[] {
    return this.rejectionsStmt.all(documentId, annotatorId)
  }

  /** The workspace's recommender settings; defaults when never set, or when what is stored no longer parses. */
  settings(): RecommenderSettings {
    const raw = this.getSetting.get(SETTINGS_KEY)?.value
    if (!raw) return structuredClone(DEFAULT_RECOMMENDER_SETTINGS)
    try {
      return RecommenderSettings.parse(JSON.parse(raw))
    } catch {
      return structuredClone(DEFAULT_RECOMMENDER_SETTINGS)
    }
  }

  setSettings(s: RecommenderSettings): void {
    this.putSetting.run(SETTINGS_KEY, JSON.stringify(RecommenderSettings.parse(s)))
  }

  /** The last evaluation of each recommender (by name), for the threshold and the Recommenders screen. */
  scores(): Record<string, Evaluation> {
    const raw = this.getSetting.get(SCORES_KEY)?.value
    try {
      return raw ? (JSON.parse(raw) as Record<string, Evaluation>) : {}
    } catch {
      return {}
    }
  }

  setScores(scores: Record<string, Evaluation>): void {
    this.putSetting.run(SCORES_KEY, JSON.stringify(scores))
  }

  setSuggestedBy(spanId: number, p: SuggestionProvenance | null): void {
    this.setSuggestedByStmt.run(p ? JSON.stringify(SuggestionProvenance.parse(p)) : null, spanId)
  }

  /** Provenance of a layer's accepted suggestions, by span id. */
  suggestedBy(documentId: number, annotatorId: number): Map<number, SuggestionProvenance> {
    return new Map(this.suggestedByStmt.all(documentId, annotatorId).map((r) => [r.id, JSON.parse(r.suggested_by) as SuggestionProvenance]))
  }
}
