/** Errors are data: every failure crosses the boundary as one of these codes. */
export type ErrorCode =
  | 'bad_request' // arguments failed validation
  | 'unknown_method'
  | 'not_found'
  | 'conflict' // e.g. the same document id with other text
  | 'invalid_input' // a file or record that cannot be imported
  | 'unauthorized'
  | 'unavailable' // the workspace could not be written now (disk full, locked, read-only): retry later
  | 'cancelled' // the caller asked a long call (agreement) to stop; nothing was changed
  | 'internal'

export interface ApiError {
  code: ErrorCode
  message: string
  details?: unknown
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** Thrown by services; dispatch turns it into an error reply. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** Codes a caller may retry: the same request can succeed later, unlike a refusal. */
export const RETRYABLE_CODES: readonly ErrorCode[] = ['unavailable', 'internal']

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
