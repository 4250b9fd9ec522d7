import { RETRYABLE_CODES } from '../../../shared/api/errors'
import type { ApiError } from '../../../shared/api/errors'

/** Waits between attempts: 0.5 s, 1 s, 2 s … up to 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt)
}

/**
 * An error the server answered with (bad arguments, a refused constraint, a
 * missing item) will not change on a retry; anything else (the server
 * unreachable, a dropped connection, the workspace unwritable for now, an
 * internal failure) might.
 */
export function isRefusal(e: unknown): boolean {
  // An ApiCallError carries the server's reply (checked by shape: this file stays free of the transport).
  const code = (e as { error?: Partial<ApiError> } | null)?.error?.code
  return typeof code === 'string' && !(RETRYABLE_CODES as readonly string[]).includes(code)
}

/**
 * Runs `save` until it succeeds or is refused, waiting longer after each
 * transient failure and telling `onRetry` about each, so no edit is silently
 * dropped (it keeps trying even if the screen is left). A refusal is rethrown
 * for the caller to show.
 */
export async function saveWithRetry<T>(
  save: () => Promise<T>,
  onRetry: (error: Error, waitMs: number, attempt: number) => void,
  backoff: (attempt: number) => number = backoffMs,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await save()
    } catch (e) {
      if (isRefusal(e)) throw e
      const wait = backoff(attempt)
      onRetry(e as Error, wait, attempt + 1)
      await new Promise((r) => setTimeout(r, wait))
    }
  }
}
