import type { ClientBase } from 'pg'

/**
 * A desktop row's stamp (team_desktops.seen_at): the server's time, but always past the row's last stamp, so a server
 * clock set back never makes a stamp older than one a desktop noted (only a restore from an older dump does).
 */
export const NEXT_STAMP = `GREATEST(now(), seen_at + interval '1 microsecond')`

/** A stamp in microseconds (an integer a JavaScript number holds exactly). */
export const STAMP_MICROS = `(floor(extract(epoch FROM seen_at) * 1000000))::bigint`

/**
 * Asked of a push: stamp this desktop's row in the push's own server transaction, and answer the stamp (`at`). A dump
 * that holds the stamp then holds the push, so a desktop that notes the stamp before it marks the push as landed
 * notices a restore from a dump made before it, even if its sync failed before its end (teamRestoredSync.ts).
 */
export interface PushStamp {
  desktop: string
  at?: number
}

/** Stamps the desktop's row (inside the caller's transaction); sets `stamp.at`, or leaves it unset when the row is gone. */
export async function stampDesktop(client: ClientBase, stamp: PushStamp): Promise<void> {
  const r = await client.query<{ at: string }>(`UPDATE team_desktops SET seen_at = ${NEXT_STAMP} WHERE desktop_id = $1 RETURNING ${STAMP_MICROS} AS at`, [stamp.desktop])
  stamp.at = r.rows.length ? Number(r.rows[0].at) : undefined
}
