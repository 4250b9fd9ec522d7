/** What a long-running service (import, export, agreement) hears from its caller: where to report progress, and when to stop. */
export interface RunHooks<P> {
  onProgress?: (p: P) => void
  /** Checked between records; a cancelled run writes nothing. */
  signal?: AbortSignal
}
