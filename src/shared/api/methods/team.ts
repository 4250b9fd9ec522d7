import { z } from 'zod'
import { AnnotatorName } from '../../domain/model'
import { def, returns } from '../define'

/** Bounds of automatic sync: often enough to feel live, never a tight loop. */
export const AUTO_SYNC_SECONDS = { min: 5, max: 86_400, default: 30 } as const

/** One refused change or lost race, as the Team screen lists it. */
export interface TeamProblem {
  documentId: string
  annotator: string
  kind: 'refused' | 'conflict' | 'skipped'
  reason: string
}

/** What this desktop's team sync is doing (everything but the password). */
export interface TeamSyncState {
  /** The team server this workspace syncs with (postgres://user@host:port/db, no password), or null: never connected. */
  server: string | null
  /** user@host:port/db, for display. */
  where: string | null
  /** The password is held, so syncs can run. False after a restart in browser mode (it is asked again). */
  connected: boolean
  /** Where the password is held: this process's memory (browser mode), or the OS keychain (Electron's safeStorage). */
  passwordKept: 'memory' | 'keychain' | null
  me: { name: string; reviewer: boolean; admin: boolean } | null
  /** Seconds between automatic syncs; null when automatic sync is off. */
  autoSyncSeconds: number | null
  syncing: boolean
  /** While syncing: the last step done, and how many steps so far. */
  progress: { step: string; steps: number; pendingAtStart: number } | null
  /** When the last sync finished (ISO), as the workspace remembers it. */
  lastSyncAt: string | null
  /** The last sync's counts, when one ran since this process started. */
  lastResult: { pushed: number; pulled: number; refused: number; conflicts: number; skipped: number; at: string; newTeamDatabase?: true; olderTeamDatabase?: true; olderTeamAssignments?: string } | null
  /** The last attempt failed: its plain message (the server unreachable, a wrong password, …). */
  lastError: string | null
  /** When the next automatic sync runs (ISO), if one is scheduled. */
  nextSyncAt: string | null
  /** Layers changed here and not pushed yet (not counting those in `waiting`). */
  pending: number
  /**
   * A member's changes held back because their documents are not on the server (a member's import: only admins add
   * documents); they are sent by the first sync after an admin adds them. Absent or null when none wait.
   */
  waiting?: { layers: number; goldItems: number; documents: number } | null
  /** Copies kept aside by sync (refused changes, lost races), not resolved yet, and the last sync's skipped layers. */
  problems: { refused: number; conflicts: number; list: TeamProblem[] }
}

/** Each annotator's progress, as the team server counts it. */
export interface TeamProgress {
  where: string
  documents: number
  annotators: {
    name: string
    reviewer: boolean
    admin: boolean
    done: number
    inProgress: number
    layers: number
    spans: number
    assigned: number
    assignedDone: number
    /** Assigned documents none of the annotator's desktops has pulled the assignment of yet (team schema 8). */
    assignedNotPulled?: number
    /** Documents the annotator's changes wait for on their desktop (the team lacks them): the most any one of their desktops reported, and the first external ids. */
    waitingFor?: { documents: number; sample: string[] }
  }[]
}

/** A team document and who it is assigned to. */
export interface TeamDocumentRow {
  externalId: string
  title: string
  assignees: string[]
}

const ExternalId = z.string().min(1).max(500)

/** What `team.leave` did. */
export interface TeamLeft {
  /** The team it was in (host:port/database), when known. */
  team: string | null
  /** Changes made in the team and never pushed: kept, and pushed if the workspace rejoins that team. */
  unpushed: number
  state: TeamSyncState
}

export const teamMethods = {
  /** This desktop's sync state (cheap: no server round trip). */
  'team.state': def(z.strictObject({}), returns<TeamSyncState>()),
  /**
   * Checks the address and password against the server (a wrong one is a plain error), remembers the
   * address in the workspace (never the password), and starts syncing (now, then every N seconds).
   */
  'team.connect': def(
    z.strictObject({
      server: z.string().min(1).max(2000),
      /** May be empty when the address is a URL that carries it. */
      password: z.string().max(1000),
      autoSyncSeconds: z.number().int().min(AUTO_SYNC_SECONDS.min).max(AUTO_SYNC_SECONDS.max).nullable().optional(),
      /**
       * A server that cannot be reached now (not one that refuses) still connects a workspace that was connected
       * before, and sync keeps retrying: how the desktop reconnects at start while offline.
       */
      keepTrying: z.boolean().optional(),
    }),
    returns<TeamSyncState>(),
  ),
  /** Stops syncing and forgets the password (the address stays, to reconnect). */
  'team.disconnect': def(z.strictObject({}), returns<TeamSyncState>()),
  /**
   * Takes the workspace out of its team: the documents, layers, gold and kept-aside copies stay; the membership,
   * outbox, sync state and the remembered address go, and the outbox stops recording. Call `team.disconnect` first
   * (the Team screen does both: that stops syncing and forgets the password). A later connect or sync rejoins,
   * pushing only what changed since when it is the same team.
   */
  'team.leave': def(z.strictObject({}), returns<TeamLeft>()),
  /** Runs one sync now (or waits for the one running) and answers the state after it. */
  'team.syncNow': def(z.strictObject({}), returns<TeamSyncState>()),
  /** Automatic sync every N seconds, or off (null). Remembered in the workspace. */
  'team.autoSync': def(
    z.strictObject({ seconds: z.number().int().min(AUTO_SYNC_SECONDS.min).max(AUTO_SYNC_SECONDS.max).nullable() }),
    returns<TeamSyncState>(),
  ),
  /** Per-annotator progress from the server. */
  'team.progress': def(z.strictObject({}), returns<TeamProgress>()),
  /** The team's documents with their assignees, a page at a time (from the server). */
  'team.documents': def(
    z.strictObject({
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      unassignedOnly: z.boolean().optional(),
      /** Part of the id or title. */
      query: z.string().max(200).optional(),
    }),
    returns<{ total: number; rows: TeamDocumentRow[] }>(),
  ),
  /** An admin assigns documents to an annotator (or withdraws them); a sync follows, so this desktop has it at once. */
  'team.assign': def(
    z.strictObject({ annotator: AnnotatorName, documents: z.array(ExternalId).min(1).max(10_000), assigned: z.boolean().optional() }),
    returns<{ changed: string[]; state: TeamSyncState }>(),
  ),
}
