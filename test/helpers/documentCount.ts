import Database from 'better-sqlite3'

/** How many documents a workspace file holds, read from the file itself (read-only: nothing of it is opened as a store). */
export function countDocs(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number
  } finally {
    db.close()
  }
}
