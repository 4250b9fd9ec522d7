// One writer per workspace file, whatever name reaches it: a symlink or a hard link to
// an open workspace cannot open a second writer (in another process or in this one).
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/store/store'
import { lockFileOf } from '../../src/main/store/workspaceLock'
import { cli, exited, firstLine, spawnScript } from '../helpers/cliRun'
import { REPO_ROOT, tempDir, tempStore } from '../helpers/tempWorkspace'

const STORE = path.join(REPO_ROOT, 'src', 'main', 'store', 'store.ts')
const SAMPLES = path.join(REPO_ROOT, 'resources', 'samples')
const children: ChildProcess[] = []

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && !c.signalCode) {
      c.kill('SIGKILL')
      await exited(c)
    }
  }
})

async function holdOpen(file: string): Promise<ChildProcess> {
  const child = spawnScript(`const { openStore } = await import(${JSON.stringify(STORE)}); openStore(process.argv[2]); console.log('open'); setInterval(() => {}, 1000)`, process.env, [file])
  children.push(child)
  expect(await firstLine(child)).toBe('open')
  return child
}

function closedWorkspace(): { dir: string; file: string } {
  const { store, dir, file } = tempStore()
  store.close()
  return { dir, file }
}

describe('the lock is keyed on the real file', () => {
  it('a symlink to a workspace another process has open is refused with "open in another window (pid N)"', async () => {
    const { dir, file } = closedWorkspace()
    const link = path.join(dir, 'link.spanwright')
    fs.symlinkSync(file, link)
    const holder = await holdOpen(file)
    expect(lockFileOf(link)).toBe(lockFileOf(file))
    expect(() => openStore(link, { lockWaitMs: 100 })).toThrow(`the workspace is open in another window (pid ${holder.pid})`)
    const r = cli(['import', SAMPLES, '--db', link])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`open in another window (pid ${holder.pid})`)
    expect(fs.existsSync(`${link}.lock`)).toBe(false)
  })

  it('the holder opened through a symlink also keeps the real name out', async () => {
    const { dir, file } = closedWorkspace()
    const link = path.join(dir, 'link.spanwright')
    fs.symlinkSync(file, link)
    const holder = await holdOpen(link)
    expect(() => openStore(file, { lockWaitMs: 100 })).toThrow(`open in another window (pid ${holder.pid})`)
  })

  for (const when of ['before', 'after'] as const) {
    it(`a hard link made ${when} the holder opened the workspace cannot open a second writer`, async () => {
      const { dir, file } = closedWorkspace()
      const other = path.join(dir, 'other-name.spanwright')
      if (when === 'before') fs.linkSync(file, other)
      const holder = await holdOpen(file)
      if (when === 'after') fs.linkSync(file, other)
      expect(() => openStore(other, { lockWaitMs: 100 })).toThrow(`the workspace is open in another window (pid ${holder.pid})`)
      const r = cli(['import', SAMPLES, '--db', other])
      expect(r.code).toBe(1)
      expect(r.err).toContain(`open in another window (pid ${holder.pid})`)
      // The refused name's own lock was taken back, and the holder's is untouched.
      expect(fs.existsSync(`${other}.lock`)).toBe(false)
      expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid).toBe(holder.pid)
      // Once the holder is gone, the other name opens normally.
      holder.kill('SIGTERM')
      await exited(holder)
      const s = openStore(other, { lockWaitMs: 0 })
      s.close()
    })
  }

  it('a hard link in another folder cannot open a second writer either, and a killed holder does not block it for ever', async () => {
    const { file } = closedWorkspace()
    const elsewhere = path.join(tempDir(), 'elsewhere.spanwright')
    fs.linkSync(file, elsewhere)
    const holder = await holdOpen(file)
    expect(() => openStore(elsewhere, { lockWaitMs: 100 })).toThrow(`the workspace is open in another window (pid ${holder.pid})`)
    const r = cli(['import', SAMPLES, '--db', elsewhere])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`open in another window (pid ${holder.pid})`)
    expect(fs.existsSync(`${elsewhere}.lock`)).toBe(false)
    holder.kill('SIGKILL') // leaves both of its lock files behind
    await exited(holder)
    const s = openStore(elsewhere, { lockWaitMs: 0 })
    expect(() => openStore(file, { lockWaitMs: 0 })).toThrow(`open in another window (pid ${process.pid})`)
    s.close()
    openStore(file, { lockWaitMs: 0 }).close()
  })

  it('in one process: a second open through a symlink shares the lock; through a hard link it is refused', () => {
    const { dir, file } = closedWorkspace()
    const link = path.join(dir, 'link.spanwright')
    const hard = path.join(dir, 'hard.spanwright')
    fs.symlinkSync(file, link)
    fs.linkSync(file, hard)
    const first = openStore(file)
    const viaLink = openStore(link, { lockWaitMs: 0 })
    viaLink.close()
    expect(fs.existsSync(lockFileOf(file))).toBe(true)
    expect(() => openStore(hard, { lockWaitMs: 0 })).toThrow(`open in another window (pid ${process.pid})`)
    first.close()
    expect(fs.existsSync(lockFileOf(file))).toBe(false)
    openStore(hard, { lockWaitMs: 0 }).close()
  })
})
