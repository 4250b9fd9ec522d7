import type Database from 'better-sqlite3'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { GoldItemKind } from '../../shared/team/goldItems'
import { GOLD_STATUS_UID, REVIEW_STATUS_UID } from '../../shared/team/goldItems'
import { GoldItemStore } from './goldItemStore'

/** A gold item as the restored server holds it: its version and kind, and whether it was written after the restore. */
export interface ServerGoldHolding {
  version: number
  kind: GoldItemKind
  /** Written after this desktop's last noted stamp, so on the restored copy (its dump cannot hold it). */
  after: boolean
}

export const goldKey = (documentId: string, uid: string) => `${documentId}\u0000${uid}`

/**
 * Inside the restore recovery's transaction (teamRestored.ts): the gold items this desktop holds at a version the
 * restored server lost. Gold has several writers, so a version alone says which copy is newer only while nobody wrote
 * the item on the restored copy:
 * - the server lacks the item, or holds it older and unwritten since the restore: a reviewer's desktop sends its copy
 *   again, by compare-and-set on the server's version (a deletion goes as a deletion);
 * - someone wrote it on the restored copy since, at a version not above this desktop's: this desktop's copy is newer
 *   in the lost history, theirs was made without it, so a reviewer's desktop sends its copy against a version no server
 *   holds: the same content lands as it is, other content comes back as a conflict (kept aside, reviewed as usual);
 * - a desktop that cannot write gold (not a reviewer) forgets its version of such items, so its pulls take the
 *   server's copy, and a reviewer's copy sent again later.
 * Items the server holds at a newer version are pulled as usual. The gold cursor goes back to the start (the caller),
 * so every item is pulled again. Answers how many items go again.
 */
export function resendGoldToOlderServer(db: Database.Database, reviewer: boolean, server: Map<string, ServerGoldHolding>): number {
  const gold = new GoldItemStore(db)
  const goldId = gold.goldId()
  const rows = db
    .prepare(
      `SELECT v.document_id AS doc, v.uid, v.version, d.external_id AS ext,
              EXISTS (SELECT 1 FROM team_gold_outbox o WHERE o.document_id = v.document_id AND o.uid = v.uid) AS dirty
         FROM team_gold_versions v JOIN documents d ON d.id = v.document_id`,
    )
    .all() as { doc: number; uid: string; version: number; ext: string; dirty: number }[]
  const setVersion = db.prepare('UPDATE team_gold_versions SET version = ? WHERE document_id = ? AND uid = ?')
  const forget = db.prepare('DELETE FROM team_gold_versions WHERE document_id = ? AND uid = ?')
  const mark = db.prepare(
    "INSERT OR IGNORE INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at) VALUES (?, ?, ?, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  )
  let again = 0
  for (const r of rows) {
    const s = server.get(goldKey(r.ext, r.uid))
    const lost = s === undefined || (s.after ? r.version >= s.version : r.version > s.version)
    if (!lost) continue
    if (!reviewer) {
      forget.run(r.doc, r.uid)
      continue
    }
    const kind = s?.kind ?? localKind(db, r.doc, r.uid)
    if (s === undefined) {
      forget.run(r.doc, r.uid)
      // Gone here and there: nothing to send (an unsent change of it stays marked, as it was).
      if (gold.content(r.doc, goldId, kind, r.uid) === null) continue
    } else setVersion.run(s.after ? -1 : s.version, r.doc, r.uid)
    if (!r.dirty) mark.run(r.doc, r.uid, kind)
    again++
  }
  return again
}

/** A gold item's kind by its uid and what this desktop holds (for an item the server no longer has). */
function localKind(db: Database.Database, documentId: number, uid: string): GoldItemKind {
  if (uid === GOLD_STATUS_UID) return 'status'
  if (uid === REVIEW_STATUS_UID) return 'review'
  if (uid.startsWith('rej|')) return 'rejection'
  const relation = db
    .prepare(`SELECT 1 FROM relations r WHERE r.document_id = ? AND r.uid = ? AND r.annotator_id = (SELECT id FROM annotators WHERE name = ?)`)
    .get(documentId, uid, GOLD_ANNOTATOR)
  return relation ? 'relation' : 'span'
}
