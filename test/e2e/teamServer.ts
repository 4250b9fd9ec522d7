import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startPostgres } from '../helpers/postgresServer'
import type { PostgresServer } from '../helpers/postgresServer'

/**
 * What the e2e team specs share: the real CLI run as a user runs it, a real
 * PostgreSQL with a team database and its members (added by `team
 * add-annotator`, as a lab's admin adds them), and the Team screen's connect
 * form filled with a member's address and password.
 */

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/spanwright.mjs')

/** `spanwright ARGS` with `home` as the user's folder: its exit code, stdout and stderr. */
export function cliResult(home: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: home } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** `spanwright ARGS` that must succeed: its stdout. */
export function cli(home: string, args: string[]): string {
  const r = cliResult(home, args)
  if (r.code !== 0) throw new Error(`spanwright ${args.join(' ')} exited ${r.code}: ${r.err}`)
  return r.out
}

export interface E2eTeam {
  pg: PostgresServer
  /** The folder the desktops' workspaces and files live in (their SPANWRIGHT_HOME too). */
  dir: string
  /** Each member's connection URL, as add-annotator printed it. */
  url: Record<string, string>
  db(name: string): string
  /** `spanwright sync` of a member's workspace: what it printed. */
  sync(name: string): string
}

/** A team server for one describe: database `team`, its schema, and the members in order. Stop it with `pg.destroy()`. */
export async function startE2eTeam(prefix: string, members: Record<string, 'admin' | 'reviewer' | 'annotator'>): Promise<E2eTeam> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spanwright-e2e-${prefix}-`))
  const pg = await startPostgres()
  await pg.createDatabase('team')
  const admin = pg.url('team')
  cli(dir, ['team', 'init', '--server', admin])
  const url: Record<string, string> = {}
  for (const [name, role] of Object.entries(members))
    url[name] = cli(dir, ['team', 'add-annotator', name, ...(role === 'annotator' ? [] : [`--${role}`]), '--server', admin]).trim()
  const db = (name: string) => path.join(dir, `${name}.spanwright`)
  return { pg, dir, url, db, sync: (name) => cli(dir, ['sync', '--server', url[name], '--db', db(name)]) }
}

/** `user@host:port/db` and the password of a member's URL, as a person types them into the Team screen. */
export function typedAddress(memberUrl: string): { where: string; password: string } {
  const u = new URL(memberUrl)
  return { where: `${u.username}@${u.hostname}:${u.port}${u.pathname}`, password: decodeURIComponent(u.password) }
}

/** Connects the open Team screen as that member, syncs once, and waits for the screen to say so. */
export async function connectAndSync(page: Page, memberUrl: string): Promise<void> {
  const { where, password } = typedAddress(memberUrl)
  const connect = page.getByTestId('team-connect')
  await connect.getByLabel('Team server address').fill(where)
  await connect.getByLabel('Password').fill(password)
  await page.getByTestId('team-connect-button').click()
  await page.getByTestId('team-sync-now').click()
  await expect(page.getByTestId('team-status')).toContainText('Connected · synced')
}
