import type Database from 'better-sqlite3'

/** Workspace settings: small string values by key (e.g. the current annotator). */
export class SettingsStore {
  private readonly getStmt
  private readonly setStmt
  constructor(db: Database.Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }
  get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null
  }
  set(key: string, value: string): void {
    this.setStmt.run(key, value)
  }
}
