import type { Store } from '../store/store'

/** What handlers need: the open store and facts about the process serving them. */
export interface ApiContext {
  store: Store
  version: string
  transport: 'ipc' | 'http'
}
