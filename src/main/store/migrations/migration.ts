import type Database from 'better-sqlite3'

/** One schema version: SQL run inside a transaction that ends by setting user_version. */
export interface Migration {
  version: number
  name: string
  up: string
  /** Run after `up`, in the same transaction: a step that depends on what the workspace holds (SQL cannot branch on it). */
  then?: (db: Database.Database) => void
}
