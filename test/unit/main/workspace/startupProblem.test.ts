// What the app offers at startup for each way the workspace can fail to open,
// fed the real errors the store throws (a really damaged file, a really held lock).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackupSync } from '../../../../src/main/store/backups'
import { openStore } from '../../../../src/main/store/store'
import { acquireWorkspaceLock, lockFileOf } from '../../../../src/main/store/workspaceLock'
import { startupProblemOf, startupProblemText } from '../../../../src/main/workspace/startupProblem'
import { tempDir } from '../../../helpers/tempWorkspace'

const openError = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected the open to fail')
}

const garbage = 'not a database at all, just enough bytes to look like a file that was overwritten. '.repeat(20)

describe('startupProblemOf', () => {
  it('a damaged workspace with a backup: restore it, start empty, or quit; the message says where the damaged file went', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const store = openStore(file)
    const backup = createBackupSync(store.db, file, 'manual')
    store.close()
    fs.writeFileSync(file, garbage)
    const problem = startupProblemOf(openError(() => openStore(file)), file)
    expect(problem.kind).toBe('damaged')
    expect(problem.choices.map((c) => c.action)).toEqual(['restore-latest', 'start-empty', 'quit'])
    expect(problem.choices.map((c) => c.label)).toEqual(['Restore latest backup', 'Start with an empty workspace', 'Quit'])
    expect(problem.latestBackup).toBe(backup)
    const movedTo = fs.readdirSync(path.dirname(file)).find((n) => n.startsWith('w.spanwright.damaged-'))
    expect(movedTo).toBeDefined()
    expect(problem.detail).toContain(path.join(path.dirname(file), movedTo!))
    expect(problem.detail).toContain(backup)
    expect(startupProblemText(problem)).toContain(`spanwright restore --db ${JSON.stringify(file)}`)
  })

  it('a damaged workspace without a backup offers no restore', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    fs.writeFileSync(file, garbage)
    const problem = startupProblemOf(openError(() => openStore(file)), file)
    expect(problem.kind).toBe('damaged')
    expect(problem.choices.map((c) => c.action)).toEqual(['start-empty', 'quit'])
    expect(problem.latestBackup).toBeNull()
    expect(problem.detail).toMatch(/There is no backup/)
  })

  it('a workspace locked by another live process: says it is open in another window (pid N); try again or quit', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    // Our parent process is alive and is not us: a real holder as another process would write it.
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }))
    const problem = startupProblemOf(openError(() => acquireWorkspaceLock(file, { waitMs: 0 })), file)
    expect(problem.kind).toBe('locked')
    expect(problem.title).toBe(`The workspace is open in another window (pid ${process.ppid}).`)
    expect(problem.choices.map((c) => c.action)).toEqual(['retry', 'quit'])
    expect(problem.latestBackup).toBeNull()
  })

  it('a locked workspace, as serve prints it: the lock problem once (it was the title, the message and two instructions)', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }))
    const text = startupProblemText(startupProblemOf(openError(() => acquireWorkspaceLock(file, { waitMs: 0 })), file))
    expect(text).toBe(
      `${file}: the workspace is open in another window (pid ${process.ppid}). Close it there first; if that program is gone, delete ${lockFileOf(file)}.`,
    )
    expect(text.match(/open in another window/g)).toHaveLength(1)
  })

  it('any other failure: names the file and the reason, and offers only Quit', () => {
    const problem = startupProblemOf(new Error('EACCES: permission denied'), '/data/w.spanwright')
    expect(problem.kind).toBe('other')
    expect(problem.detail).toBe('/data/w.spanwright: EACCES: permission denied')
    expect(problem.choices.map((c) => c.action)).toEqual(['quit'])
  })

  it('Quit is always the last choice (the dialog maps Escape to it)', () => {
    for (const e of [new Error('x'), { details: { lockFile: '/a.lock', holder: null } }, { details: { file: '/a', movedTo: '/b', reason: 'r', latestBackup: '/c' } }]) {
      expect(startupProblemOf(e, '/a').choices.at(-1)?.action).toBe('quit')
    }
  })
})
