import type { TeamProblem, TeamSyncState } from '../../../shared/api/methods/team'

/**
 * What the sync service holds in memory only (never the password): the part of
 * the Team screen's state that the workspace file cannot tell. The API worker
 * host keeps a copy, sent by the jobs worker where sync runs, so the app's
 * worker answers `team.state` (its workspace part, read from the file) while
 * a long pull keeps the jobs worker busy.
 */
export interface TeamMemory {
  connected: boolean
  me: TeamSyncState['me']
  syncing: boolean
  progress: TeamSyncState['progress']
  lastResult: TeamSyncState['lastResult']
  lastError: string | null
  /** The last sync's skipped layers and refused relations: reported once, not kept in the workspace. */
  lastSkipped: TeamProblem[]
  /** When the automatic sync loop started (ms since the epoch); null when there is no loop or it is off. */
  loopStartedAt: number | null
}

export const NOTHING_HELD: TeamMemory = {
  connected: false,
  me: null,
  syncing: false,
  progress: null,
  lastResult: null,
  lastError: null,
  lastSkipped: [],
  loopStartedAt: null,
}

/** The problems the Team screen lists at most. */
export const PROBLEMS_LISTED = 100

/** When a loop started at `startedAt` fires next (it fires at start + k × interval). */
export function nextTickAt(startedAt: number, seconds: number, now = Date.now()): number {
  const every = seconds * 1000
  return startedAt + (Math.floor((now - startedAt) / every) + 1) * every
}

/** The workspace's part of the state (read by the app's worker) joined with the sync's memory (held by the jobs worker). */
export function withMemory(state: TeamSyncState, m: TeamMemory, now = Date.now()): TeamSyncState {
  const seconds = state.autoSyncSeconds
  return {
    ...state,
    connected: m.connected,
    passwordKept: m.connected ? 'memory' : null,
    me: m.me,
    syncing: m.syncing,
    progress: m.progress,
    lastResult: m.lastResult,
    lastError: m.lastError,
    nextSyncAt: m.connected && seconds !== null && m.loopStartedAt !== null ? new Date(nextTickAt(m.loopStartedAt, seconds, now)).toISOString() : null,
    problems: { ...state.problems, list: [...state.problems.list, ...m.lastSkipped].slice(0, PROBLEMS_LISTED) },
  }
}

let watcher: ((m: TeamMemory) => void) | null = null

/** The API worker tells the host each change of the sync's memory (one watcher per thread). */
export function watchTeamMemory(fn: ((m: TeamMemory) => void) | null): void {
  watcher = fn
}

export function reportTeamMemory(m: TeamMemory): void {
  watcher?.(structuredClone(m))
}
