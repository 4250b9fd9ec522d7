import type Database from 'better-sqlite3'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { GoldItemKind } from '../../shared/team/goldItems'
import { GOLD_STATUS_UID, REVIEW_STATUS_UID } from '../../shared/team/goldItems'

export interface SyncedGoldItem {
  localDocumentId: number
  documentId: string
  uid: string
  kind: GoldItemKind
  /** 0 when this desktop no longer holds it (a deletion it pulled); rejections always count as held. */
  held: number
}

/**
 * Gold items this desktop holds as the server last gave or took them (a synced
 * version) and has not changed since (not in the outbox), a page at a time in
 * (document, uid) order after `after`. A desktop that may have missed pruned
 * deletions checks these against the server (goldSync.ts).
 */
const GOLD = `SELECT id FROM annotators WHERE name = '${GOLD_ANNOTATOR}'`

export function syncedGoldItems(db: Database.Database, limit: number, after: { localDocumentId: number; uid: string } | null): SyncedGoldItem[] {
  return db
    .prepare<[string, string, string, string, number, string, number], SyncedGoldItem>(
      `SELECT v.document_id AS localDocumentId, d.external_id AS documentId, v.uid,
              CASE WHEN v.uid = ? THEN 'status' WHEN v.uid = ? THEN 'review' WHEN v.uid LIKE 'rej|%' THEN 'rejection'
                   WHEN EXISTS (SELECT 1 FROM relations r WHERE r.document_id = v.document_id AND r.uid = v.uid
                                  AND r.annotator_id = (${GOLD})) THEN 'relation'
                   ELSE 'span' END AS kind,
              CASE WHEN v.uid = ? THEN EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = v.document_id AND s.annotator_id = (${GOLD}))
                   WHEN v.uid = ? THEN EXISTS (SELECT 1 FROM review_status s WHERE s.document_id = v.document_id)
                   WHEN v.uid LIKE 'rej|%' THEN 1
                   ELSE EXISTS (SELECT 1 FROM spans s WHERE s.document_id = v.document_id AND s.uid = v.uid AND s.annotator_id = (${GOLD}))
                     OR EXISTS (SELECT 1 FROM relations r WHERE r.document_id = v.document_id AND r.uid = v.uid AND r.annotator_id = (${GOLD})) END AS held
         FROM team_gold_versions v JOIN documents d ON d.id = v.document_id
        WHERE (v.document_id, v.uid) > (?, ?)
          AND NOT EXISTS (SELECT 1 FROM team_gold_outbox o WHERE o.document_id = v.document_id AND o.uid = v.uid)
        ORDER BY v.document_id, v.uid LIMIT ?`,
    )
    .all(GOLD_STATUS_UID, REVIEW_STATUS_UID, GOLD_STATUS_UID, REVIEW_STATUS_UID, after?.localDocumentId ?? 0, after?.uid ?? '', limit)
}
