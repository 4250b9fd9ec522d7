import type { Store, StoreOpenOptions } from '../store/store'

/** What handlers need: the open store and facts about the process serving them. */
export interface ApiContext {
  store: Store
  version: string
  transport: 'ipc' | 'http'
  /** How this process opens its workspace (e.g. Electron's native binding), so a restore reopens it the same way. */
  openOptions?: StoreOpenOptions
  /** Set by createApiHandlers (liveHandlers.ts): rebuilds the handler table after `store` is replaced (handler groups capture the store when built). */
  storeReplaced?: () => void
}

