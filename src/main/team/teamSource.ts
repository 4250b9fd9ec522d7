import { openTeam } from './teamClient'
import type { TeamConnection } from './teamClient'

/** A connection lent to one caller at a time: `release` says whether the call failed (then it is not used again). */
export interface TeamConnectionSource {
  open(): Promise<TeamConnection>
  release(team: TeamConnection, failed: boolean): Promise<void>
}

/**
 * Where a server call gets its connection: a URL (the command line: a connection of its own, closed at the end), or
 * the app's kept connection (keptTeam.ts), shared one call at a time with its sync.
 */
export type TeamServer = string | TeamConnectionSource

/**
 * Runs one server call on a connection from `server`. A call that fails gives a kept connection back as failed, so
 * it is not used again (as a sync's failure does): whatever state the failure left on it goes with it.
 */
export async function withTeam<T>(server: TeamServer, run: (team: TeamConnection) => Promise<T>): Promise<T> {
  if (typeof server === 'string') {
    const team = await openTeam(server)
    try {
      return await run(team)
    } finally {
      await team.client.end().catch(() => undefined)
    }
  }
  const team = await server.open()
  let failed = true
  try {
    const answer = await run(team)
    failed = false
    return answer
  } finally {
    await server.release(team, failed)
  }
}
