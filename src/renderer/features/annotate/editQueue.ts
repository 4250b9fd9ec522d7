import { newRequestId } from '../../api/client'
import { backoffMs, saveWithRetry } from './saveRetry'

/** One edit the store has not confirmed yet: what it is (in words), what it touches, and why it is still retrying. */
export interface PendingEdit<T = string> {
  key: number
  /** Plain words for the banner, e.g. `The deletion of PERSON “John Kerry”`. */
  what: string
  /** The item it touches, for marking it on screen (the annotate screen uses an EditTarget, see pendingMarks). */
  target: T
  /** Why the last attempt failed (null: in flight, no failure yet), and when the next one is. */
  problem: string | null
  retryInS: number | null
}

/**
 * A document's edits, saved one after another in the order they were made
 * (a note typed after a relabel lands after it; a delete after the update
 * before it). Each is retried with backoff until the store commits it or
 * refuses it, and the list of unconfirmed edits is published on every change
 * so the screen can mark them and say why they are not saved yet.
 */
export class EditQueue<T = string> {
  private tail: Promise<unknown> = Promise.resolve()
  private edits: PendingEdit<T>[] = []
  private nextKey = 1

  constructor(
    private readonly onChange: (edits: readonly PendingEdit<T>[]) => void,
    private readonly backoff: (attempt: number) => number = backoffMs,
  ) {}

  /** Edits not yet confirmed by the store, oldest first. */
  get pending(): readonly PendingEdit<T>[] {
    return this.edits
  }

  /**
   * Queues `save` after every edit queued before it; resolves with its result
   * once committed, rejects only when the store refuses it (the caller rolls
   * the screen back and says why). Every attempt is handed the same request
   * id, which `save` passes to `call(..., { requestId })`, so a retry of a
   * save whose answer was lost is not applied twice.
   */
  run<R>(what: string, target: T, save: (requestId: string) => Promise<R>): Promise<R> {
    const edit: PendingEdit<T> = { key: this.nextKey++, what, target, problem: null, retryInS: null }
    this.set([...this.edits, edit])
    const requestId = newRequestId()
    const result = this.tail.then(() =>
      saveWithRetry(
        () => save(requestId),
        (error, wait) => this.update(edit.key, error.message, wait / 1000),
        this.backoff,
      ),
    )
    const done = () => this.set(this.edits.filter((e) => e.key !== edit.key))
    // The next edit waits for this one whether it was saved or refused.
    this.tail = result.then(done, done)
    return result
  }

  private update(key: number, problem: string, retryInS: number): void {
    this.set(this.edits.map((e) => (e.key === key ? { ...e, problem, retryInS } : e)))
  }

  private set(edits: PendingEdit<T>[]): void {
    this.edits = edits
    this.onChange(edits)
  }
}
