import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/main/cli/command'
import { main } from '../../src/main/cli/main'
import { importFiles } from '../../src/main/services/import/importFiles'
import { listBackups } from '../../src/main/store/backups'
import { openStore } from '../../src/main/store/store'
import { lockFileOf } from '../../src/main/store/workspaceLock'
import { SAMPLES_DIR, tempStore } from '../helpers/tempWorkspace'

/** A real workspace with the five sample articles, a backup of it, then closed. */
async function workspaceWithBackup() {
  const { store, file, dir } = tempStore()
  await importFiles(store, [SAMPLES_DIR], { annotator: null })
  const backup = await store.backup('manual')
  store.close()
  return { file, dir, backup }
}

/**
 * Overwrites 8 KB in the middle of the file with junk, as a bad sector or
 * a torn copy would. (SQLite keeps no checksums, so damage inside a text value
 * alone is invisible to it; whole pages take their headers and pointers with them.)
 */
function corruptMiddle(file: string): void {
  const size = fs.statSync(file).size
  expect(size).toBeGreaterThan(16 * 4096)
  const fd = fs.openSync(file, 'r+')
  try {
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096)
  } finally {
    fs.closeSync(fd)
  }
}

const damagedSiblings = (dir: string, file: string) => fs.readdirSync(dir).filter((n) => n.startsWith(`${path.basename(file)}.damaged-`))

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) }
}

describe('a damaged workspace file', () => {
  it('is moved aside, never deleted; the error names where it went and the latest backup', async () => {
    const { file, dir, backup } = await workspaceWithBackup()
    corruptMiddle(file)
    const damagedBytes = fs.readFileSync(file)
    let error: Error | null = null
    try {
      openStore(file)
    } catch (e) {
      error = e as Error
    }
    expect(error).not.toBeNull()
    const aside = damagedSiblings(dir, file).filter((n) => !n.endsWith('-wal') && !n.endsWith('-shm'))
    expect(aside).toHaveLength(1)
    const movedTo = path.join(dir, aside[0])
    expect(aside[0]).toMatch(/^test\.spanwright\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/)
    expect(fs.readFileSync(movedTo).equals(damagedBytes)).toBe(true) // every byte kept
    expect(fs.existsSync(file)).toBe(false)
    expect(error!.message).toContain(`${file}: the workspace file is damaged`)
    expect(error!.message).toContain(`moved aside to ${movedTo}`)
    expect(error!.message).toContain(`The latest backup is ${backup}`)
    expect(fs.existsSync(lockFileOf(file))).toBe(false) // the failed open let go of its lock
  })

  it('a file that is not a database at all is moved aside the same way', () => {
    const { store, file, dir } = tempStore()
    store.close()
    fs.writeFileSync(file, 'these are my notes, not a database\n'.repeat(200))
    expect(() => openStore(file)).toThrow(/the workspace file is damaged \(file is not a database\)\. Nothing was deleted/)
    expect(damagedSiblings(dir, file)).toHaveLength(1)
    expect(() => openStore(file)).not.toThrow() // the path is free again: a fresh workspace can be made there
  })

  it('CLI: the message names both paths, and restore brings the backup back', async () => {
    const { file, dir, backup } = await workspaceWithBackup()
    corruptMiddle(file)
    const io = captureIo()
    // export only reads: it leaves the damaged file where it is, and offers the backup.
    expect(await main(['export', '--format', 'jsonl', '--db', file, '--out', path.join(dir, 'out.jsonl')], io)).toBe(1)
    expect(damagedSiblings(dir, file)).toEqual([])
    expect(io.errors.join('\n')).toContain(`spanwright restore --db ${JSON.stringify(file)} --from ${JSON.stringify(backup)}`)
    // A writer (import) moves it aside and names both paths.
    const imp = captureIo()
    expect(await main(['import', SAMPLES_DIR, '--db', file], imp)).toBe(1)
    const movedTo = path.join(dir, damagedSiblings(dir, file).find((n) => !n.endsWith('-wal') && !n.endsWith('-shm'))!)
    expect(imp.errors.join('\n')).toContain(movedTo)
    expect(imp.errors.join('\n')).toContain(`spanwright restore --db ${JSON.stringify(file)} --from ${JSON.stringify(backup)}`)
    const restore = captureIo()
    expect(await main(['restore', '--db', file, '--from', backup], restore)).toBe(0)
    const store = openStore(file)
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 5 })
    store.close()
    expect(fs.existsSync(movedTo)).toBe(true)
    expect(listBackups(file).length).toBeGreaterThanOrEqual(1)
  })
})
