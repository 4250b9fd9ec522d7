import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { BIN, cli, exited, firstLine } from '../../helpers/cliRun'
import { freePort, postgresMissing } from '../../helpers/postgresServer'
import { tempDir } from '../../helpers/tempWorkspace'

/**
 * `spanwright team local-server`, as someone trying team workspaces on one
 * machine runs it: a real PostgreSQL from the OS package in a folder of its
 * own, a team database ready, and the admin URL on its own stdout line;
 * Ctrl+C stops it, and the next start from the same folder gives the same
 * URL and the same data.
 */

const missing = postgresMissing()
const ADMIN_LINE = /^postgres:\/\/lab_admin:[^@\s]+@127\.0\.0\.1:(\d+)\/team$/

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })

describe.skipIf(missing)(`team local-server: a PostgreSQL for a quick local try${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const children: ChildProcess[] = []
  // Straight under the run's temp folder (0755): as root the server runs as the postgres user, who must reach it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-local-server-'))
  const home = tempDir()
  const env = { ...process.env, SPANWRIGHT_HOME: home }
  const start = (...args: string[]) => {
    const child = spawn(process.execPath, [BIN, 'team', 'local-server', '--dir', dir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let err = ''
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    return { child, line: firstLine(child), err: () => err }
  }
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill('SIGINT')
    // A server a killed test left behind: stopped through its own pid file.
    const pid = path.join(dir, 'data', 'postmaster.pid')
    if (fs.existsSync(pid)) spawnKill(Number(fs.readFileSync(pid, 'utf8').split('\n')[0]))
  })

  test('made, used by a team, stopped with Ctrl+C, started again with the same URL and data, taken over after a kill -9, and a server stopped from outside is reported', async () => {
    const port = await freePort()
    const first = start('--port', String(port))
    const admin = await first.line
    expect(admin).toMatch(ADMIN_LINE)
    expect(Number(ADMIN_LINE.exec(admin)![1])).toBe(port)
    expect(first.err()).toMatch(/PostgreSQL \d+\.\d+.* on 127\.0\.0\.1:\d+, for a quick local try .*; made in /)

    // A team on it: an admin's documents reach a member's desktop.
    const lead = cli(['team', 'add-annotator', 'lead', '--admin', '--server', admin], env).out.trim()
    const alice = cli(['team', 'add-annotator', 'alice', '--server', admin], env).out.trim()
    expect(alice).toMatch(/^postgres:\/\/alice:/)
    const docs = path.join(home, 'docs.jsonl')
    fs.writeFileSync(docs, ['Ada met Bob in Rome.', 'Carla flew to Lima.'].map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n'))
    expect(cli(['import', docs, '--db', path.join(home, 'lead.spanwright')], env).code).toBe(0)
    expect(cli(['sync', '--server', lead, '--db', path.join(home, 'lead.spanwright')], env).code).toBe(0)
    expect(cli(['sync', '--server', alice, '--db', path.join(home, 'alice.spanwright')], env).out).toMatch(/^pushed 0, pulled 2, refused 0/m)

    // Ctrl+C: the server stops with the command.
    first.child.kill('SIGINT')
    expect(await exited(first.child)).toBe(0)
    expect(first.err()).toMatch(/PostgreSQL stopped/)
    expect(await listening(port)).toBe(false)

    // Again from the same folder, without --port: the same URL, the team still there.
    const second = start()
    expect(await second.line).toBe(admin)
    expect(second.err()).toMatch(/; kept in /)
    expect(cli(['team', 'status', '--server', admin], env).out).toMatch(/2 documents, 2 annotators/)

    // The command killed outright leaves the server running; the next start takes it over instead of failing.
    second.child.kill('SIGKILL')
    await exited(second.child)
    expect(await listening(port)).toBe(true)
    const third = start()
    expect(await third.line).toBe(admin)
    expect(cli(['team', 'status', '--server', alice], env).out).toMatch(/2 documents/)

    // Stopped from outside (here: its postmaster told to shut down): the command ends, non-zero, naming the log.
    spawnKill(Number(fs.readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]))
    expect(await exited(third.child)).toBe(1)
    expect(third.err()).toMatch(/PostgreSQL stopped by itself or from outside: its log is .*server\.log/)
  }, 120_000)

  test('bad input gets one plain sentence, and nothing starts', () => {
    const r = cli(['team', 'local-server', '--dir', path.join(os.tmpdir(), 'never-made'), '--port', 'eighty'], env)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/--port must be 1-65535, not eighty/)
    const notOurs = fs.mkdtempSync(path.join(os.tmpdir(), 'someone-elses-'))
    fs.mkdirSync(path.join(notOurs, 'data'), { recursive: true, mode: 0o755 })
    fs.writeFileSync(path.join(notOurs, 'data', 'notes.txt'), 'mine')
    const refused = cli(['team', 'local-server', '--dir', notOurs], env)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/data is not empty and holds no PostgreSQL server: choose another --dir/)
    expect(fs.readFileSync(path.join(notOurs, 'data', 'notes.txt'), 'utf8')).toBe('mine')
  })
})

/** SIGINT to a postmaster is PostgreSQL's own "fast shutdown". */
function spawnKill(pid: number) {
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    // already gone
  }
}
