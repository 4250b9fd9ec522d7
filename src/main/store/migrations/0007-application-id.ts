import type { Migration } from './migration'

/**
 * Marks the file as a Spanwright workspace (PRAGMA application_id = 'SPWN',
 * 0x5350574e), so a workspace is recognised without guessing from its tables,
 * and someone else's SQLite file passed as --db is refused untouched. New
 * workspaces get it as they are created; older ones when they are next opened.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'application-id',
  up: `PRAGMA application_id = ${0x5350574e};`,
}
