import { z } from 'zod'
import { def, returns } from '../define'

/** One backup of the open workspace, as the app lists them. */
export interface WorkspaceBackup {
  name: string
  path: string
  /** ISO time it was taken. */
  createdAt: string
  /** auto, manual, before-migration, before-import or before-restore. */
  reason: string
  bytes: number
}

/** The open workspace's file and its backup settings. */
export interface WorkspaceSettings {
  file: string
  backupsDir: string
  /** Minutes of activity between rolling backups. */
  intervalMinutes: number
  /** How many backups are kept. */
  keep: number
}

/** What a restore did: the backup it took the data from, and where the replaced state went. */
export interface RestoreOutcome {
  restoredFrom: WorkspaceBackup
  /** The backup taken of the state just replaced (or where a damaged file was moved); null if there was no file. */
  previous: string | null
  /** The backup taken of the replaced state as the screen lists it (restorable by name); null if it is not a listed backup. */
  previousBackup: WorkspaceBackup | null
  /**
   * In a team: the annotator layers and gold items the replaced state had changed and not yet pushed. They are in
   * `previousBackup`; restoring it (then syncing) pushes them. Absent when there were none.
   */
  unpushed?: { layers: number; goldItems: number }
}

/** Bounds that keep the rolling backups useful: at least once a day, and a folder that cannot grow without end. */
export const BACKUP_INTERVAL_MINUTES = { min: 1, max: 1440 } as const
export const BACKUP_KEEP = { min: 1, max: 500 } as const

export const BackupSettingsPatch = z.strictObject({
  intervalMinutes: z.number().int().min(BACKUP_INTERVAL_MINUTES.min).max(BACKUP_INTERVAL_MINUTES.max).optional(),
  keep: z.number().int().min(BACKUP_KEEP.min).max(BACKUP_KEEP.max).optional(),
})
export type BackupSettingsPatch = z.infer<typeof BackupSettingsPatch>

export const workspaceMethods = {
  /** The open workspace's backups (the `backups/` folder beside it), newest first. */
  'workspace.backups.list': def(z.strictObject({}), returns<WorkspaceBackup[]>()),
  /** Takes an online backup now and returns it. */
  'workspace.backup': def(z.strictObject({}), returns<WorkspaceBackup>()),
  /** The workspace path and its backup settings. */
  'workspace.settings': def(z.strictObject({}), returns<WorkspaceSettings>()),
  /** Changes the backup interval and/or count; they apply at once (the workspace is reopened). */
  'workspace.updateSettings': def(BackupSettingsPatch, returns<WorkspaceSettings>()),
  /**
   * Replaces the workspace with one of its backups (by name, from `workspace.backups.list`).
   * The current state is backed up first; refused while an import or export runs.
   */
  'workspace.restore': def(z.strictObject({ name: z.string().min(1).max(400) }), returns<RestoreOutcome>()),
}
