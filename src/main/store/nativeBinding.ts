/**
 * The better-sqlite3 addon this thread loads, decided once at startup
 * (Electron: src/main/electron/nativeBinding.ts; a worker thread: from its
 * setup) before any store opens. Every connection the store makes (the
 * workspace, an imported workspace, a backup being checked or restored)
 * takes it from here, so none can load the Node-ABI addon inside Electron.
 * Unset (the CLI, tests): better-sqlite3's own build in node_modules.
 */
let chosen: string | undefined
let decided = false

export function useNativeBinding(file: string | undefined): void {
  if (decided && file !== chosen) throw new Error(`the SQLite addon was already chosen for this process (${chosen ?? 'the default build'}); it cannot change to ${file ?? 'the default build'}`)
  decided = true
  chosen = file
}

/** The addon for a connection: an explicit one (tests), else the one chosen at startup. */
export function nativeBindingFor(explicit?: string): string | undefined {
  return explicit ?? chosen
}
