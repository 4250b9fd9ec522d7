export { seeded } from '../helpers/seededRandom'
/** Shared helpers for the benchmarks: medians, timing, and the one-line JSON report. */
export const QUICK = process.argv.includes('--quick') || process.env.SPANWRIGHT_BENCH_QUICK === '1'

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

/** Runs fn `runs` times (after one warm-up) and returns each duration in ms. */
export function timeRuns(runs: number, fn: (i: number) => void): number[] {
  fn(-1)
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn(i)
    out.push(performance.now() - t0)
  }
  return out
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

/** Prints the benchmark's result as the last stdout line (read by scripts/bench.mjs). */
export function report(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result))
}

