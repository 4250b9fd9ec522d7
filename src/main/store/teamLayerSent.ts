import type Database from 'better-sqlite3'

type LocalLayer = { localDocumentId: number; localAnnotatorId: number }

/**
 * What this desktop's layer pushes sent and has not heard back about (migration 21): a row per pushed layer and
 * change id, written before the batch is sent, dropped when an answer or a pull settles the layer (teamStore.ts).
 * If a push's answer is lost and the layer is edited again, the retry's change id is a new one, and these ids are how
 * it tells the server's version apart as its own write (team/syncLoop.ts).
 */

/**
 * Before a push: one statement for the whole batch, so a thousand layers cost one local write, not one per span.
 * It commits without waiting for the disk (synchronous = NORMAL, as push acknowledgements do): a power cut can lose
 * it, and then a retry meets its own write as a conflict, its copy kept aside, as before this table; a process kill
 * loses nothing.
 */
export function noteLayersSent(db: Database.Database, changes: (LocalLayer & { changeId: string })[]): void {
  if (!changes.length) return
  const rows = JSON.stringify(changes.map((c) => [c.localDocumentId, c.localAnnotatorId, c.changeId]))
  const insert = () =>
    db.prepare('INSERT OR IGNORE INTO team_layer_sent (document_id, annotator_id, change_id) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)').run(rows)
  const was = db.inTransaction ? 0 : (db.pragma('synchronous', { simple: true }) as number)
  if (was <= 1) return void insert()
  db.pragma('synchronous = NORMAL')
  try {
    insert()
  } finally {
    db.pragma(`synchronous = ${was}`)
  }
}

/** The change ids of this layer's pushes not yet answered. */
export function layerSentIds(db: Database.Database, c: LocalLayer): string[] {
  return db.prepare<[number, number], string>('SELECT change_id FROM team_layer_sent WHERE document_id = ? AND annotator_id = ?').pluck().all(c.localDocumentId, c.localAnnotatorId)
}

/**
 * The server's current version of the layer is this desktop's own earlier push, whose answer was lost: the edits since
 * were made on top of it, so the layer's pending change is now based on that version (its outbox entry stays, and
 * the next push pass sends it), and those pushes are answered.
 */
export function rebaseLayer(db: Database.Database, c: LocalLayer, version: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM team_layer_sent WHERE document_id = ? AND annotator_id = ?').run(c.localDocumentId, c.localAnnotatorId)
    db.prepare(
      `INSERT INTO team_layers (document_id, annotator_id, version) VALUES (?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET version = excluded.version`,
    ).run(c.localDocumentId, c.localAnnotatorId, version)
  }).immediate()
}
