import type { Store } from '../../src/main/store/store'

/** Every row of every table: to assert that a failed operation changed nothing. */
export function snapshotStore(store: Store): Record<string, unknown[]> {
  const tables = store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables) out[name] = store.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
  return out
}
