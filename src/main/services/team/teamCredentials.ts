import type { Reply } from '../../../shared/api/errors'
import type { TeamSyncState } from '../../../shared/api/methods/team'
import { parseServerAddress } from '../../../shared/team/serverAddress'
import type { CredentialVault } from './credentialVault'

/** An API call as the transports forward it (the worker host's `call`). */
export type ForwardCall = (method: unknown, args: unknown, requestId?: unknown) => Promise<Reply<unknown>>

function isState(v: unknown): v is TeamSyncState {
  return !!v && typeof v === 'object' && 'passwordKept' in v && 'connected' in v
}

/**
 * The desktop's team password in the OS keychain (Electron's safeStorage,
 * through `vault`), around the API worker, which holds it in memory only: a
 * successful `team.connect` keeps it (encrypted), `team.disconnect` forgets
 * it, and `restore()` reconnects a workspace that names a server whose
 * password is kept. States sent to the window say where the password is.
 */
export function withTeamCredentials(
  call: ForwardCall,
  vault: CredentialVault,
  opts: { now?: () => number; retryMs?: number } = {},
): { call: ForwardCall; restore(): Promise<void> } {
  const now = opts.now ?? Date.now
  const retryMs = opts.retryMs ?? 30_000
  let lastRestore = -Infinity
  let restoring: Promise<void> | null = null
  const mark = (reply: Reply<unknown>): Reply<unknown> => {
    if (!reply.ok) return reply
    const v = reply.value
    const state = isState(v) ? v : v && typeof v === 'object' && 'state' in v && isState((v as { state: unknown }).state) ? (v as { state: TeamSyncState }).state : null
    if (state?.connected && state.where && vault.has(state.where)) state.passwordKept = 'keychain'
    // Not connected although the password is kept (the API worker was restarted, or the first reconnect failed):
    // reconnect in the background, at most every `retryMs`. A disconnect through the app forgot it, so never that case.
    if (state && !state.connected && state.where && vault.has(state.where) && now() - lastRestore >= retryMs) void restore().catch(() => undefined)
    return reply
  }
  const wrapped: ForwardCall = async (method, args, requestId) => {
    // Leaving forgets the kept password as a disconnect does (the host disconnects before it leaves).
    if (method === 'team.disconnect' || method === 'team.leave') {
      const before = await call('team.state', {})
      const reply = await call(method, args, requestId)
      if (reply.ok && before.ok && isState(before.value) && before.value.where) vault.forget(before.value.where)
      return reply
    }
    const reply = await call(method, args, requestId)
    if (method === 'team.connect' && reply.ok && isState(reply.value) && reply.value.where) {
      const a = args as { server: string; password: string }
      const password = a.password || parseServerAddress(a.server).password || ''
      vault.save(reply.value.where, password)
    }
    return typeof method === 'string' && method.startsWith('team.') ? mark(reply) : reply
  }
  const restore = (): Promise<void> =>
    (restoring ??= (async () => {
      lastRestore = now()
      const state = await call('team.state', {})
      if (!state.ok || !isState(state.value) || state.value.connected || !state.value.server || !state.value.where) return
      const password = vault.password(state.value.where)
      if (password === null) return
      // A server away at start still connects (sync retries). A password the server refuses is forgotten: it would only
      // be refused again (and repeated failed logins can lock an account), so the screen asks for the new one.
      const r = await call('team.connect', { server: state.value.server, password, autoSyncSeconds: state.value.autoSyncSeconds, keepTrying: true })
      if (!r.ok && /wrong password|refused the login/i.test(r.error.message)) vault.forget(state.value.where)
    })().finally(() => (restoring = null)))
  return { call: wrapped, restore }
}
