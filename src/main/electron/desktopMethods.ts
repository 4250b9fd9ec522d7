import type { Dialog, Shell } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { desktopMethods, isDesktopMethod } from '../../shared/api/desktop'
import type { Reply } from '../../shared/api/errors'
import type { FormatName } from '../../shared/formats/formatCodec'
import { exportFileFilters, importFileFilters } from './fileFilters'

/** The parts of Electron the desktop methods use, so a test can pass plain objects. */
export interface DesktopDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>
  shell: Pick<Shell, 'showItemInFolder'>
  /** The window the dialogs belong to (modal), if any. */
  window: () => Electron.BaseWindow | null
  /** Where a save dialog starts (the last folder used, else Documents). */
  defaultFolder: () => string
}

/**
 * The `desktop.*` calls, answered in Electron's main process: native dialogs
 * and the file manager. Arguments are checked like every contract call, and
 * every failure is an error reply (data), as dispatch() does.
 */
export function desktopCall(deps: DesktopDeps) {
  return async (method: unknown, raw: unknown): Promise<Reply<unknown>> => {
    if (!isDesktopMethod(method)) return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${String(method)}` } }
    const parsed = desktopMethods[method].safeParse(raw ?? {})
    if (!parsed.success) return { ok: false, error: { code: 'bad_request', message: `${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ')}` } }
    try {
      const win = deps.window()
      if (method === 'desktop.chooseImportFiles') {
        const opts: Electron.OpenDialogOptions = { title: 'Import', properties: ['openFile', 'multiSelections'], filters: importFileFilters() }
        const r = win ? await deps.dialog.showOpenDialog(win, opts) : await deps.dialog.showOpenDialog(opts)
        return { ok: true, value: { paths: r.canceled ? [] : r.filePaths } }
      }
      if (method === 'desktop.chooseExportPath') {
        const format = (parsed.data as { format: FormatName }).format
        const filters = exportFileFilters(format)
        const opts: Electron.SaveDialogOptions = { title: 'Export', defaultPath: path.join(deps.defaultFolder(), `spanwright-${format}${filters[0]?.extensions[0] ? `.${filters[0].extensions[0]}` : ''}`), filters }
        const r = win ? await deps.dialog.showSaveDialog(win, opts) : await deps.dialog.showSaveDialog(opts)
        return { ok: true, value: { path: r.canceled || !r.filePath ? null : r.filePath } }
      }
      const file = (parsed.data as { path: string }).path
      if (!fs.existsSync(file)) return { ok: false, error: { code: 'not_found', message: `${file} is no longer on disk` } }
      deps.shell.showItemInFolder(file)
      return { ok: true, value: { shown: true } }
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: `internal error: ${e instanceof Error ? e.message : String(e)}` } }
    }
  }
}
