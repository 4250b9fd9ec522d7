import { describe, expect, test } from 'vitest'
import type { TeamSyncState } from '../../../../../src/shared/api/methods/team'
import { autoSyncLabel, failureHeadline, formatAgo, statusLine } from '../../../../../src/renderer/features/team/teamFormat'

const NOW = Date.parse('2026-12-06T12:00:00Z')
const at = (secondsFromNow: number) => new Date(NOW + secondsFromNow * 1000).toISOString()

function state(patch: Partial<TeamSyncState>): TeamSyncState {
  return {
    server: 'postgres://alice@db:5432/team',
    where: 'alice@db:5432/team',
    connected: true,
    passwordKept: 'memory',
    me: { name: 'alice', reviewer: false, admin: false },
    autoSyncSeconds: 30,
    syncing: false,
    progress: null,
    lastSyncAt: at(-12),
    lastResult: null,
    lastError: null,
    nextSyncAt: at(18),
    pending: 0,
    problems: { refused: 0, conflicts: 0, list: [] },
    ...patch,
  }
}

describe("the Team screen's status line", () => {
  test('connected and idle: when it synced and when it syncs next', () => {
    expect(statusLine(state({}), NOW)).toEqual({ tone: 'ok', text: 'Connected · synced 12 s ago · next sync in 18 s' })
    expect(statusLine(state({ autoSyncSeconds: null, nextSyncAt: null, lastSyncAt: null }), NOW).text).toBe('Connected · not synced yet · automatic sync off')
  })

  test('a server that went away: a plain headline and the retry countdown', () => {
    const msg = 'alice@db:5432/team: the server is not reachable (connection refused); is PostgreSQL running there?'
    expect(statusLine(state({ lastError: msg, nextSyncAt: at(30) }), NOW)).toEqual({ tone: 'error', text: 'Server unreachable, retrying in 30 s' })
    expect(statusLine(state({ lastError: msg, nextSyncAt: null, autoSyncSeconds: null }), NOW).text).toBe('Server unreachable, press Sync now to retry')
    expect(failureHeadline('alice@db:5432/team: wrong password (or no such user); the server refused to log in.')).toBe('The server refused the password')
    expect(failureHeadline('something else')).toBe('The last sync failed')
  })

  test('syncing shows the step; not connected says what to do', () => {
    expect(statusLine(state({ syncing: true, progress: { step: 'receiving layers', steps: 3, pendingAtStart: 0 } }), NOW)).toEqual({ tone: 'busy', text: 'Syncing: receiving layers…' })
    expect(statusLine(state({ connected: false }), NOW).text).toBe('Not connected: enter the password to sync')
    expect(statusLine(state({ connected: false, server: null, where: null }), NOW).text).toBe('Not connected to a team server')
  })

  test('times and intervals in words', () => {
    expect([formatAgo(at(-2), NOW), formatAgo(at(-59), NOW), formatAgo(at(-600), NOW), formatAgo(at(-7200), NOW), formatAgo(at(5), NOW)]).toEqual([
      'just now',
      '59 s ago',
      '10 min ago',
      '2 h ago',
      'just now',
    ])
    expect([autoSyncLabel(30), autoSyncLabel(300), autoSyncLabel(null)]).toEqual(['Every 30 s', 'Every 5 min', 'Off (Sync now only)'])
  })
})
