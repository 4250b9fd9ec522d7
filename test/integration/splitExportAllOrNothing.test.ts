// A `--split` export wrote each part to a temp name and renamed it into place as soon as it was written, so a
// Ctrl+C during the second part, or a failure on it, left the first part behind: a train file with no dev file
// beside it, which a training script loads as if it were the export. An export is all or nothing: every part is
// written to a temp name, and all are renamed into place only when all are written.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { exportDataset, splitFileName } from '../../src/main/services/export/exportDataset'
import { parseSplit } from '../../src/main/services/export/datasetSplit'
import { StagedFiles } from '../../src/main/services/export/stagedFiles'
import { importFiles } from '../../src/main/services/import/importFiles'
import { openStore } from '../../src/main/store/store'
import { writeBigImportFile } from '../helpers/bigImportFile'
import { BIN } from '../helpers/cliRun'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

const DOCS = 15_000
const SPLIT = 'train=0.5,dev=0.5'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL')
})

/** Starts `spanwright ARGS` and sends SIGINT once `ready(pid)` holds (polled). */
function interruptWhen(args: string[], ready: (pid: number) => boolean): Promise<{ signal: NodeJS.Signals | null; err: string; sent: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let err = ''
  let sent = false
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  const poll = setInterval(() => {
    if (sent || !ready(child.pid!)) return
    sent = true
    clearInterval(poll)
    child.kill('SIGINT')
  }, 10)
  return new Promise((resolve) => {
    child.once('close', (_code, signal) => {
      clearInterval(poll)
      resolve({ signal, err, sent })
    })
  })
}

describe('a --split export is all or nothing', { timeout: 300_000 }, () => {
  let db: string
  beforeAll(async () => {
    const { store, dir, file } = tempStore()
    const big = path.join(dir, 'many.jsonl')
    writeBigImportFile(big, DOCS)
    await importFiles(store, [big], { annotator: null })
    store.close()
    db = file
  })

  it('Ctrl+C while the second part is written leaves no part, whole or partial', async () => {
    const out = path.join(tempDir(), 'export', 'all.jsonl')
    const dev = splitFileName(out, 'dev')
    const r = await interruptWhen(['export', '--db', db, '--format', 'jsonl', '--out', out, '--split', SPLIT, '--seed', '1'], (pid) => fs.existsSync(`${dev}.partial-${pid}`))
    expect(r.sent, r.err).toBe(true)
    expect(r.signal).toBe('SIGINT')
    expect(r.err.trim().split('\n').at(-1)).toBe(`export cancelled: ${out} was not written (no partial file left)`)
    expect(fs.readdirSync(path.dirname(out))).toEqual([])
  })

  it('a failure on the second part (a folder at its name) leaves no part; the folder is untouched', async () => {
    const dir = tempDir()
    const ws = openStore(db)
    const out = path.join(dir, 'out', 'all.jsonl')
    fs.mkdirSync(splitFileName(out, 'dev'), { recursive: true })
    fs.writeFileSync(path.join(splitFileName(out, 'dev'), 'keep.txt'), 'mine')
    await expect(exportDataset(ws, out, { format: 'jsonl', split: parseSplit(SPLIT), seed: 1 })).rejects.toThrow(/all\.dev\.jsonl is a folder/u)
    ws.close()
    expect(fs.readdirSync(path.dirname(out))).toEqual(['all.dev.jsonl'])
    expect(fs.readFileSync(path.join(splitFileName(out, 'dev'), 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('a rename that fails at the end puts back the files already renamed, and leaves no temp', async () => {
    const dir = tempDir()
    const a = path.join(dir, 'x.train.jsonl')
    const b = path.join(dir, 'x.dev.jsonl')
    fs.writeFileSync(a, 'older train\n')
    const staged = new StagedFiles()
    await staged.write(a, async (write) => write('new train\n'))
    await staged.write(b, async (write) => write('new dev\n'))
    // Something makes a folder at the second name while the export runs.
    fs.mkdirSync(b)
    expect(() => staged.commit()).toThrow(/x\.dev\.jsonl is now a folder/u)
    expect(fs.readFileSync(a, 'utf8')).toBe('older train\n')
    expect(fs.readdirSync(dir).sort()).toEqual(['x.dev.jsonl', 'x.train.jsonl'])
  })
})
