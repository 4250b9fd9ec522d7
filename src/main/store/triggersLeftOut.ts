import type Database from 'better-sqlite3'

/** Where a bulk write's new rows start: rows are numbered upward from the largest id. */
export interface RowMarks {
  afterSpan: number
  afterRelation: number
}

export function rowMarks(db: Database.Database): RowMarks {
  return {
    afterSpan: db.prepare('SELECT COALESCE(MAX(id), 0) FROM spans').pluck().get() as number,
    afterRelation: db.prepare('SELECT COALESCE(MAX(id), 0) FROM relations').pluck().get() as number,
  }
}

/**
 * Runs `write` with the named triggers dropped, then creates them again from their own stored SQL. Inside the
 * caller's transaction: a throw rolls the triggers back with the rows, and other connections never see them missing.
 * A trigger the workspace lacks (no team, say) is simply not there before or after.
 */
export function withTriggersLeftOut<T>(db: Database.Database, names: readonly string[], write: () => T): T {
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map((n) => `'${n}'`).join(', ')})`)
    .all() as { name: string; sql: string }[]
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`)
  const result = write()
  for (const t of triggers) db.exec(t.sql)
  return result
}

/** Gold rows written since `marks` get the identity the uid triggers (migrations 11, 14) would have given them; in a team the update marks the gold item, as the trigger's did. */
export function giveGoldUids(db: Database.Database, marks: RowMarks): void {
  for (const [table, from] of [['spans', marks.afterSpan], ['relations', marks.afterRelation]] as const) {
    db.prepare(`UPDATE ${table} SET uid = lower(hex(randomblob(16))) WHERE id > ? AND uid IS NULL AND annotator_id IN (SELECT id FROM annotators WHERE name = 'gold')`).run(from)
  }
}
