import type pg from 'pg'
import { SERVER_SCHEMA_VERSION } from './serverMigrations'
import { openTeam } from './teamClient'
import type { TeamConnection } from './teamClient'

/**
 * Closed after this long with no sync. The Team screen's automatic sync runs every 30 s by default, so a connection
 * in use is never idle this long; one that is (sync off, or an interval over 5 minutes) would save a sync far too
 * little to hold one of the server's connections (PostgreSQL allows 100 by default, and 50 desktops keep 50).
 */
export const KEPT_IDLE_MS = 5 * 60_000
/**
 * Logged in again once this old. PostgreSQL checks a password only when a connection logs in, so a password an
 * admin changed is met (and said in the same words as at any login) at the first sync after this.
 */
export const KEPT_MAX_AGE_MS = 10 * 60_000
/** How long the check that a kept connection still answers may take (a network gone silent) before a new one is opened. */
export const KEPT_CHECK_MS = 15_000
/** How long a goodbye to the server may take before the socket is simply dropped. */
const END_MS = 1_000

export interface KeptLimits {
  idleMs: number
  maxAgeMs: number
  checkMs: number
}

/**
 * Checked on a kept connection before each sync, a read: who this role is now, and whether it may still log in
 * and connect here. A connection that fails it, or answers another schema version or name, is replaced by a new
 * login, whose refusal (a role dropped, a login or membership taken away) is today's plain message.
 */
const CHECK = `SELECT (SELECT max(version) FROM spanwright_schema_version) AS version, current_user AS me,
    pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER') AS reviewer, pg_has_role(current_user, 'spanwright_admin', 'MEMBER') AS admin,
    coalesce((SELECT rolcanlogin AND (rolvaliduntil IS NULL OR rolvaliduntil > now()) FROM pg_roles WHERE rolname = current_user), false) AS may_log_in,
    has_database_privilege(current_database(), 'CONNECT') AS may_connect`

const open = new Set<KeptTeamConnection>()

/**
 * The app's connection to its team server, kept from one sync to the next (one per workspace and server: the
 * sync service makes one at each connect), and lent between syncs to the Team screen's other server calls
 * (progress, the documents list, assigning: teamSource.ts `withTeam`), one caller at a time. A new connection's
 * first statements cost the server far more than a warm one's (parsing, planning, catalog look-ups for the
 * tables, their row-level security and triggers, a new backend's memory), about as much as the push itself; `spanwright sync` still opens its own each time.
 *
 * One sync at a time: `open` waits until the previous sync has `release`d it. A kept connection is checked with
 * one read before it is used; if that fails (the server restarted, dropped it, or the network went), nothing was
 * sent, and the sync goes on over a new connection, once: a failure of that login is the sync's failure, in the
 * same words as before. A sync that fails later drops the connection (the next sync logs in again); what it had
 * sent is safe to send again (change ids, compare-and-set). `close` ends it for good (disconnect, leave).
 */
export class KeptTeamConnection {
  private team: TeamConnection | null = null
  private openedAt = 0
  private usedAt = 0
  private lost = false
  private closed = false
  private idle: ReturnType<typeof setTimeout> | null = null
  private tail: Promise<void> = Promise.resolve()
  private free: (() => void) | null = null

  constructor(
    private readonly url: string,
    private readonly limits: KeptLimits = { idleMs: KEPT_IDLE_MS, maxAgeMs: KEPT_MAX_AGE_MS, checkMs: KEPT_CHECK_MS },
    /** A connection just logged in (the Team screen's connect checks the password with one): kept as the first. */
    first?: TeamConnection,
  ) {
    open.add(this)
    if (first) {
      this.adopt(first)
      this.startIdle()
    }
  }

  /** The connection for one sync (kept, checked, or a new login), held by it until `release`. */
  async open(): Promise<TeamConnection> {
    const free = await this.turn()
    try {
      if (this.closed) throw new Error('the team connection was closed (the workspace disconnected from its team, or is closing)')
      this.stopIdle()
      let team = await this.checked()
      if (!team) {
        team = await openTeam(this.url)
        this.adopt(team)
      }
      this.free = free
      return team
    } catch (e) {
      free()
      throw e
    }
  }

  /** The sync is over: the connection is kept for the next one, or dropped when the sync failed. */
  async release(team: TeamConnection, failed: boolean): Promise<void> {
    const free = this.free
    this.free = null
    try {
      if (team.client !== this.team?.client) await endClient(team.client)
      else if (failed || this.closed) await this.drop()
      else this.startIdle()
    } finally {
      free?.()
    }
  }

  /** Ends it for good, after the sync under way (if any). */
  async close(): Promise<void> {
    this.closed = true
    open.delete(this)
    const free = await this.turn()
    try {
      await this.drop()
    } finally {
      free()
    }
  }

  /** The connection kept between syncs, or null when none is open. */
  get keptClient(): pg.Client | null {
    return this.team?.client ?? null
  }

  private async checked(): Promise<TeamConnection | null> {
    const team = this.team
    if (!team) return null
    if (this.lost || Date.now() - this.openedAt >= this.limits.maxAgeMs) {
      await this.drop()
      return null
    }
    try {
      const r = await within(team.client.query<{ version: number | null; me: string; reviewer: boolean; admin: boolean; may_log_in: boolean; may_connect: boolean }>(CHECK), this.limits.checkMs)
      const now = r.rows[0]
      if (now.version === SERVER_SCHEMA_VERSION && now.me === team.me.name && now.may_log_in && now.may_connect) {
        // Rights granted or taken since the last sync count now, as at a new login.
        team.me = { name: now.me, reviewer: now.reviewer, admin: now.admin }
        return team
      }
    } catch {
      // Gone (or silent): replaced below, and nothing was sent over it.
    }
    await this.drop()
    return null
  }

  private adopt(team: TeamConnection): void {
    this.team = team
    this.openedAt = Date.now()
    this.lost = false
    // The server ended it (a restart, pg_terminate_backend, an idle timeout): the next sync does not try it.
    team.client.once('end', () => {
      if (this.team?.client === team.client) this.lost = true
    })
  }

  private async drop(): Promise<void> {
    this.stopIdle()
    const team = this.team
    this.team = null
    if (team) await endClient(team.client)
  }

  private startIdle(): void {
    this.stopIdle()
    const at = (this.usedAt = Date.now())
    this.idle = setTimeout(() => {
      void this.turn().then(async (free) => {
        try {
          if (this.usedAt === at) await this.drop()
        } finally {
          free()
        }
      })
    }, this.limits.idleMs)
    this.idle.unref?.()
  }

  private stopIdle(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
  }

  /** Waits for the previous holder; answers the function that lets the next one in. */
  private turn(): Promise<() => void> {
    const before = this.tail
    let free!: () => void
    this.tail = new Promise<void>((r) => (free = r))
    return before.then(() => free)
  }
}

/**
 * Closes every kept connection of this thread (the workspace is closing: the app quits, switches workspace or
 * restores a backup). A sync under way gets a moment to end; then its connection is dropped under it.
 */
export async function closeKeptTeamConnections(waitMs = 2_000): Promise<void> {
  await Promise.all(
    [...open].map(async (k) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<void>((r) => (timer = setTimeout(r, waitMs)))
      await Promise.race([k.close(), late.then(() => k.keptClient && endClient(k.keptClient))])
      clearTimeout(timer)
    }),
  )
}

/** Ends a client: a goodbye to the server, or, when that does not come back in time, the socket dropped. */
async function endClient(client: pg.Client): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = await Promise.race([client.end().then(() => false, () => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), END_MS)))])
  clearTimeout(timer)
  if (timedOut) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
}

/** A query's answer, or a rejection once `ms` have passed. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), ms)))]).finally(() => clearTimeout(timer))
}
