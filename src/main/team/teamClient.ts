import type pg from 'pg'
import type { TeamMember } from '../../shared/team/mergeRules'
import { newerServerError, SERVER_SCHEMA_VERSION } from './serverMigrations'

export interface TeamConnection {
  client: pg.Client
  /** user@host:port/db, never the password. */
  where: string
  database: string
  me: TeamMember & { admin: boolean }
  /** The team database's own id (team schema 10), which a database made again under the same name does not keep. */
  teamId: string
}

/** The URL as it may be printed: without its password. */
export function describeServer(url: string): { where: string; database: string; user: string } {
  const shape = 'postgres://NAME:PASSWORD@HOST:5432/DATABASE'
  let u: URL
  try {
    u = new URL(url)
  } catch {
    // A port out of range (99999) or not a number lands here too: it is no URL at all.
    throw new Error(`--server is a postgres:// URL, such as ${shape} (the port a number from 1 to 65535)`)
  }
  // Another scheme would reach the server all the same (pg reads only host, port, user and database) and fail in
  // misleading words. (socket: is pg's own, for a server's unix socket.)
  if (!['postgres:', 'postgresql:', 'socket:'].includes(u.protocol)) throw new Error(`--server is a postgres:// URL (not ${u.protocol}//), such as ${shape}`)
  const user = decodeURIComponent(u.username)
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || user
  return { where: `${user ? `${user}@` : ''}${u.hostname}:${u.port || '5432'}/${database}`, database, user }
}

const LOST = /Connection terminated|ECONNRESET|EPIPE|socket hang up|server closed the connection/i

/** A connection error in words: which server, and what to do. */
export function plainConnectionError(e: unknown, where: string): Error {
  const err = e as { code?: string; message?: string }
  const msg = err.message ?? String(e)
  switch (err.code) {
    case '28P01':
      return new Error(`${where}: wrong password (or no such user); the server refused to log in.`)
    case '3D000':
      return new Error(`${where}: there is no such database on that server.`)
    case '42501':
      if (/permission denied for database/i.test(msg))
        return new Error(`${where}: this user is not a member of this team database (it may connect only to its own team's); its admin adds members with spanwright team add-annotator.`)
      return new Error(`${where}: permission denied: ${msg}`)
    case 'ECONNREFUSED':
      return new Error(`${where}: the server is not reachable (connection refused); is PostgreSQL running there?`)
    case 'ENOTFOUND':
      return new Error(`${where}: no such host.`)
    case 'ETIMEDOUT':
      return new Error(`${where}: the server did not answer in time.`)
    case '57P01': // admin_shutdown, crash_shutdown: the server (or its admin) ended this connection
    case '57P02':
      return new Error(`${where}: the connection to the server was lost (${msg}); try again when it is back (a sync resumes where it stopped).`)
    case '57P03':
      return new Error(`${where}: the server is starting up or shutting down (${msg}); try again in a moment.`)
    case '28000':
      if (/no encryption/i.test(msg))
        return new Error(
          `${where}: the server accepts only TLS connections; add ?sslmode=verify-full to the URL (and &sslrootcert=FILE, the certificate of the authority that signed the server's, when this computer does not already trust it).`,
        )
      return new Error(`${where}: the server refused the login: ${msg}`)
  }
  const tls = plainTlsError(err.code, msg, where)
  if (tls) return tls
  if (/does not support SSL/i.test(msg)) return new Error(`${where}: the server does not offer TLS; remove sslmode from the URL or enable ssl on the server.`)
  if (LOST.test(msg)) return new Error(`${where}: the connection to the server was lost (${msg}); try again when it is back (a sync resumes where it stopped).`)
  return new Error(`${where}: ${msg}`)
}

/**
 * An error met after connecting, in words when the connection itself went (the server dropped it, restarted, or the
 * network went): which server, and that running sync again resumes. Any other error is answered unchanged.
 */
export function lostConnection(e: unknown, where: string): unknown {
  const err = e as { code?: string; message?: string } | null
  if (!err || typeof err !== 'object') return e
  if (err.code === '57P01' || err.code === '57P02' || err.code === '57P03') return plainConnectionError(e, where)
  const sqlState = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)
  return !sqlState && LOST.test(`${err.code ?? ''} ${err.message ?? ''}`) ? plainConnectionError(e, where) : e
}

// Node's codes for a certificate it could not trust (https://nodejs.org/api/tls.html, OpenSSL's X509_V_ERR_*).
const UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE'])

/** A TLS certificate check that failed, in words; the connection was closed before any password was sent. */
function plainTlsError(code: string | undefined, msg: string, where: string): Error | null {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new Error(
      `${where}: the server's TLS certificate is not for this host name (${msg}), so the connection was refused before logging in. Connect by a name the certificate lists, or ask the server's admin for a certificate that lists this one.`,
    )
  if (code && UNTRUSTED.has(code))
    return new Error(
      `${where}: the server's TLS certificate is not signed by an authority this computer trusts (${msg}), so the connection was refused before logging in. If the server has its own or a self-signed certificate, get it from the server's admin and add &sslrootcert=/path/to/that.crt to the URL.`,
    )
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return new Error(`${where}: the server's TLS certificate is not valid now (${msg}), so the connection was refused before logging in.`)
  return null
}

/**
 * TCP keepalive's first probe after this long without traffic. A NAT or firewall that forgets an idle connection
 * (commonly after 5 minutes or more) drops it silently: the probes keep the way open, and a connection whose peer is
 * gone is found by the operating system (its probes go unanswered) and ends, so the kept connection is replaced
 * rather than trusted. 30 s is well under such timeouts, and costs one empty packet per idle half minute.
 */
export const TEAM_KEEPALIVE_DELAY_MS = 30_000

/** The settings of every connection to a team server (sync, the Team screen, the admin commands). */
export function teamClientConfig(url: string): pg.ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: 15_000, application_name: 'spanwright', keepAlive: true, keepAliveInitialDelayMillis: TEAM_KEEPALIVE_DELAY_MS }
}

/**
 * pg, loaded at the first connection: only team sync and the team commands use it, and loading it (with the fetch
 * machinery its Cloudflare check wakes) cost 70-215 ms of CPU in every thread that imported it, each of a serve's
 * threads included (h96).
 */
export async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default
}

/** Builds the client; the URL's sslrootcert/sslcert/sslkey files are read here, so an unreadable one is named plainly. */
async function newClient(url: string, where: string): Promise<pg.Client> {
  const { Client } = await loadPg()
  try {
    return new Client(teamClientConfig(url))
  } catch (e) {
    const err = e as { code?: string; path?: string; message?: string }
    if (err.path) throw new Error(`${where}: cannot read ${err.path}, a TLS file the URL names (sslrootcert, sslcert or sslkey): ${err.code ?? err.message}.`)
    throw new Error(`${where}: ${err.message ?? String(e)}`)
  }
}

/** Opens a plain client (no schema check): for `team init` and the admin commands. */
export async function connect(url: string): Promise<{ client: pg.Client; where: string; database: string; user: string }> {
  const d = describeServer(url)
  const client = await newClient(url, d.where)
  // A server that goes away mid-sync reports through the query that fails; this keeps it from being an unhandled event.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (e) {
    await client.end().catch(() => undefined)
    throw plainConnectionError(e, d.where)
  }
  return { client, ...d }
}

/** Opens the team database and checks it is one this version can sync with (one query: the version and who I am). */
export async function openTeam(url: string): Promise<TeamConnection> {
  const c = await connect(url)
  try {
    const r = await c.client
      .query<{ version: number | null; me: string; reviewer: boolean; admin: boolean }>(
        `SELECT (SELECT max(version) FROM spanwright_schema_version) AS version, current_user AS me,
                pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER') AS reviewer, pg_has_role(current_user, 'spanwright_admin', 'MEMBER') AS admin`,
      )
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '42P01')
          throw new Error(`${c.where} is not a Spanwright team database (it has no spanwright_schema_version table). Create one with: spanwright team init --server URL`)
        throw e
      })
    const { version, me, reviewer, admin } = r.rows[0]
    if ((version ?? 0) > SERVER_SCHEMA_VERSION) throw newerServerError(c.where, version!)
    if ((version ?? 0) < SERVER_SCHEMA_VERSION) throw new Error(`${c.where} has team schema version ${version ?? 0}; an admin runs spanwright team init --server URL to bring it up to ${SERVER_SCHEMA_VERSION}.`)
    const id = await c.client.query<{ id: string }>('SELECT id::text AS id FROM team_identity')
    return { client: c.client, where: c.where, database: c.database, me: { name: me, reviewer, admin }, teamId: id.rows[0].id }
  } catch (e) {
    await c.client.end().catch(() => undefined)
    throw (e as { code?: string }).code ? plainConnectionError(e, c.where) : lostConnection(e, c.where)
  }
}
