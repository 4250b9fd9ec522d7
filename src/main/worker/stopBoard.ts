/** Slots of the board; a call uses slot `callId % SLOTS` and checks the full id, so an old stop never hits a new call. */
const SLOTS = 64
const CELLS = 4 // stop: callId asked to stop; owner: callId the next two cells belong to; done; total (-1: unknown)

/**
 * Memory shared by the host and the jobs worker (a SharedArrayBuffer), so a
 * cancel reaches a call in the middle of synchronous work: the worker's event
 * loop is blocked by an import's write transaction or an agreement run, so a
 * message would wait for it to end. The worker checks it (Atomics.load) at each
 * progress step, and writes how far it got for the host to read.
 */
export class StopBoard {
  private readonly cells: Int32Array

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(SLOTS * CELLS * Int32Array.BYTES_PER_ELEMENT)) {
    this.cells = new Int32Array(buffer)
  }

  private base(callId: number): number {
    return (callId % SLOTS) * CELLS
  }

  requestStop(callId: number): void {
    Atomics.store(this.cells, this.base(callId), callId)
  }

  stopRequested(callId: number): boolean {
    return Atomics.load(this.cells, this.base(callId)) === callId
  }

  /** The figures first, then the owner: a reader that sees its call as owner sees that call's figures. */
  report(callId: number, done: number, total: number | null): void {
    const b = this.base(callId)
    Atomics.store(this.cells, b + 2, done)
    Atomics.store(this.cells, b + 3, total ?? -1)
    Atomics.store(this.cells, b + 1, callId)
  }

  progressOf(callId: number): { done: number; total: number | null } | null {
    const b = this.base(callId)
    if (Atomics.load(this.cells, b + 1) !== callId) return null
    const total = Atomics.load(this.cells, b + 3)
    return { done: Atomics.load(this.cells, b + 2), total: total < 0 ? null : total }
  }
}
