import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'

const KEY = 'desktop.id'

/**
 * This workspace's id among the team's desktops (random, made once, kept in
 * team_sync; leaving the team keeps it, so a rejoin is the same desktop).
 */
export function desktopId(db: Database.Database): string {
  const found = db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(KEY) as string | undefined
  if (found) return found
  const id = randomUUID()
  db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(KEY, id)
  return db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(KEY) as string
}
