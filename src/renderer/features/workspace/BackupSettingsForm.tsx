import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import type { BackupSettingsPatch, WorkspaceSettings } from '../../../shared/api/methods/workspace'
import { BACKUP_INTERVAL_MINUTES, BACKUP_KEEP } from '../../../shared/api/methods/workspace'

interface Props {
  settings: WorkspaceSettings
  onSave: (patch: BackupSettingsPatch) => Promise<void>
}

/** A whole number within bounds, or the reason it is not (checked here too, so Save never sends a value the server refuses). */
function parseBound(text: string, b: { min: number; max: number }, what: string): number | string {
  const n = Number(text)
  if (text.trim() === '' || !Number.isInteger(n)) return `${what} must be a whole number`
  if (n < b.min || n > b.max) return `${what} must be between ${b.min} and ${b.max}`
  return n
}

/** Rolling backup settings: how often (minutes of activity) and how many to keep. */
export function BackupSettingsForm({ settings, onSave }: Props) {
  const [interval, setIntervalText] = useState(String(settings.intervalMinutes))
  const [keep, setKeep] = useState(String(settings.keep))
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    setIntervalText(String(settings.intervalMinutes))
    setKeep(String(settings.keep))
  }, [settings.intervalMinutes, settings.keep])

  const i = parseBound(interval, BACKUP_INTERVAL_MINUTES, 'The interval')
  const k = parseBound(keep, BACKUP_KEEP, 'The number kept')
  const problem = typeof i === 'string' ? i : typeof k === 'string' ? k : null
  const changed = i !== settings.intervalMinutes || k !== settings.keep

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (problem || !changed || typeof i !== 'number' || typeof k !== 'number') return
    setSaving(true)
    try {
      await onSave({ intervalMinutes: i, keep: k })
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="ws-settings" onSubmit={save} data-testid="backup-settings">
      <label className="ws-field">
        <span className="ws-field-label">Back up every</span>
        <span className="ws-field-input">
          <input type="number" inputMode="numeric" min={BACKUP_INTERVAL_MINUTES.min} max={BACKUP_INTERVAL_MINUTES.max} value={interval} onChange={(e) => setIntervalText(e.target.value)} data-testid="backup-interval" />
          <span className="ws-unit">minutes of activity</span>
        </span>
      </label>
      <label className="ws-field">
        <span className="ws-field-label">Keep the last</span>
        <span className="ws-field-input">
          <input type="number" inputMode="numeric" min={BACKUP_KEEP.min} max={BACKUP_KEEP.max} value={keep} onChange={(e) => setKeep(e.target.value)} data-testid="backup-keep" />
          <span className="ws-unit">backups</span>
        </span>
      </label>
      <div className="ws-settings-actions">
        <button type="submit" className="btn btn-primary" disabled={!!problem || !changed || saving} data-testid="save-backup-settings">
          {saving ? 'Saving…' : 'Save'}
        </button>
        {problem ? <span className="ws-error-inline">{problem}</span> : <span className="muted ws-hint">Older backups beyond the count are removed at the next backup.</span>}
      </div>
    </form>
  )
}
