import type { CliCommand } from '../command'
import { addAnnotator, initTeam, teamStatus } from '../../team/teamAdmin'
import { assignDocuments } from '../../team/teamAssignments'
import { addExistingMember } from '../../team/teamExistingMember'
import type { CliIo } from '../command'
import { printConflicts, resolveFromCli } from './teamConflicts'
import { teamStatusLines } from './teamStatusLines'
import { leaveFromCli } from './teamLeaveCommand'
import { localServerFromCli } from './teamLocalServerCommand'
import { pruneTombstones } from '../../team/teamPrune'

const USAGE =
  'team init --server ADMIN_URL | team add-annotator NAME --server ADMIN_URL [--reviewer] [--admin] [--existing] | team status --server URL | ' +
  'team assign|unassign --server ADMIN_URL --annotator NAME (--doc EXTERNAL_ID ... | --unassigned N) | team conflicts [--db FILE] [--json] | team resolve ID --keep server|mine [--db FILE] | team leave [--db FILE] | team prune --server ADMIN_URL [--forget-desktop ID] | team local-server [--dir DIR] [--port N]'

export const teamCommand: CliCommand = {
  name: 'team',
  usage: USAGE,
  summary:
    'a team workspace in PostgreSQL: init creates its schema; add-annotator creates a PostgreSQL role with a generated password and prints its connection URL on its own line (--existing: a role another team database on the same server made joins this team too, with its own password and its server-wide rights); status lists annotators, documents and progress (with assignments); assign gives documents to an annotator (named, or the first N nobody has), unassign withdraws them; ' +
    'conflicts lists the copies this workspace kept aside when a sync was refused or lost a race (--json: each copy whole, one per line); resolve settles one: --keep server leaves the server\'s version, --keep mine puts yours back for the next sync to push; ' +
    'leave takes the workspace out of its team: its data stays, its sync state and stored connection go, and a later sync rejoins, pushing only what changed since; prune drops the deleted gold items, gold change records and records of overwritten layer writes every registered desktop has already pulled past, and names the desktop furthest behind (--forget-desktop ID: one that stopped syncing for good no longer holds pruning back); local-server starts a PostgreSQL with a team database for a quick try on this machine (until Ctrl+C) and prints its admin URL',
  positionals: true,
  options: {
    server: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
    reviewer: { type: 'boolean', default: false },
    admin: { type: 'boolean', default: false },
    existing: { type: 'boolean', default: false },
    annotator: { type: 'string' },
    doc: { type: 'string', multiple: true },
    unassigned: { type: 'string' },
    keep: { type: 'string' },
    'forget-desktop': { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string' },
  },
  async run({ values, positionals, out }) {
    const [sub, ...args] = positionals
    // Checked before --server: `team`, `team statsu` or `team leave extra` were told to add --server, which would not help.
    const wanted = sub === undefined ? undefined : SUBCOMMAND_ARGUMENTS.get(sub)
    if (wanted === undefined || wanted !== args.length) {
      const why =
        sub === undefined
          ? 'team takes a subcommand (none given)'
          : wanted === undefined
            ? `no team subcommand ${JSON.stringify(sub)}`
            : `team ${sub} takes ${wanted === 0 ? 'no argument' : 'one argument'}, not ${args.length} (${args.map((a) => JSON.stringify(a)).join(' ') || 'none'})`
      out.error(`spanwright team: ${why}\nUsage: spanwright ${USAGE}`)
      return 2
    }
    if (sub === 'conflicts' && args.length === 0) return printConflicts(values.db as string | undefined, values.json === true, out)
    if (sub === 'resolve' && args.length === 1) return resolveFromCli(values.db as string | undefined, args[0], values.keep, out)
    if (sub === 'leave' && args.length === 0) return leaveFromCli(values.db as string | undefined, out)
    if (sub === 'local-server' && args.length === 0) return localServerFromCli(values.dir as string | undefined, values.port as string | undefined, out)
    const server = values.server as string | undefined
    if (!server) throw new Error(`team ${sub ?? ''} needs --server postgres://USER:PASSWORD@HOST:PORT/DATABASE`.replace('  ', ' '))
    if (sub === 'init' && args.length === 0) {
      const r = await initTeam(server)
      out.log(
        r.from === r.to ? `${r.where} already has the team schema (version ${r.to})` : `${r.where}: team schema created (version ${r.to})`,
      )
      return 0
    }
    if (sub === 'add-annotator' && args.length === 1) {
      const rights = { reviewer: values.reviewer === true, admin: values.admin === true }
      const url = values.existing ? await addExistingMember(server, args[0], rights) : await addAnnotator(server, args[0], rights)
      const roles = [rights.reviewer ? 'reviewer' : null, rights.admin ? 'admin' : null].filter(Boolean).join(', ')
      out.error(
        values.existing
          ? `${args[0]}${roles ? ` (${roles})` : ''} joined this team with the password they already have; their connection URL for it, to which they add that password:`
          : `added ${args[0]}${roles ? ` (${roles})` : ''}; their connection URL (it holds the password, shown once):`,
      )
      out.log(url)
      return 0
    }
    if ((sub === 'assign' || sub === 'unassign') && args.length === 0) return assign(server, sub === 'assign', values, out)
    if (sub === 'prune' && args.length === 0) return prune(server, values['forget-desktop'] as string | undefined, out)
    if (sub === 'status' && args.length === 0) {
      for (const line of teamStatusLines(await teamStatus(server))) out.log(line)
      return 0
    }
    out.error(`Usage: spanwright ${USAGE}`)
    return 2
  },
}

/** Each subcommand with how many words it takes after its name (add-annotator NAME, resolve ID). */
const SUBCOMMAND_ARGUMENTS = new Map<string, number>([
  ['init', 0], ['add-annotator', 1], ['status', 0], ['assign', 0], ['unassign', 0], ['conflicts', 0], ['resolve', 1],
  ['leave', 0], ['prune', 0], ['local-server', 0],
])

/** `team assign|unassign`: named documents (--doc, repeated) or, to assign, the first N nobody has (--unassigned N). */
async function assign(server: string, assigned: boolean, values: Record<string, unknown>, out: CliIo): Promise<number> {
  const annotator = values.annotator as string | undefined
  const docs = (values.doc as string[] | undefined) ?? []
  const n = values.unassigned as string | undefined
  const verb = assigned ? 'assign' : 'unassign'
  if (!annotator) throw new Error(`team ${verb} needs --annotator NAME (spanwright team status lists the team)`)
  if (docs.length && n !== undefined) throw new Error(`team ${verb}: give --doc EXTERNAL_ID ... or --unassigned N, not both`)
  if (n !== undefined && (!assigned || !/^[1-9]\d{0,6}$/.test(n))) {
    throw new Error(assigned ? `--unassigned takes a count from 1 to 9999999, not ${JSON.stringify(n)}` : 'team unassign takes --doc EXTERNAL_ID ...')
  }
  if (!docs.length && n === undefined) throw new Error(`team ${verb} needs --doc EXTERNAL_ID (repeat it for more) or --unassigned N`)
  const r = await assignDocuments(server, annotator, n !== undefined ? { unassigned: Number(n) } : { documents: docs }, assigned)
  out.log(`${r.where}: ${assigned ? 'assigned' : 'withdrew'} ${r.changed.length} document${r.changed.length === 1 ? '' : 's'} ${assigned ? 'to' : 'from'} ${annotator}`)
  for (const id of r.changed) out.log(`  ${id}`)
  return 0
}

/**
 * `team prune --server ADMIN_URL [--forget-desktop ID]`: drops the gold tombstones and change-log records every registered desktop has
 * pulled, and says who holds the rest back (with the id and last-seen time an admin needs to forget a dead desktop).
 */
async function prune(server: string, forgetDesktop: string | undefined, out: CliIo): Promise<number> {
  const r = await pruneTombstones(server, { forgetDesktop })
  const f = r.forgotten
  if (f) out.log(`${r.where}: forgot ${f.member}'s desktop ${f.id} (pulled up to ${f.cursor}, last seen ${f.seenAt}); if it syncs again, it first drops the deleted gold items it missed`)
  if (!r.desktops.length) {
    out.log(`${r.where}: no desktop has reported what it pulled yet (each does at its next sync); nothing pruned`)
    return 0
  }
  out.log(`${r.where}: pruned ${r.pruned} deleted gold item${r.pruned === 1 ? '' : 's'} every one of the ${r.desktops.length} registered desktops has pulled; ${r.kept} kept`)
  // Who holds the rest back: on gold items (tombstones, gold change records), else on the layer log.
  const { layersPruned, layersKept, goldPruned, goldKept } = r.logs
  const onLayers = !r.kept && !goldKept && layersKept > 0
  const behind = onLayers ? r.desktops.reduce((a, b) => (b.layerCursor < a.layerCursor ? b : a)) : r.desktops[0]
  const upTo = onLayers ? `the layers up to ${behind.layerCursor}` : `up to ${behind.cursor}`
  if (r.kept || goldKept || layersKept)
    out.log(
      `  the furthest behind: ${behind.member}'s desktop ${behind.id} (pulled ${upTo}, last seen ${behind.seenAt}); if it will never sync again: spanwright team prune --server ADMIN_URL --forget-desktop ${behind.id}`,
    )
  out.log(
    `  change logs: dropped ${layersPruned} record${layersPruned === 1 ? '' : 's'} of layer writes since overwritten and ${goldPruned} of gold changes every registered desktop has pulled past; ${layersKept + goldKept} kept`,
  )
  return 0
}
