import { describe, expect, it } from 'vitest'
import { TEAM_KEEPALIVE_DELAY_MS, teamClientConfig } from '../../../../src/main/team/teamClient'

describe('the settings of a connection to a team server', () => {
  it('turns TCP keepalive on, its first probe well before a NAT or firewall forgets an idle connection', () => {
    const c = teamClientConfig('postgres://alice:secret@db.example:5432/team')
    expect(c).toMatchObject({ connectionString: 'postgres://alice:secret@db.example:5432/team', keepAlive: true, keepAliveInitialDelayMillis: TEAM_KEEPALIVE_DELAY_MS })
    // Under the common idle timeouts of NATs and firewalls (5 minutes and more), and not a probe every second.
    expect(TEAM_KEEPALIVE_DELAY_MS).toBeGreaterThanOrEqual(10_000)
    expect(TEAM_KEEPALIVE_DELAY_MS).toBeLessThan(5 * 60_000)
  })
})
