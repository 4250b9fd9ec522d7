import type Database from 'better-sqlite3'

type LocalLayer = { localDocumentId: number; localAnnotatorId: number }

/**
 * What this desktop's layer pushes sent and has not heard back about (migration 21). If a push's answer is lost and
 * the layer is edited again, the retry's change id is a new one, and these ids are how it tells the server's version
 * apart as its own write (team/syncLoop.ts). `team leave` keeps them, so a rejoin of the same team still knows that
 * write; joining another team drops them (teamLeave.ts: joinTeamAt says why).
 */

/**
 * Before a batch is sent: its change ids, as one row of JSON, so a thousand layers cost one small local write (about
 * 0.3 ms). It commits without waiting for the disk (synchronous = NORMAL, as push acknowledgements do): a power cut
 * can lose it, and a retry then meets its own write as a conflict, its copy kept aside; a process kill loses nothing.
 */
export function noteLayersSent(db: Database.Database, changes: (LocalLayer & { changeId: string })[]): void {
  if (!changes.length) return
  const sent = JSON.stringify(changes.map((c) => [c.localDocumentId, c.localAnnotatorId, c.changeId]))
  unsynced(db, () => db.prepare('INSERT INTO team_layer_sent (sent) VALUES (?)').run(sent))
}

/** One statement committed without waiting for the disk (a wait for the disk cost more than the rest of a push's local writes). */
function unsynced(db: Database.Database, write: () => unknown): void {
  const was = db.inTransaction ? 0 : (db.pragma('synchronous', { simple: true }) as number)
  if (was <= 1) return void write()
  db.pragma('synchronous = NORMAL')
  try {
    write()
  } finally {
    db.pragma(`synchronous = ${was}`)
  }
}

/** The change ids this layer was sent under since the last push answered whole (read only when a push is refused). */
export function layerSentIds(db: Database.Database, c: LocalLayer): string[] {
  return db
    .prepare<[number, number], string>('SELECT DISTINCT j.value ->> 2 FROM team_layer_sent s, json_each(s.sent) j WHERE j.value ->> 0 = ? AND j.value ->> 1 = ?')
    .pluck()
    .all(c.localDocumentId, c.localAnnotatorId)
}

/**
 * A sync's push was answered whole (every pending layer sent and answered, a rebased one too): nothing sent is left
 * unknown. An answered push's ids cannot pass for the server's current version later (that version is this desktop's
 * base, so no conflict asks), so clearing them here rather than per layer is only about space.
 */
export function forgetLayersSent(db: Database.Database): void {
  // Unsynced too: a power cut that loses it leaves notes that cannot mislead.
  unsynced(db, () => db.prepare('DELETE FROM team_layer_sent').run())
}

/**
 * The server's current version of the layer is this desktop's own earlier push, whose answer was lost: the edits since
 * were made on top of it, so the layer's pending change is now based on that version (its outbox entry stays, and
 * the next push pass sends it).
 */
export function rebaseLayer(db: Database.Database, c: LocalLayer, version: number): void {
  db.prepare(
    `INSERT INTO team_layers (document_id, annotator_id, version) VALUES (?, ?, ?)
     ON CONFLICT (document_id, annotator_id) DO UPDATE SET version = excluded.version`,
  ).run(c.localDocumentId, c.localAnnotatorId, version)
}
