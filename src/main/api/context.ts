import type { Store, StoreOpenOptions } from '../store/store'

/** What handlers need: the open store (read through this one reference at each call) and facts about the process serving them. */
export interface ApiContext {
  store: Store
  version: string
  transport: 'ipc' | 'http'
  /** How this process opens its workspace (e.g. Electron's native binding), so a restore reopens it the same way. */
  openOptions?: StoreOpenOptions
  /**
   * Set by createApiHandlers (liveHandlers.ts): this process opened `store` and may close and reopen it
   * (restore, new backup settings). Handlers read `ctx.store` at each call, so the table stays as built.
   */
  ownsStore?: boolean
}

