// Distinct spans stay distinct: spans of one record with the same offsets and
// label but their own notes or attributes are separate spans (as in brat), and
// identical ones are all kept; importing the same file again changes nothing.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { snapshotStore } from '../../helpers/storeSnapshot'
import { tempStore } from '../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'
const jsonl = (spans: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ id: 'd1', text: TEXT, annotator: 'alice', spans, ...extra })}\n`
const kerry = (over: Record<string, unknown> = {}) => ({ start: 0, end: 5, label: 'PERSON', ...over })

function spans(store: Store) {
  return store.db
    .prepare<[], { start: number; end: number; note: string; attributes: string }>('SELECT start, end, note, attributes FROM spans ORDER BY id')
    .all()
}

async function importTwice(files: Record<string, string>, input: string, opts: { format?: 'brat' | 'jsonl' } = {}) {
  const { store, dir } = tempStore()
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body)
  const run = () => importFiles(store, [path.join(dir, input)], { annotator: 'alice', addLabels: true, backup: false, format: opts.format ?? null })
  const first = await run()
  const after = snapshotStore(store)
  const second = await run()
  // Re-importing the same file changes nothing: every table as it was.
  expect(snapshotStore(store)).toEqual(after)
  expect(second.spansAdded).toBe(0)
  return { store, dir, first, second }
}

describe('distinct spans stay distinct, and re-import changes nothing', () => {
  it('same offsets and label, each with its own note: two spans', async () => {
    const { store, first } = await importTwice({ 'a.jsonl': jsonl([kerry({ note: 'the speaker' }), kerry({ note: 'the listener' })]) }, 'a.jsonl')
    expect(first.spansAdded).toBe(2)
    expect(spans(store).map((s) => s.note)).toEqual(['the speaker', 'the listener'])
  })

  it('same offsets and label, each with its own attributes: two spans', async () => {
    const { store, first } = await importTwice({ 'a.jsonl': jsonl([kerry({ attributes: { negated: true } }), kerry({ attributes: { negated: false } })]) }, 'a.jsonl')
    expect(first.spansAdded).toBe(2)
    expect(spans(store).map((s) => JSON.parse(s.attributes))).toEqual([{ negated: true }, { negated: false }])
  })

  it('same offsets and label, one with a normalization id: two spans', async () => {
    const { first } = await importTwice({ 'a.jsonl': jsonl([kerry(), kerry({ norm: 'Wikidata:Q22316' })]) }, 'a.jsonl')
    expect(first.spansAdded).toBe(2)
  })

  it('identical spans twice in one record: both kept', async () => {
    const { store, first } = await importTwice({ 'a.jsonl': jsonl([kerry(), kerry(), kerry({ start: 10, end: 16 })]) }, 'a.jsonl')
    expect(first.spansAdded).toBe(3)
    expect(spans(store).map((s) => `${s.start}-${s.end}`)).toEqual(['0-5', '0-5', '10-16'])
  })

  it('a layer holding two identical spans and a file with three: one is added', async () => {
    const { store, dir } = await importTwice({ 'a.jsonl': jsonl([kerry(), kerry()]), 'b.jsonl': jsonl([kerry(), kerry(), kerry()]) }, 'a.jsonl')
    const r = await importFiles(store, [path.join(dir, 'b.jsonl')], { annotator: 'alice', backup: false })
    expect([r.spansAdded, r.spansSkipped]).toEqual([1, 2])
    expect(spans(store)).toHaveLength(3)
  })

  it('attributes in another key order are the same span', async () => {
    const { store, dir } = await importTwice({ 'a.jsonl': jsonl([kerry({ attributes: { negated: true, certainty: 'low' } })]), 'b.jsonl': jsonl([kerry({ attributes: { certainty: 'low', negated: true } })]) }, 'a.jsonl')
    const r = await importFiles(store, [path.join(dir, 'b.jsonl')], { annotator: 'alice', backup: false })
    expect([r.spansAdded, r.spansSkipped]).toEqual([0, 1])
  })

  it('a relation to the second of two identical spans keeps pointing at the second', async () => {
    const file = jsonl([kerry({ id: 'T1' }), kerry({ id: 'T2' }), { id: 'T3', start: 20, end: 28, label: 'GPE' }], { relations: [{ head: 'T2', tail: 'T3', label: 'PART_OF' }] })
    const { store } = await importTwice({ 'a.jsonl': file }, 'a.jsonl')
    const ids = store.db.prepare<[], { id: number }>('SELECT id FROM spans ORDER BY id').all().map((r) => r.id)
    const rel = store.db.prepare<[], { head_id: number; tail_id: number }>('SELECT head_id, tail_id FROM relations').all()
    expect(rel).toEqual([{ head_id: ids[1], tail_id: ids[2] }])
  })

  it('brat: 5 T lines of one type on the same offsets are 5 spans; re-import adds none', async () => {
    const ann = Array.from({ length: 5 }, (_, i) => `T${i + 1}\tPERSON 0 5\tKerry`).join('\n') + '\nT6\tPERSON 10 16\tMichel\n'
    const { store, first } = await importTwice({ 'a.txt': TEXT, 'a.ann': ann }, 'a.txt', { format: 'brat' })
    expect(first.spansAdded).toBe(6)
    expect(spans(store)).toHaveLength(6)
  })

  it('a native JSONL export re-imported into the same workspace changes nothing', async () => {
    const { store, dir } = await importTwice({ 'a.jsonl': jsonl([kerry({ note: 'a' }), kerry({ note: 'b' }), kerry(), kerry()]) }, 'a.jsonl')
    const out = path.join(dir, 'out.jsonl')
    await exportDataset(store, out, { format: 'jsonl', unit: 'codepoint' })
    const before = snapshotStore(store)
    const r = await importFiles(store, [out], { annotator: 'alice', backup: false })
    expect(r.spansAdded).toBe(0)
    expect(snapshotStore(store)).toEqual(before)
  })
})
