import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/api/errors'
import { AUTO_SYNC_SECONDS } from '../../../shared/api/methods/team'
import type { TeamProblem, TeamSyncState } from '../../../shared/api/methods/team'
import type { SyncReport } from '../../../shared/team/changeLog'
import { olderTeamAssignmentsNote } from '../../../shared/team/changeLog'
import { parseServerAddress, withPassword } from '../../../shared/team/serverAddress'
import type { Store } from '../../store/store'
import { TeamStore } from '../../store/teamStore'
import { waitingForDocuments } from '../../store/teamWaitingDocuments'
import { canWriteNow, isBusyError } from '../../store/writeProbe'
import { KeptTeamConnection } from '../../team/keptTeam'
import { startAutoSync } from '../../team/syncLoop'
import { openTeam } from '../../team/teamClient'
import type { TeamConnection } from '../../team/teamClient'
import type { TeamServer } from '../../team/teamSource'
import { PROBLEMS_LISTED, reportTeamMemory, withMemory } from './teamMemory'
import type { TeamMemory } from './teamMemory'

/** Workspace settings: the address (never the password) and the automatic sync interval. */
export const TEAM_SERVER_KEY = 'team.server'
export const TEAM_AUTO_SYNC_KEY = 'team.autoSyncSeconds'
/** Who this desktop is on the server (name and roles; no secret), for a reconnect while the server is away. */
export const TEAM_ME_KEY = 'team.me'

/** The progress line while a sync waits for an import's write (in the jobs worker) to end. */
export const WAITING_FOR_IMPORT = 'waiting for the import to finish'
/** How often a waiting sync looks whether the workspace can be written again. */
const WRITABLE_POLL_MS = 200

/** The plain messages of teamClient that mean "cannot reach it now", as opposed to a refusal. */
const UNREACHABLE = /not reachable|did not answer in time|connection to the server was lost|no such host/i

/** Steps of syncOnce in words, for the progress line. */
const STEP_WORDS: Record<string, string> = {
  'labels pushed': 'sent the label schema',
  'documents pushed': 'sending documents',
  'changes pushed': 'sending changes',
  'documents pulled': 'receiving documents',
  'layers pulled': 'receiving layers',
  'assignments pulled': 'receiving assignments',
}

type Loop = ReturnType<typeof startAutoSync>
type Member = NonNullable<TeamSyncState['me']>

/**
 * The app's side of team sync, one per workspace process: it holds the
 * password in memory only (the workspace keeps the address), runs
 * `startAutoSync` every N seconds (or only on demand), and remembers what the
 * last sync did, for the Team screen. A failed sync (the server away, a
 * password changed) is kept as a plain message and retried at the next tick.
 */
export class TeamSyncService {
  private url: string | null = null
  private me: Member | null = null
  private loop: Loop | null = null
  /** The connection kept between this workspace's syncs with this server (keptTeam.ts); a new one at each connect. */
  private kept: KeptTeamConnection | null = null
  private loopStartedAt = 0
  private generation = 0
  private inFlight: Promise<void> | null = null
  private syncing = false
  private progress: TeamSyncState['progress'] = null
  private lastResult: TeamSyncState['lastResult'] = null
  private lastSkipped: TeamProblem[] = []
  private lastError: string | null = null
  /** A sync is waiting (on the event loop) for another writer, an import, to let the workspace go. */
  private waiting = false
  private readonly teamStores = new WeakMap<Database.Database, TeamStore>()

  constructor(private readonly store: () => Store) {}

  private local(): TeamStore {
    const db = this.store().db
    let t = this.teamStores.get(db)
    if (!t) this.teamStores.set(db, (t = new TeamStore(db)))
    return t
  }

  private autoSeconds(): number | null {
    const v = this.store().settings.get(TEAM_AUTO_SYNC_KEY)
    if (v === null) return AUTO_SYNC_SECONDS.default
    return v === 'off' ? null : Number(v)
  }

  /** The state the Team screen shows: the workspace's part joined with what this service holds in memory. */
  state(): TeamSyncState {
    return withMemory(this.workspaceState(), this.memory())
  }

  /** What only this service's memory knows (no password): sent to the API worker host at each change. */
  memory(): TeamMemory {
    const looping = this.url !== null && this.loop !== null && this.autoSeconds() !== null
    return {
      connected: this.url !== null,
      me: this.me,
      syncing: this.syncing,
      progress: this.progress,
      lastResult: this.lastResult,
      lastError: this.lastError,
      lastSkipped: this.lastSkipped,
      loopStartedAt: looping ? this.loopStartedAt : null,
    }
  }

  /** The part read from the workspace file: any worker over it can answer this, while another runs a sync. */
  workspaceState(): TeamSyncState {
    const server = this.store().settings.get(TEAM_SERVER_KEY)
    const local = this.local()
    const kept = local.conflicts()
    const { pending, waiting } = this.outgoing()
    const list: TeamProblem[] = kept.map((c) => ({ documentId: c.documentId, annotator: c.annotator, kind: c.kind === 'conflict' ? ('conflict' as const) : ('refused' as const), reason: c.reason }))
    return {
      server,
      where: server ? parseServerAddress(server).where : null,
      connected: false,
      passwordKept: null,
      me: null,
      autoSyncSeconds: this.autoSeconds(),
      syncing: false,
      progress: null,
      lastSyncAt: local.setting('last_sync'),
      lastResult: null,
      lastError: null,
      nextSyncAt: null,
      pending,
      waiting,
      problems: { refused: kept.filter((c) => c.kind !== 'conflict').length, conflicts: kept.filter((c) => c.kind === 'conflict').length, list: list.slice(0, PROBLEMS_LISTED) },
    }
  }

  /**
   * Changes the next sync sends, and a member's that wait for documents no admin has added (not sent: an admin's
   * go with their documents). Known once a sync has pulled the team's documents (before that, none are marked).
   */
  private outgoing(): { pending: number; waiting: TeamSyncState['waiting'] } {
    const all = this.local().pendingCount()
    const server = this.store().settings.get(TEAM_SERVER_KEY)
    const member = server ? this.savedMember(server) : null
    if (!member || member.admin || this.local().setting('last_sync') === null) return { pending: all, waiting: null }
    const held = waitingForDocuments(this.store().db)
    return held.layers + held.goldItems ? { pending: all - held.layers - held.goldItems, waiting: held } : { pending: all, waiting: null }
  }

  /** Tells the host (when there is one) what changed in memory. */
  private changed(): void {
    reportTeamMemory(this.memory())
  }

  /**
   * Checks the address and password by logging in (a wrong one is refused with the server's plain reason),
   * then remembers the address, starts the loop and runs a first sync in the background.
   */
  async connect(server: string, password: string, autoSyncSeconds?: number | null, keepTrying = false): Promise<TeamSyncState> {
    let address
    try {
      address = parseServerAddress(server)
    } catch (e) {
      throw new AppError('bad_request', (e as Error).message)
    }
    const url = withPassword(address.url, password || address.password || '')
    let me: Member
    let unreachable: string | null = null
    // The login that checks the password is kept, as the first connection of the syncs and server calls to come.
    let first: TeamConnection | undefined
    try {
      first = await openTeam(url)
      me = { name: first.me.name, reviewer: first.me.reviewer, admin: first.me.admin }
    } catch (e) {
      const message = (e as Error).message
      // Offline at start: the same address as before, so who we are is known; sync retries until the server is back.
      const known = this.savedMember(address.url)
      if (!keepTrying || !UNREACHABLE.test(message) || !known) throw new AppError('bad_request', message)
      me = known
      unreachable = message
    }
    // Written before the old loop stops: a write an import refuses (busy) leaves the connection as it was.
    try {
      this.store().transaction(() => {
        this.store().settings.set(TEAM_SERVER_KEY, address.url)
        this.store().settings.set(TEAM_ME_KEY, JSON.stringify(me))
        if (autoSyncSeconds !== undefined) this.store().settings.set(TEAM_AUTO_SYNC_KEY, autoSyncSeconds === null ? 'off' : String(autoSyncSeconds))
      })
    } catch (e) {
      await first?.client.end().catch(() => undefined)
      throw e
    }
    await this.disconnect()
    this.url = url
    this.me = me
    this.kept = new KeptTeamConnection(url, undefined, first)
    this.lastError = unreachable
    this.startLoop()
    this.changed()
    void this.loop!.syncNow()
    return this.state()
  }

  /** The member saved by the last connect to this same address, if any. */
  private savedMember(url: string): Member | null {
    if (this.store().settings.get(TEAM_SERVER_KEY) !== url) return null
    try {
      const m = JSON.parse(this.store().settings.get(TEAM_ME_KEY) ?? 'null') as Member | null
      return m && typeof m.name === 'string' ? { name: m.name, reviewer: m.reviewer === true, admin: m.admin === true } : null
    } catch {
      return null
    }
  }

  /** Stops the loop, closes the kept connection and forgets the password; the address stays for the next connect. */
  async disconnect(): Promise<TeamSyncState> {
    this.generation++
    this.loop?.stop()
    this.loop = null
    this.url = null
    this.me = null
    const kept = this.kept
    this.kept = null
    this.changed()
    await this.inFlight?.catch(() => undefined)
    // After the sync under way (it holds the connection until it ends).
    await kept?.close()
    return this.state()
  }

  /**
   * One sync now (or the one running), then the state after it. While an import writes the workspace
   * (for its whole write phase), a sync cannot write what it pulls: then it waits for the import, and
   * the answer (and the Team screen's progress) says so at once instead of hanging.
   */
  async syncNow(): Promise<TeamSyncState> {
    if (!this.loop) throw notConnected()
    // A sync under way is joined, and answers when it ends (probing for a writer would find that sync's own).
    if (this.syncing && !this.waiting && this.inFlight) {
      await this.inFlight.catch(() => undefined)
      return this.state()
    }
    if (this.waiting || !canWriteNow(this.store().db)) {
      this.waitForWriter(this.generation)
      return this.state()
    }
    await this.loop.syncNow()
    return this.state()
  }

  /** Shows the wait, then runs the sync once the workspace can be written (unless disconnected meanwhile). */
  private waitForWriter(gen: number): void {
    this.syncing = true
    this.progress = { step: WAITING_FOR_IMPORT, steps: 0, pendingAtStart: this.outgoing().pending }
    this.changed()
    if (this.waiting) return
    this.waiting = true
    const poll = () => {
      if (gen !== this.generation || !this.loop) {
        this.waiting = false
        this.syncing = false
        this.progress = null
        return this.changed()
      }
      if (!canWriteNow(this.store().db)) return void setTimeout(poll, WRITABLE_POLL_MS)
      this.waiting = false
      void this.loop.syncNow()
    }
    setTimeout(poll, WRITABLE_POLL_MS)
  }

  async setAutoSync(seconds: number | null): Promise<TeamSyncState> {
    this.store().settings.set(TEAM_AUTO_SYNC_KEY, seconds === null ? 'off' : String(seconds))
    if (this.loop) {
      // One loop at a time: a sync of the old one finishes before the new interval starts.
      this.generation++
      this.loop.stop()
      this.loop = null
      await this.inFlight?.catch(() => undefined)
      if (this.url) this.startLoop()
    }
    this.changed()
    return this.state()
  }

  /** Where the Team screen's server calls get their connection: the one kept for sync (one caller at a time), or a plain refusal. */
  teamServer(): TeamServer {
    if (!this.url || !this.kept) throw notConnected()
    return this.kept
  }

  /** Stops everything (the process is closing). */
  close(): void {
    this.generation++
    this.loop?.stop()
    this.loop = null
    void this.kept?.close()
    this.kept = null
  }

  private startLoop(): void {
    const gen = this.generation
    const seconds = this.autoSeconds()
    const url = this.url!
    const loop: Loop = startAutoSync(
      // Called as each sync starts (by a tick or by syncNow): the moment to show progress.
      () => this.begin(loop),
      url,
      (seconds ?? AUTO_SYNC_SECONDS.max) * 1000,
      (r) => this.finish(gen, r),
      { onStep: (s) => this.stepped(s), connection: this.kept ?? undefined },
    )
    // Off: the loop's timer is stopped, and its syncNow still runs one sync at a time.
    if (seconds === null) loop.stop()
    this.loop = loop
    this.loopStartedAt = Date.now()
  }

  private begin(loop: Loop): Store {
    // The loop is already running this sync: syncNow answers the same promise, which is the one to wait for.
    this.inFlight = loop.syncNow()
    this.syncing = true
    this.progress = { step: 'connecting', steps: 0, pendingAtStart: this.outgoing().pending }
    this.changed()
    return this.store()
  }

  private stepped(step: string): void {
    if (this.progress) this.progress = { ...this.progress, step: STEP_WORDS[step] ?? step, steps: this.progress.steps + 1 }
    this.changed()
  }

  private finish(gen: number, r: SyncReport | Error): void {
    // An import began writing during this sync: nothing half-done is lost (each step is its own transaction); it runs again after.
    if (r instanceof Error && isBusyError(r) && gen === this.generation && this.loop) return this.waitForWriter(gen)
    this.syncing = false
    this.progress = null
    if (r instanceof Error) {
      // An old loop's failure (after a disconnect) says nothing about the connection now.
      if (gen === this.generation) this.lastError = r.message
      this.changed()
      return
    }
    this.lastError = null
    const assignmentsNote = olderTeamAssignmentsNote(r.olderTeamAssignments)
    this.lastResult = { pushed: r.pushed, pulled: r.pulled, refused: r.refused.length, conflicts: r.conflicts.length, skipped: r.skipped.length, at: new Date().toISOString(), ...(r.newTeamDatabase ? { newTeamDatabase: true as const } : {}), ...(r.olderTeamDatabase ? { olderTeamDatabase: true as const } : {}), ...(assignmentsNote ? { olderTeamAssignments: assignmentsNote } : {}) }
    this.lastSkipped = r.skipped.map((s) => ({ documentId: s.layer.documentId, annotator: s.layer.annotator, kind: 'skipped' as const, reason: s.reason }))
    this.changed()
  }
}

function notConnected(): AppError {
  return new AppError('conflict', 'not connected to a team server: connect on the Team screen first (the password is asked again after a restart in browser mode)')
}
