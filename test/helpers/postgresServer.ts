import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * A real PostgreSQL server for one test file: Debian's `postgresql` package
 * (what .ci/run installs), started in a fresh temp dir on 127.0.0.1 and a free
 * port, its unix socket inside the temp dir. PostgreSQL refuses to run as
 * root, so under root (CI) it runs as the `postgres` user the package creates.
 */
export interface PostgresServer {
  host: string
  port: number
  /** The superuser's URL for a database (the team admin in tests). */
  url(database?: string, user?: string, password?: string): string
  createDatabase(name: string): Promise<void>
  stop(): void
  start(): void
  /** Stops the server for good and removes its files. */
  destroy(): void
  /** `pg_dump --create` of a database into a file of the server's folder (the file's path). */
  dump(database: string): string
  /** Drops the database (WITH FORCE: its connections end) and makes it again from a `dump`, its rights included. */
  restore(file: string, database: string): void
  /** With `tlsOnly`: the server's self-signed certificate, for a client's sslrootcert. */
  caFile: string | null
}

const SUPERUSER = 'team_owner'
const PASSWORD = 'owner-secret'

/** The newest installed PostgreSQL's bin folder, or null (the reason is in `postgresMissing()`). */
export function postgresBin(): string | null {
  if (process.env.SPANWRIGHT_PG_BIN) return process.env.SPANWRIGHT_PG_BIN
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  return versions.length ? path.join(root, versions[0], 'bin') : null
}

/** Why the team tests cannot run here (they skip), or null. On CI (CI set) a missing server is a failure, never a skip. */
export function postgresMissing(): string | null {
  let reason: string | null = null
  if (!postgresBin()) reason = 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does it): the team tests need a real server'
  else if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) reason = 'running as root and there is no postgres user to run PostgreSQL as'
  if (reason && process.env.CI) throw new Error(`${reason} (on CI the team tests must run)`)
  return reason
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

/** Runs one of PostgreSQL's programs in `dir`, as the `postgres` user under root. */
function runAs(bin: string, dir: string, cmd: string, args: string[]): string {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args]
  return execFileSync(file, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
}

/** A fresh folder the server's programs can use (owned by `postgres` under root), with the superuser's password file. */
function serverFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.writeFileSync(path.join(dir, 'pw'), PASSWORD)
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir])
  return dir
}

function initdb(bin: string, dir: string, data: string): void {
  runAs(bin, dir, 'initdb', ['-D', data, '-U', SUPERUSER, '--pwfile', path.join(dir, 'pw'), '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync'])
}

/**
 * A new server's data folder. Inside a test run's own temp folder (runTempRoot.ts) the run's first server keeps a
 * pristine copy of what initdb made and later ones copy it (initdb is most of a server's start); each server still
 * has a cluster of its own. Two workers making it at once: the first rename wins, the other's copy is dropped.
 */
function newDataFolder(bin: string, dir: string, data: string): void {
  if (!path.basename(os.tmpdir()).startsWith('spanwright-run-')) return initdb(bin, dir, data)
  const template = path.join(os.tmpdir(), `spanwright-pg-template-${path.basename(path.dirname(bin))}`)
  if (!fs.existsSync(template)) {
    const making = serverFolder('spanwright-pg-template-making-')
    initdb(bin, making, path.join(making, 'data'))
    try {
      fs.renameSync(making, template)
    } catch {
      fs.rmSync(making, { recursive: true, force: true }) // another worker's came first
    }
  }
  execFileSync('cp', ['-a', path.join(template, 'data'), data])
}

export async function startPostgres(opts: { tlsOnly?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBin()
  if (!bin) throw new Error(postgresMissing()!)
  const asRoot = process.getuid?.() === 0
  const dir = serverFolder('spanwright-pg-')
  const data = path.join(dir, 'data')
  const run = (cmd: string, args: string[]) => runAs(bin, dir, cmd, args)
  newDataFolder(bin, dir, data)
  if (opts.tlsOnly) {
    // Self-signed, for the address the tests connect to (an IP is checked against the subjectAltName, not the CN).
    execFileSync(
      'openssl',
      ['req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(data, 'server.key'), '-out', path.join(data, 'server.crt')],
      { stdio: 'ignore' },
    )
    // The certificate a client trusts to verify this server (sslrootcert), readable outside the server's data dir.
    fs.copyFileSync(path.join(data, 'server.crt'), path.join(dir, 'ca.crt'))
    fs.chmodSync(path.join(dir, 'ca.crt'), 0o644)
    fs.chmodSync(path.join(data, 'server.key'), 0o600)
    if (asRoot) execFileSync('chown', ['postgres:postgres', path.join(data, 'server.key'), path.join(data, 'server.crt')])
    fs.appendFileSync(path.join(data, 'postgresql.conf'), "\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
    // TLS or nothing: plain TCP connections find no pg_hba line that lets them in.
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n')
  }
  const port = await freePort()
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=120`
  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    caFile: opts.tlsOnly ? path.join(dir, 'ca.crt') : null,
    url: (database = 'postgres', user = SUPERUSER, password = PASSWORD) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      run('psql', ['-h', dir, '-p', String(port), '-U', SUPERUSER, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE "${name}"`])
    },
    dump(database) {
      const file = path.join(dir, `${database}-${Date.now()}.dump`)
      run('pg_dump', ['-h', dir, '-p', String(port), '-U', SUPERUSER, '-Fc', '--create', '-f', file, database])
      return file
    },
    restore(file, database) {
      run('psql', ['-h', dir, '-p', String(port), '-U', SUPERUSER, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE "${database}" WITH (FORCE)`])
      run('pg_restore', ['-h', dir, '-p', String(port), '-U', SUPERUSER, '--create', '--exit-on-error', '-d', 'postgres', file])
    },
    start() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start'])
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    destroy() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  server.start()
  return server
}
