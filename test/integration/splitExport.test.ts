// Deterministic train/dev/test splits by document.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSplit, splitOf } from '../../src/main/services/export/datasetSplit'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { tempStore } from '../helpers/tempWorkspace'

const SPEC = parseSplit('train=0.8,dev=0.1,test=0.1')

async function workspace(n: number) {
  const { store, dir } = tempStore()
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    for (const annotator of ['alice', 'bob']) {
      lines.push(JSON.stringify({ id: `doc-${i}`, text: `Kerry number ${i}`, annotator, spans: [{ start: 0, end: 5, label: 'PERSON' }] }))
    }
  }
  const f = path.join(dir, 'in.jsonl')
  fs.writeFileSync(f, lines.join('\n') + '\n')
  await importFiles(store, [f], { annotator: null })
  return { store, dir }
}

const idsIn = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).id as string)

describe('dataset splits', () => {
  it('parses name=share lists and refuses bad ones', () => {
    expect(SPEC).toEqual([{ name: 'train', share: 0.8 }, { name: 'dev', share: 0.1 }, { name: 'test', share: 0.1 }])
    expect(() => parseSplit('train=0.8,dev=0.1')).toThrow(/add up to 0.9/)
    expect(() => parseSplit('train:0.8')).toThrow(/not name=share/)
    expect(() => parseSplit('a=0.5,a=0.5')).toThrow(/named twice/)
    expect(() => parseSplit('a=1,b=0')).toThrow(/above 0/)
    expect(() => parseSplit('../x=1')).toThrow(/not name=share/)
  })

  it('writes one file per split, every document in exactly one, both layers of a document together, shares near the spec', async () => {
    const { store, dir } = await workspace(600)
    const out = path.join(dir, 'out.jsonl')
    const r = await exportDataset(store, out, { format: 'jsonl', split: SPEC, seed: 7 })
    expect(r.files.map((f) => path.basename(f.path))).toEqual(['out.train.jsonl', 'out.dev.jsonl', 'out.test.jsonl'])
    expect(fs.existsSync(out)).toBe(false)
    const parts = Object.fromEntries(['train', 'dev', 'test'].map((s) => [s, idsIn(path.join(dir, `out.${s}.jsonl`))]))
    const all = [...parts.train, ...parts.dev, ...parts.test]
    expect(all).toHaveLength(1200)
    expect(new Set(all).size).toBe(600)
    for (const ids of Object.values(parts)) {
      for (const id of new Set(ids)) expect(ids.filter((x) => x === id)).toHaveLength(2) // alice's and bob's layer
    }
    expect(parts.train.length / 2).toBeGreaterThan(480 - 45)
    expect(parts.train.length / 2).toBeLessThan(480 + 45)
    expect(parts.dev.length / 2).toBeGreaterThan(60 - 30)
    expect(parts.test.length / 2).toBeGreaterThan(60 - 30)
    for (const s of ['train', 'dev', 'test']) {
      for (const id of new Set(parts[s])) expect(splitOf(id, 7, SPEC)).toBe(s)
    }
  })

  it('is the same for the same seed, and different for another seed', async () => {
    const { store, dir } = await workspace(200)
    const run = async (name: string, seed: number) => {
      await exportDataset(store, path.join(dir, `${name}.jsonl`), { format: 'jsonl', annotator: 'alice', split: SPEC, seed })
      return ['train', 'dev', 'test'].map((s) => fs.readFileSync(path.join(dir, `${name}.${s}.jsonl`), 'utf8'))
    }
    const a = await run('a', 1)
    const b = await run('b', 1)
    const c = await run('c', 2)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
    // Adding documents does not move the ones already there.
    const before = new Set(idsIn(path.join(dir, 'a.dev.jsonl')))
    const f = path.join(dir, 'more.jsonl')
    fs.writeFileSync(f, Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `new-${i}`, text: 'x', annotator: 'alice', spans: [] })).join('\n'))
    await importFiles(store, [f], { annotator: null })
    const d = await run('d', 1)
    void d
    const after = idsIn(path.join(dir, 'd.dev.jsonl')).filter((id) => !id.startsWith('new-'))
    expect(new Set(after)).toEqual(before)
  })

  it('brat splits into out/train, out/dev, out/test', async () => {
    const { store, dir } = await workspace(40)
    const out = path.join(dir, 'brat')
    await exportDataset(store, out, { format: 'brat', annotator: 'alice', split: SPEC, seed: 3 })
    expect(fs.readdirSync(out).sort()).toEqual(['dev', 'test', 'train'])
    const n = ['train', 'dev', 'test'].reduce((acc, s) => acc + fs.readdirSync(path.join(out, s)).filter((f) => f.endsWith('.ann')).length, 0)
    expect(n).toBe(40)
  })
})
