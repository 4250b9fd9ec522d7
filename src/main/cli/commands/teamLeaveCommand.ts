import fs from 'node:fs'
import path from 'node:path'
import { parseServerAddress } from '../../../shared/team/serverAddress'
import { CredentialVault } from '../../services/team/credentialVault'
import type { Cipher } from '../../services/team/credentialVault'
import { leaveTeam } from '../../store/teamLeave'
import { userDataDir } from '../../workspace/paths'
import type { CliIo } from '../command'
import { openWorkspace, workspaceFileOf } from '../workspaceOption'

/**
 * `team leave [--db FILE]`: the workspace stops being a team member. Its
 * documents and annotations stay; its sync state goes (see leaveTeam). A
 * missing file is not created just to say it is in no team.
 */
export async function leaveFromCli(db: string | undefined, out: CliIo): Promise<number> {
  const file = workspaceFileOf(db)
  if (db !== undefined && !fs.existsSync(file)) throw new Error(`team leave: there is no workspace at ${file}`)
  const store = await openWorkspace(db, { samples: false })
  try {
    const server = store.settings.get('team.server')
    const r = leaveTeam(store.db)
    out.log(`left the team${r.team ? ` at ${r.team}` : ''}: this workspace keeps its documents, annotations and gold, and no longer records changes for sync`)
    if (server && forgetKeptPassword(server)) out.log('the team password the desktop app kept for this server is forgotten')
    if (r.unpushed)
      out.log(`${r.unpushed} change${r.unpushed === 1 ? ' was' : 's were'} never pushed: kept here, and pushed if this workspace syncs with that team again`)
    out.log('to rejoin: spanwright sync --server URL (only what changed since is pushed when it is the same team)')
    return 0
  } finally {
    store.close()
  }
}

/** The CLI has no keychain: forgetting an entry needs none (the entry is removed, never decrypted). */
const NO_KEYCHAIN: Cipher = {
  available: () => false,
  encrypt: () => {
    throw new Error('no keychain in the command line')
  },
  decrypt: () => {
    throw new Error('no keychain in the command line')
  },
}

/**
 * The desktop app keeps the team password, encrypted by the OS keychain, in the user's folder
 * (team-credentials.json, keyed by user@host:port/database): leaving from the command line forgets it there too,
 * as the app's own Leave does. True when there was one.
 */
function forgetKeptPassword(server: string): boolean {
  let where: string
  try {
    where = parseServerAddress(server).where
  } catch {
    return false
  }
  const vault = new CredentialVault(path.join(userDataDir(), 'team-credentials.json'), NO_KEYCHAIN)
  if (!vault.has(where)) return false
  vault.forget(where)
  return true
}
