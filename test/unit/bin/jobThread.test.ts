import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jobCommand, optionValue, removePartials } from '../../../bin/jobThread.mjs'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-jobthread-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('which commands run in the job thread, and what they say when stopped', () => {
  it('import, export and agreement do; --help, other commands and no command do not', () => {
    expect(jobCommand(['import', 'a.jsonl'])?.stopped).toBe('import cancelled: nothing from this import was stored (workspace unchanged)')
    expect(jobCommand(['agreement'])?.stopped).toBe('agreement cancelled: nothing was written (agreement only reads the workspace)')
    expect(jobCommand(['export', '--out', 'x.jsonl'])?.stopped).toBe('export cancelled: x.jsonl was not written (no partial file left)')
    expect(jobCommand(['export'])?.stopped).toBe('export cancelled: nothing was written (no partial file left)')
    for (const argv of [['import', '--help'], ['export', '-h'], ['serve'], ['sync'], []]) expect(jobCommand(argv)).toBeNull()
    // After `--` a word is a file, not the help option.
    expect(jobCommand(['import', '--', '--help'])).not.toBeNull()
  })

  it('reads --out as given, the last of several, and not after --', () => {
    expect(optionValue(['--db', 'w', '--out', 'a.jsonl'], 'out')).toBe('a.jsonl')
    expect(optionValue(['--out=b.jsonl'], 'out')).toBe('b.jsonl')
    expect(optionValue(['--out', 'a', '--out=b'], 'out')).toBe('b')
    expect(optionValue(['--', '--out', 'a'], 'out')).toBeNull()
    expect(optionValue(['--outside', 'a'], 'out')).toBeNull()
  })
})

describe('removePartials: what a stopped export of this process left half-made', () => {
  it("removes this process's temp file, a split part's and a folder's; leaves other files and other processes'", () => {
    const names = ['all.jsonl.partial-123', 'all.train.jsonl.partial-123', 'all.jsonl.partial-999', 'other.jsonl.partial-123', 'all.jsonl']
    for (const n of names) fs.writeFileSync(path.join(dir, n), 'x')
    fs.mkdirSync(path.join(dir, 'brat.partial-123'))
    fs.writeFileSync(path.join(dir, 'brat.partial-123', 'a.ann'), '')
    removePartials(path.join(dir, 'all.jsonl'), 123)
    removePartials(`${path.join(dir, 'brat')}/`, 123)
    expect(fs.readdirSync(dir).sort()).toEqual(['all.jsonl', 'all.jsonl.partial-999', 'other.jsonl.partial-123'])
  })

  it('says nothing when the folder is not there', () => {
    expect(() => removePartials(path.join(dir, 'missing', 'a.jsonl'), 1)).not.toThrow()
  })
})
