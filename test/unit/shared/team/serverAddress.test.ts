import { describe, expect, test } from 'vitest'
import { parseServerAddress, withPassword } from '../../../../src/shared/team/serverAddress'

describe('a team server address as a person types it', () => {
  test('user@host:port/db, with the default port filled in', () => {
    expect(parseServerAddress(' alice@db.lab.org:6543/team ')).toEqual({ url: 'postgres://alice@db.lab.org:6543/team', where: 'alice@db.lab.org:6543/team', user: 'alice', password: null })
    expect(parseServerAddress('alice@db.lab.org/team').where).toBe('alice@db.lab.org:5432/team')
  })

  test("the URL team add-annotator prints: its password is split off, and the address kept has none", () => {
    const a = parseServerAddress('postgres://alice:p%40ss%2Fw0rd@127.0.0.1:5433/team?sslmode=require')
    expect(a).toEqual({ url: 'postgres://alice@127.0.0.1:5433/team?sslmode=require', where: 'alice@127.0.0.1:5433/team', user: 'alice', password: 'p@ss/w0rd' })
    expect(a.url).not.toContain('p%40ss')
    // And back: the client's URL carries it, encoded, so pg reads it whole.
    const url = withPassword(a.url, 'p@ss/w0rd é')
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss/w0rd é')
    expect(parseServerAddress('postgresql://bob@h/db').where).toBe('bob@h:5432/db')
  })

  test('an address without a user, a host or a database says what a good one looks like', () => {
    for (const bad of ['', '   ', 'db.lab.org:5432/team', 'alice@db.lab.org:5432', 'alice@db.lab.org:5432/', 'alice@:5432/team', 'alice@db.lab.org:99999/team', 'alice@db/a/b'])
      expect(() => parseServerAddress(bad), bad).toThrow(/user@host:port\/database/)
  })
})
