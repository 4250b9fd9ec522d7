import type Database from 'better-sqlite3'
import { outboxTriggersUnder } from './migrations/0011-gold-items'
import { IS_GOLD } from './migrations/0014-team-membership'

/**
 * The team outbox triggers (migrations 9 and 11: every write to a layer or a
 * gold item marks it for the next push) exist only while the workspace is in a
 * team (migration 16): created by joining, dropped by leaving, in the
 * transaction that changes the membership. Outside a team a write fires none
 * of them; migration 14's guard (`WHEN the workspace is in a team`) still
 * cost every span an import wrote three trigger calls.
 *
 * A later migration that changes these triggers drops them with
 * DROP_OUTBOX_TRIGGERS and creates them again only for a member
 * (`then: (db) => { if (inTeam(db)) createOutboxTriggers(db) }`, as migration 16).
 */
const CREATE_OUTBOX_TRIGGERS = outboxTriggersUnder('', IS_GOLD).replace(/^\s*DROP TRIGGER \w+;\s*$/gm, '')

/** The names of the team outbox triggers (23: layer marks on spans, relations and document status; gold item marks). */
export const OUTBOX_TRIGGER_NAMES: readonly string[] = [...CREATE_OUTBOX_TRIGGERS.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1])

export const DROP_OUTBOX_TRIGGERS = OUTBOX_TRIGGER_NAMES.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n')

/** Creates the outbox triggers (replacing any there are); for joining a team, inside its transaction. */
export function createOutboxTriggers(db: Database.Database): void {
  db.exec(DROP_OUTBOX_TRIGGERS + CREATE_OUTBOX_TRIGGERS)
}

/** Drops the outbox triggers (those there are); for leaving a team, inside its transaction. */
export function dropOutboxTriggers(db: Database.Database): void {
  db.exec(DROP_OUTBOX_TRIGGERS)
}
