/**
 * A team server's address as a person types it: `user@host:port/db`, or a
 * whole `postgres://user:password@host:port/db?sslmode=require` URL (what
 * `team add-annotator` prints). The password, if the URL carries one, is split
 * off, so it is handled on its own and never kept with the address.
 */
export interface ServerAddress {
  /** postgres://user@host:port/db[?params], without a password: safe to store and show. */
  url: string
  /** user@host:port/db: how the address is shown and how a kept password is found. */
  where: string
  user: string
  /** The password found in the URL itself, if any. */
  password: string | null
}

/** Parses an address, or throws an Error that says what a good one looks like. */
export function parseServerAddress(input: string): ServerAddress {
  const text = input.trim()
  const hint = 'a team server is user@host:port/database (or a postgres:// URL), e.g. alice@db.lab.org:5432/team'
  if (!text) throw new Error(`the address is empty: ${hint}`)
  const withScheme = /^postgres(ql)?:\/\//i.test(text) ? text : `postgres://${text}`
  let u: URL
  try {
    u = new URL(withScheme)
  } catch {
    throw new Error(`${JSON.stringify(text)} is not an address: ${hint}`)
  }
  const user = safeDecode(u.username)
  const database = safeDecode(u.pathname.replace(/^\//, ''))
  if (!user) throw new Error(`${JSON.stringify(text)} names no user: ${hint}`)
  if (!u.hostname) throw new Error(`${JSON.stringify(text)} names no host: ${hint}`)
  if (!database || database.includes('/')) throw new Error(`${JSON.stringify(text)} names no database: ${hint}`)
  const password = u.password ? safeDecode(u.password) : null
  u.password = ''
  const port = u.port || '5432'
  const url = `postgres://${u.username}@${u.host}${u.pathname}${u.search}`
  return { url, where: `${user}@${u.hostname}:${port}/${database}`, user, password }
}

/** The URL a client connects with: the stored address and the password, which lives only in memory (or the OS keychain). */
export function withPassword(url: string, password: string): string {
  const u = new URL(url)
  u.password = password
  return u.toString()
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
