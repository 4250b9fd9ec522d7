import type Database from 'better-sqlite3'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { GoldItemKind } from '../../shared/team/goldItems'

const MARK = 'gold.v1-dirty.'

/** A gold layer that had unpushed edits when migration 11 split it into items: the layer version those edits were made on. */
export interface UpgradedDirtyLayer {
  documentId: number
  externalId: string
  base: number
}

export function upgradedDirtyLayers(db: Database.Database): UpgradedDirtyLayer[] {
  return (
    db
      .prepare(
        `SELECT CAST(substr(s.key, ${MARK.length + 1}) AS INTEGER) AS documentId, d.external_id AS externalId, CAST(s.value AS INTEGER) AS base
           FROM team_sync s JOIN documents d ON d.id = CAST(substr(s.key, ${MARK.length + 1}) AS INTEGER) WHERE s.key LIKE '${MARK}%'`,
      )
      .all() as UpgradedDirtyLayer[]
  )
}

/**
 * Settles the items of a gold layer that had unpushed edits at the upgrade
 * (migration 11 named them by this desktop's positions, `v1-s<n>`,
 * `v1-r<n>`, all on version 1) against the items the server's upgrade made of
 * its own copy, in one transaction, before the first push:
 * - the server still holds the version the edits were made on (`sameBase`):
 *   the edited layer replaces it, as a layer push did before: an item of the
 *   server's this desktop no longer holds is marked, so its deletion is pushed;
 *   one this desktop holds that the server never had is pushed as new;
 * - someone wrote the layer since: every edited item is pushed on a version
 *   the server never had, so each that differs comes back as a conflict (kept
 *   aside, the server's shown), as the whole layer did before; nothing is overwritten.
 */
export function settleUpgradedLayer(db: Database.Database, layer: UpgradedDirtyLayer, server: { uid: string; kind: GoldItemKind }[], sameBase: boolean): void {
  db.transaction(() => {
    const held = new Set(
      db
        .prepare(
          `SELECT uid FROM spans WHERE document_id = ? AND annotator_id = (SELECT id FROM annotators WHERE name = ?) AND uid LIKE 'v1-%'
           UNION ALL SELECT uid FROM relations WHERE document_id = ? AND annotator_id = (SELECT id FROM annotators WHERE name = ?) AND uid LIKE 'v1-%'`,
        )
        .pluck()
        .all(layer.documentId, GOLD_ANNOTATOR, layer.documentId, GOLD_ANNOTATOR) as string[],
    )
    const setVersion = db.prepare('INSERT INTO team_gold_versions (document_id, uid, version) VALUES (?, ?, ?) ON CONFLICT (document_id, uid) DO UPDATE SET version = excluded.version')
    if (sameBase) {
      const mark = db.prepare(
        "INSERT OR IGNORE INTO team_gold_outbox (document_id, uid, kind, change_id, changed_at) VALUES (?, ?, ?, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
      )
      const onServer = new Set(server.map((i) => i.uid))
      // On the version the upgrade gave every item: one someone changed since is a conflict, not overwritten.
      for (const i of server)
        if (!held.has(i.uid)) {
          setVersion.run(layer.documentId, i.uid, 1)
          mark.run(layer.documentId, i.uid, i.kind)
        }
      for (const uid of held) if (!onServer.has(uid)) db.prepare('DELETE FROM team_gold_versions WHERE document_id = ? AND uid = ?').run(layer.documentId, uid)
    } else {
      // Version 0: no server item ever has it, so a push that differs from the server's copy is a conflict.
      for (const uid of held) setVersion.run(layer.documentId, uid, 0)
      db.prepare("UPDATE team_gold_versions SET version = 0 WHERE document_id = ? AND uid = 'status'").run(layer.documentId)
    }
    db.prepare('DELETE FROM team_sync WHERE key = ?').run(`${MARK}${layer.documentId}`)
  }).immediate()
}
