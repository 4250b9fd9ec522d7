import type Database from 'better-sqlite3'

/**
 * One write committed at a given `synchronous` level (1 NORMAL: without waiting for the disk, as push
 * acknowledgements are, since a wait for the disk cost more than the rest of a push's local writes; 2 FULL: the WAL
 * flushed to the disk before the commit returns), the connection's own level restored after it. Inside a
 * transaction the level of its commit applies, unchanged.
 */
export function withSynchronous(db: Database.Database, level: 1 | 2, write: () => unknown): void {
  const was = db.inTransaction ? level : (db.pragma('synchronous', { simple: true }) as number)
  if (was === level) return void write()
  db.pragma(`synchronous = ${level}`)
  try {
    write()
  } finally {
    db.pragma(`synchronous = ${was}`)
  }
}

/**
 * A note of what a push sent, written before the push leaves: on disk (FULL) before it does, so that a power cut
 * cannot lose the note while the server commits the push (a retry of the item edited again would then meet its own
 * write as someone else's: a false conflict). Inside another transaction it would commit only with it, after the push
 * had left, so that is refused.
 */
export function writeSentNote(db: Database.Database, what: string, write: () => unknown): void {
  if (db.inTransaction) throw new Error(`the notes of a ${what} push are committed before it is sent, never inside another transaction`)
  withSynchronous(db, 2, write)
}
