import type { Store } from '../../src/main/store/store'

/** Every row of every table: to assert that a failed operation changed nothing. */
export function snapshotStore(store: Store): Record<string, unknown[]> {
  const tables = store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables) {
    // FTS5's shadow tables are WITHOUT ROWID: order their rows by value instead.
    const hasRowid = store.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM pragma_table_list WHERE name = ? AND wr = 0").get(name)!.n > 0
    out[name] = hasRowid
      ? store.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
      : store.db.prepare(`SELECT * FROM "${name}"`).all().sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  }
  return out
}
