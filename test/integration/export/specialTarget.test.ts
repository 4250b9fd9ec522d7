// An export renames a finished temp file into place: a device, pipe or socket
// named as --out must be refused, never replaced by a regular file.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'

let store: Store | null = null
afterEach(() => store?.close())

async function workspace(): Promise<{ store: Store; dir: string }> {
  const t = tempStore()
  store = t.store
  const line = { id: 'd1', text: 'Kerry met Michel.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] }
  const f = path.join(t.dir, 'in.jsonl')
  fs.writeFileSync(f, JSON.stringify(line) + '\n')
  await importFiles(t.store, [f], { annotator: null })
  return t
}

describe('export to something that is not a file or folder', () => {
  it('refuses a character device (/dev/null) and leaves it a device', async () => {
    const { store } = await workspace()
    await expect(exportDataset(store, '/dev/null', { format: 'jsonl' })).rejects.toThrow(/not a regular file or folder/)
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true)
    expect(fs.readdirSync('/dev').some((n) => n.startsWith('null.partial-'))).toBe(false)
  })

  it('refuses a named pipe and leaves it a pipe', async () => {
    const { store, dir } = await workspace()
    const fifo = path.join(dir, 'pipe.jsonl')
    execFileSync('mkfifo', [fifo])
    await expect(exportDataset(store, fifo, { format: 'conll' })).rejects.toThrow(/pipe\.jsonl is not a regular file or folder/)
    expect(fs.statSync(fifo).isFIFO()).toBe(true)
  })

  it('still replaces an existing regular file', async () => {
    const { store, dir } = await workspace()
    const out = path.join(dir, 'out.jsonl')
    fs.writeFileSync(out, 'old\n')
    await exportDataset(store, out, { format: 'jsonl' })
    expect(JSON.parse(fs.readFileSync(out, 'utf8').trim()).id).toBe('d1')
  })
})
