import { migration0001 } from './0001-initial'
import type { Migration } from './migration'

/** Every migration, in order. A new one is a new file appended here. */
export const migrations: readonly Migration[] = [migration0001]

export const LATEST_VERSION = migrations[migrations.length - 1].version
