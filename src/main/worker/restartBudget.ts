/** At most `max` restarts in any `windowMs`: a worker that keeps dying is reported, not restarted forever. */
export class RestartBudget {
  private readonly times: number[] = []

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records a restart at `now` if the budget allows it. */
  allow(now: number): boolean {
    while (this.times.length && this.times[0] <= now - this.windowMs) this.times.shift()
    if (this.times.length >= this.max) return false
    this.times.push(now)
    return true
  }
}
