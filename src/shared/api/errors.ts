/** Errors are data: every failure crosses the boundary as one of these codes. */
export type ErrorCode =
  | 'bad_request' // arguments failed validation
  | 'unknown_method'
  | 'not_found'
  | 'conflict' // e.g. the same document id with other text
  | 'invalid_input' // a file or record that cannot be imported
  | 'unauthorized'
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

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
