import { describe, expect, it } from 'vitest'
import { openStore } from '../../../../src/main/store/store'
import { canWriteNow, isBusyError } from '../../../../src/main/store/writeProbe'
import { tempStore } from '../../../helpers/tempWorkspace'

/** The probe a waiting team sync uses: two real connections to one workspace file, as the app's workers hold them. */
describe('canWriteNow', () => {
  it('is false while another connection holds a write transaction, true once it commits, and leaves the connection’s busy timeout as it was', () => {
    const { store: writer, file } = tempStore()
    const other = openStore(file, { lock: false, rollingBackups: false, busyTimeoutMs: 250 })
    try {
      expect(canWriteNow(other.db)).toBe(true)
      writer.db.exec('BEGIN IMMEDIATE')
      writer.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('probe.test', '1')
      expect(canWriteNow(other.db)).toBe(false)
      expect(other.db.pragma('busy_timeout', { simple: true })).toBe(250)
      // What a sync's own write meets meanwhile: SQLITE_BUSY, which the sync service recognises.
      let thrown: unknown
      try {
        other.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('probe.other', '1')
      } catch (e) {
        thrown = e
      }
      expect(isBusyError(thrown)).toBe(true)
      expect(isBusyError(new Error('database is locked'))).toBe(false)
      writer.db.exec('COMMIT')
      expect(canWriteNow(other.db)).toBe(true)
      // The probe wrote nothing.
      expect(other.db.prepare('SELECT count(*) AS n FROM settings WHERE key LIKE ?').get('probe.%')).toEqual({ n: 1 })
    } finally {
      other.close()
      writer.close()
    }
  })
})
