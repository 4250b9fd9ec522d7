import type { TeamSyncState } from '../../../shared/api/methods/team'

/** Automatic sync choices offered on screen (seconds; null: off). */
export const AUTO_SYNC_CHOICES: readonly (number | null)[] = [10, 30, 60, 300, 900, null]

export function autoSyncLabel(seconds: number | null): string {
  if (seconds === null) return 'Off (Sync now only)'
  return seconds < 60 ? `Every ${seconds} s` : `Every ${seconds / 60} min`
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", else the date. */
export function formatAgo(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (s < 5) return 'just now'
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Whole seconds until `iso` (never below 0). */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000))
}

/** The cause of a failed sync in a few words; the server's whole message is shown beneath. */
export function failureHeadline(message: string): string {
  if (/not reachable|connection refused|connection to the server was lost|did not answer|no such host/i.test(message)) return 'Server unreachable'
  if (/wrong password/i.test(message)) return 'The server refused the password'
  if (/TLS/i.test(message)) return 'The server needs another TLS setting'
  return 'The last sync failed'
}

export type Tone = 'ok' | 'busy' | 'error' | 'idle'

/** The one status line at the top of the screen: what sync is doing and when it runs next. */
export function statusLine(s: TeamSyncState, now: number): { tone: Tone; text: string } {
  if (!s.connected) return { tone: 'idle', text: s.server ? 'Not connected: enter the password to sync' : 'Not connected to a team server' }
  if (s.syncing) return { tone: 'busy', text: `Syncing: ${s.progress?.step ?? 'connecting'}…` }
  const next = s.nextSyncAt ? secondsUntil(s.nextSyncAt, now) : null
  if (s.lastError) return { tone: 'error', text: `${failureHeadline(s.lastError)}, ${next !== null ? `retrying in ${next} s` : 'press Sync now to retry'}` }
  const synced = s.lastSyncAt ? `synced ${formatAgo(s.lastSyncAt, now)}` : 'not synced yet'
  return { tone: 'ok', text: `Connected · ${synced}${next !== null ? ` · next sync in ${next} s` : ' · automatic sync off'}` }
}
