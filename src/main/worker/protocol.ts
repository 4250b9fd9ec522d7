import type { Reply } from '../../shared/api/errors'
import type { JobStatus } from '../../shared/api/methods/transfer'
import type { StoreOpenOptions } from '../store/store'
import type { TeamMemory } from '../services/team/teamMemory'

/** What the host hands the worker when it starts it (structured-cloned, so plain data only). */
export interface WorkerSetup {
  file: string
  version: string
  transport: 'ipc' | 'http'
  /** How to open the workspace. */
  openOptions: StoreOpenOptions
  /** The SQLite addon the process decided at startup (src/main/electron/nativeBinding.ts); a thread has its own module state, so it is installed again here. */
  nativeBinding?: string
  /** The jobs worker: runs below the app's priority where the OS sets it per thread (Linux), so a big import yields the CPU to the app's calls. */
  background?: boolean
  /** The jobs worker: memory shared with the host, where a cancel reaches a call mid-way (see StopBoard). */
  stopBoard?: SharedArrayBuffer
}

/** Host → worker: an API call, or the file a finished export offers (the HTTP download route). */
export type ToWorker =
  /** `encode`: answer a success as JSON bytes (`reply-encoded`), for a transport that sends JSON (HTTP). */
  | { type: 'call'; id: number; method: unknown; args: unknown; requestId?: unknown; encode?: boolean }
  | { type: 'download'; id: number; job: string; n: number }
  | { type: 'running-job'; id: number }
  | { type: 'close'; id: number }

export interface DownloadFileInfo {
  name: string
  path: string
}

/** Worker → host: ready once the store is open; a failure to open is reported, never thrown away. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'open-failed'; message: string }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  /** A success reply as UTF-8 JSON, its buffer transferred (not copied) to the host. */
  | { type: 'reply-encoded'; id: number; encoded: Uint8Array }
  | { type: 'download'; id: number; file: DownloadFileInfo | null }
  | { type: 'running-job'; id: number; kind: string | null }
  | { type: 'closed'; id: number }
  /** A job's status changed (throttled while it runs); `callId` is the call that started it. */
  | { type: 'job'; status: JobStatus; callId: number | null }
  /** What team sync holds in memory changed (the jobs worker runs sync; the host answers `team.state` with it). */
  | { type: 'team'; memory: TeamMemory }
