import type Database from 'better-sqlite3'
import { withSynchronous, writeSentNote } from './synchronousLevel'

type LocalLayer = { localDocumentId: number; localAnnotatorId: number }

/**
 * What this desktop's layer pushes sent and has not heard back about (migration 21). If a push's answer is lost and
 * the layer is edited again, the retry's change id is a new one, and these ids are how it tells the server's version
 * apart as its own write (team/syncLoop.ts). `team leave` keeps them, so a rejoin of the same team still knows that
 * write; joining another team drops them (teamLeave.ts: joinTeamAt says why).
 */

/**
 * Before a batch is sent: its change ids, as one row of JSON, so a thousand layers cost one small local write (about
 * 0.3 ms, plus one flush of the WAL to the disk). It is committed durably (synchronous = FULL), whatever the
 * connection is set to, before the push leaves: with synchronous = NORMAL a commit in WAL mode returns before the WAL
 * reaches the disk, so a power cut right after it could lose the note while the server commits the push. Then, with
 * the answer lost too and the layer edited again, the retry (a new change id) would meet the server's version as
 * someone else's write: a false conflict, the annotator's copy kept aside for them to resolve. A process kill loses
 * nothing either way (the WAL is written before the commit returns); only the disk flush needs FULL.
 */
export function noteLayersSent(db: Database.Database, changes: (LocalLayer & { changeId: string })[]): void {
  if (!changes.length) return
  const sent = JSON.stringify(changes.map((c) => [c.localDocumentId, c.localAnnotatorId, c.changeId]))
  writeSentNote(db, 'layer', () => db.prepare('INSERT INTO team_layer_sent (sent) VALUES (?)').run(sent))
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
  // Not waiting for the disk: a power cut that loses it leaves notes that cannot mislead (and the WAL keeps commits
  // in order, so it cannot outlive the acknowledgements committed before it).
  withSynchronous(db, 1, () => db.prepare('DELETE FROM team_layer_sent').run())
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
