import fs from 'node:fs'
import path from 'node:path'

export const MAX_RECENT = 10

/** The list with `file` first, each file once, at most MAX_RECENT (pure). */
export function withRecent(list: readonly string[], file: string): string[] {
  const abs = path.resolve(file)
  return [abs, ...list.filter((f) => f !== abs)].slice(0, MAX_RECENT)
}

/** The recent list kept in a JSON file (the app's data folder); a missing or bad file is an empty list. */
export function readRecent(store: string): string[] {
  try {
    const v = JSON.parse(fs.readFileSync(store, 'utf8')) as unknown
    return Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)).slice(0, MAX_RECENT) : []
  } catch {
    return []
  }
}

export function writeRecent(store: string, list: readonly string[]): void {
  try {
    fs.writeFileSync(store, JSON.stringify(list, null, 2), { mode: 0o600 })
  } catch {
    // A list that cannot be saved is only a convenience lost, never a reason to fail.
  }
}
