import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultLocalServerDir, findPostgresBin, postgresBinCandidates } from '../../../../src/main/team/localServer'

describe('where team local-server looks for PostgreSQL', () => {
  it('SPANWRIGHT_PG_BIN first, then PATH, then the OS package folders', () => {
    const c = postgresBinCandidates({ SPANWRIGHT_PG_BIN: '/opt/pg/bin', PATH: ['/usr/bin', '/home/me/bin'].join(path.delimiter) }, 'linux')
    expect(c.slice(0, 3)).toEqual(['/opt/pg/bin', '/usr/bin', '/home/me/bin'])
    expect(c.slice(3).every((d) => /^\/usr\/lib\/postgresql\/\d+\/bin$/.test(d))).toBe(true)
    expect(postgresBinCandidates({ PATH: '' }, 'darwin')).toEqual(expect.arrayContaining(['/opt/homebrew/bin', '/usr/local/bin']))
  })

  it('takes the first folder holding both initdb and pg_ctl (a lone psql or pg_ctl is not a server)', () => {
    const files = new Set(['/usr/bin/psql', '/usr/bin/pg_ctl', '/usr/lib/postgresql/16/bin/initdb', '/usr/lib/postgresql/16/bin/pg_ctl', '/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_ctl'])
    const exists = (f: string) => files.has(f)
    expect(findPostgresBin(['/usr/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'], exists, 'linux')).toBe('/usr/lib/postgresql/16/bin')
    expect(findPostgresBin(['/usr/bin'], exists, 'linux')).toBeNull()
    expect(findPostgresBin(['C:\\pg\\bin'], (f) => f.endsWith('.exe'), 'win32')).toBe('C:\\pg\\bin')
  })

  it('keeps its files in the user folder, or where the postgres user can reach them when run as root', () => {
    expect(defaultLocalServerDir({ SPANWRIGHT_HOME: '/home/me/.sw' }, false)).toBe(path.resolve('/home/me/.sw/team-server'))
    expect(defaultLocalServerDir({ SPANWRIGHT_HOME: '/root/.sw' }, true)).toBe('/var/tmp/spanwright-team-server')
  })
})
