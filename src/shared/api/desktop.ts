import { z } from 'zod'
import { EXPORT_FORMAT_NAMES } from './methods/transfer'
import type { FormatName } from '../formats/formatCodec'

/**
 * The `desktop.*` methods: native dialogs and the file manager, answered by
 * Electron's main process itself (src/main/electron/desktopMethods.ts), never
 * by the API worker or the HTTP server. Paths cross, never file contents.
 */
export const desktopMethods = {
  /** The open dialog for an import: the chosen files' paths (empty when cancelled). */
  'desktop.chooseImportFiles': z.strictObject({}),
  /** The save dialog for an export of `format`: the chosen path, or null when cancelled. */
  'desktop.chooseExportPath': z.strictObject({ format: z.enum(EXPORT_FORMAT_NAMES as [FormatName, ...FormatName[]]) }),
  /** Shows a file (an export, a backup) selected in the system's file manager. */
  'desktop.showInFolder': z.strictObject({ path: z.string().min(1).max(4096) }),
} as const

export type DesktopMethod = keyof typeof desktopMethods
export interface DesktopResults {
  'desktop.chooseImportFiles': { paths: string[] }
  'desktop.chooseExportPath': { path: string | null }
  'desktop.showInFolder': { shown: boolean }
}

export function isDesktopMethod(m: unknown): m is DesktopMethod {
  return typeof m === 'string' && Object.hasOwn(desktopMethods, m)
}
