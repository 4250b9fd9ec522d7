// The import and export services over every format: policy (--skip-invalid,
// --add-labels), detection, preview, cancel, filters, and the round trip.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles, importTuning, previewImport } from '../../src/main/services/import/importFiles'
import type { Store } from '../../src/main/store/store'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempStore } from '../helpers/tempWorkspace'

const j = (o: unknown) => JSON.stringify(o)
const TRICKY = 'Kerry 👨‍👩‍👧 met Michel\r\nin Liège (Lie\u0300ge) שלום 😀 Brussels.'

function cpSpan(text: string, needle: string, label: string, id: string) {
  const u = text.indexOf(needle)
  const start = Array.from(text.slice(0, u)).length
  return { id, start, end: start + Array.from(needle).length, label, text: needle }
}

function write(dir: string, name: string, body: string | Buffer): string {
  const f = path.join(dir, name)
  fs.mkdirSync(path.dirname(f), { recursive: true })
  fs.writeFileSync(f, body)
  return f
}

/** A workspace with the tricky document (alice: 4 spans with a nest and a relation; gold: 1 span) and a plain one. */
async function seeded(): Promise<{ store: Store; dir: string }> {
  const { store, dir } = tempStore()
  const alice = {
    id: 'tricky',
    text: TRICKY,
    annotator: 'alice',
    status: 'done',
    spans: [
      cpSpan(TRICKY, 'Kerry', 'PERSON', 'T1'),
      cpSpan(TRICKY, 'Michel', 'PERSON', 'T2'),
      cpSpan(TRICKY, 'Lie\u0300ge', 'GPE', 'T3'),
      cpSpan(TRICKY, 'Brussels', 'GPE', 'T4'),
      cpSpan(TRICKY, 'Liège (Lie\u0300ge)', 'LOC', 'T5'),
    ],
    relations: [{ id: 'R1', head: 'T1', tail: 'T2', label: 'PART_OF' }],
  }
  const gold = { id: 'tricky', text: TRICKY, annotator: 'gold', spans: [cpSpan(TRICKY, 'Kerry', 'PERSON', 'G1')] }
  const plain = { id: 'plain', text: 'John Kerry visited Brussels.', annotator: 'alice', spans: [cpSpan('John Kerry visited Brussels.', 'John Kerry', 'PERSON', 'T1')] }
  const f = write(dir, 'seed.jsonl', [alice, gold, plain].map(j).join('\n') + '\n')
  await importFiles(store, [f], { annotator: null })
  return { store, dir }
}

describe('import policy', () => {
  it('--skip-invalid imports the valid records, lists the rest, and imported + rejected = lines read', async () => {
    const { store, dir } = tempStore()
    const f = write(
      dir,
      'mixed.jsonl',
      [
        j({ id: 'a', text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }] }),
        '{"id": "broken"',
        '',
        j({ id: 'b', text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'CITY' }] }),
        j({ id: 'c', text: 'Michel', annotator: 'x', spans: [{ start: 0, end: 6, label: 'PERSON' }] }),
      ].join('\n'),
    )
    const r = await importFiles(store, [f], { annotator: null, skipInvalid: true })
    expect(r).toMatchObject({ linesRead: 4, imported: 2, rejected: 2, documentsAdded: 2, spansAdded: 2 })
    expect(r.errors.map((e) => `${e.line}`)).toEqual(['2', '4'])
    expect(store.documents.byExternalId('b')).toBeNull()
    expect(store.documents.byExternalId('c')).not.toBeNull()
  })

  it('--add-labels adds entity and relation labels with generated colours, once', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 'new.jsonl', j({ id: 'a', text: 'Kerry met Michel', annotator: 'x', spans: [{ id: 1, start: 0, end: 5, label: 'HUMAN' }, { id: 2, start: 10, end: 16, label: 'HUMAN' }], relations: [{ head: 1, tail: 2, label: 'MET' }] }) + '\n')
    const r = await importFiles(store, [f], { annotator: null, addLabels: true })
    expect(r.labelsAdded).toEqual(['entity HUMAN', 'relation MET'])
    expect(store.labels.byName('entity', 'HUMAN')!.color).toMatch(/^#[0-9a-f]{6}$/)
    expect(r.relationsAdded).toBe(1)
    const again = await importFiles(store, [f], { annotator: null, addLabels: true })
    expect(again.labelsAdded).toEqual([])
    expect(again.spansAdded).toBe(0)
  })

  it('reads big inputs in two passes with the same result as one', async () => {
    const body = Array.from({ length: 300 }, (_, i) => j({ id: `d${i}`, text: `Kerry ${i} met Michel`, annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }] })).join('\n')
    const results: unknown[] = []
    for (const keep of [1_000_000, 10]) {
      const { store, dir } = tempStore()
      importTuning.keepItems = keep
      try {
        const r = await importFiles(store, [write(dir, 'big.jsonl', body)], { annotator: null })
        expect(r).toMatchObject({ imported: 300, documentsAdded: 300, spansAdded: 300 })
      } finally {
        importTuning.keepItems = 200_000
      }
      const s = snapshotStore(store)
      results.push([s.documents.length, s.spans.length, (s.documents as { external_id: string }[]).map((d) => d.external_id)])
    }
    expect(results[0]).toEqual(results[1])
  })

  it('a cancelled import writes nothing, in either pass', async () => {
    for (const phase of ['validate', 'write'] as const) {
      const { store, dir } = tempStore()
      const before = snapshotStore(store)
      const body = Array.from({ length: 2500 }, (_, i) => j({ id: `d${i}`, text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }] })).join('\n')
      const ac = new AbortController()
      const run = importFiles(store, [write(dir, 'c.jsonl', body)], { annotator: null }, { signal: ac.signal, onProgress: (p) => p.phase === phase && ac.abort() })
      await expect(run).rejects.toThrow(/abort/i)
      expect(snapshotStore(store)).toEqual(before)
    }
  })

  it('detects every format in a folder (brat pairs, .txt, doccano, spaCy, CoNLL, Label Studio) and previews without writing', async () => {
    const { store, dir } = tempStore()
    const d = path.join(dir, 'in')
    write(d, 'brat/a.txt', 'Kerry met Michel\n')
    write(d, 'brat/a.ann', 'T1\tPERSON 0 5\tKerry\n')
    write(d, 'plain.txt', 'A title\nbody\n')
    write(d, 'doccano.jsonl', j({ id: 7, text: 'Kerry met', label: [[0, 5, 'PERSON']] }) + '\n')
    write(d, 'spacy.jsonl', j(['Michel met', { entities: [[0, 6, 'PERSON']] }]) + '\n')
    write(d, 'tags.conll', '-DOCSTART- c1\n\nKerry B-PERSON\nmet O\n')
    write(d, 'ls.json', j([{ id: 1, data: { text: 'Brussels' }, annotations: [{ result: [{ id: 'r', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 8, text: 'Brussels', labels: ['GPE'] } }] }] }]))
    const before = snapshotStore(store)
    const p = previewImport([d], {}, 50)
    expect(Object.fromEntries(p.sources.map((s) => [path.relative(d, s.file), s.format]))).toEqual({
      'brat/a.txt': 'brat',
      'doccano.jsonl': 'doccano',
      'ls.json': 'labelstudio',
      'plain.txt': 'txt',
      'spacy.jsonl': 'spacy',
      'tags.conll': 'conll',
    })
    expect(p.errors).toEqual([])
    expect(p.records).toHaveLength(6)
    expect(previewImport([d], {}, 2).records).toHaveLength(2)
    expect(snapshotStore(store)).toEqual(before)
    const r = await importFiles(store, [d], { annotator: 'bob' })
    expect(r).toMatchObject({ imported: 6, rejected: 0, linesRead: 6, spansAdded: 5 })
    expect(store.documents.byExternalId('brat/a')!.text).toBe('Kerry met Michel\n')
  })
})

describe('export', () => {
  it('writes every format; slicing the text with the exported code-point offsets gives each span', async () => {
    const { store, dir } = await seeded()
    for (const format of ['jsonl', 'doccano', 'doccano-rel', 'spacy', 'prodigy', 'labelstudio', 'conll', 'hf'] as const) {
      const out = path.join(dir, `out.${format}`)
      const r = await exportDataset(store, out, { format, annotator: 'alice' })
      expect(r.layers, format).toBe(2)
      const body = fs.readFileSync(out, 'utf8')
      expect(body.length, format).toBeGreaterThan(0)
      if (format === 'jsonl') {
        const tricky = body.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.id === 'tricky')
        const cps = Array.from(tricky.text as string)
        for (const s of tricky.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text)
      }
      if (format === 'doccano') {
        const l = body.trim().split('\n').map((x) => JSON.parse(x)).find((x) => x.text === TRICKY)
        const cps = Array.from(TRICKY)
        expect(l.label.map(([s, e]: number[]) => cps.slice(s, e).join('')).sort()).toEqual(['Brussels', 'Kerry', 'Liège (Lie\u0300ge)', 'Lie\u0300ge', 'Michel'].sort())
      }
      if (format === 'labelstudio') expect(Array.isArray(JSON.parse(body))).toBe(true)
      if (format === 'conll') expect(r.warnings.join('\n')).toMatch(/outermost|overlap|nest/i)
      expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([])
    }
  })

  it('brat: a folder of .txt + .ann; with several annotators a folder each; refuses a non-empty folder', async () => {
    const { store, dir } = await seeded()
    const one = path.join(dir, 'brat-alice')
    await exportDataset(store, one, { format: 'brat', annotator: 'alice' })
    // With brat's configuration for the types, and the manifest of exact ids.
    expect(fs.readdirSync(one).sort()).toEqual(['annotation.conf', 'plain.ann', 'plain.txt', 'spanwright-manifest.tsv', 'tricky.ann', 'tricky.txt', 'visual.conf'])
    expect(fs.readFileSync(path.join(one, 'tricky.txt'), 'utf8')).toBe(TRICKY)
    expect(fs.readFileSync(path.join(one, 'tricky.ann'), 'utf8')).toMatch(/^T\d+\tPERSON 0 5\tKerry$/m)
    const all = path.join(dir, 'brat-all')
    await exportDataset(store, all, { format: 'brat' })
    expect(fs.readdirSync(all).sort()).toEqual(['alice', 'annotation.conf', 'gold', 'spanwright-manifest.tsv', 'visual.conf'])
    expect(fs.readdirSync(path.join(all, 'gold'))).toEqual(['tricky.ann', 'tricky.txt'])
    await expect(exportDataset(store, one, { format: 'brat' })).rejects.toThrow(/not empty/)
    // And back: the brat export imports into a fresh workspace with the same spans.
    const fresh = tempStore().store
    const r = await importFiles(fresh, [one], { annotator: 'alice' })
    expect(r.spansAdded).toBe(6)
  })

  it('filters: annotator, gold, status, labels (relations only between kept spans)', async () => {
    const { store, dir } = await seeded()
    const read = (f: string) => fs.readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
    const all = path.join(dir, 'all.jsonl')
    await exportDataset(store, all, { format: 'jsonl' })
    expect(read(all).map((l) => `${l.id}/${l.annotator}`)).toEqual(['plain/alice', 'tricky/alice', 'tricky/gold'])
    const gold = path.join(dir, 'gold.jsonl')
    // No review is done here: --include-unreviewed takes the gold layers that exist (plain has none: no phantom record).
    await exportDataset(store, gold, { format: 'jsonl', gold: true, includeUnreviewed: true })
    expect(read(gold).map((l) => `${l.id}/${l.annotator}/${l.spans.length}`)).toEqual(['tricky/gold/1'])
    const done = path.join(dir, 'done.jsonl')
    await exportDataset(store, done, { format: 'jsonl', status: 'done' })
    expect(read(done).map((l) => `${l.id}/${l.annotator}`)).toEqual(['tricky/alice'])
    const todo = path.join(dir, 'todo.jsonl')
    await exportDataset(store, todo, { format: 'jsonl', status: 'todo' })
    expect(read(todo).map((l) => `${l.id}/${l.annotator}`)).toEqual(['plain/alice', 'tricky/gold'])
    const gpe = path.join(dir, 'gpe.jsonl')
    await exportDataset(store, gpe, { format: 'jsonl', annotator: 'alice', labels: ['GPE'] })
    const t = read(gpe).find((l) => l.id === 'tricky')
    expect(t.spans.map((s: { text: string }) => s.text)).toEqual(['Lie\u0300ge', 'Brussels'])
    expect(t.relations).toEqual([])
    const people = path.join(dir, 'people.jsonl')
    await exportDataset(store, people, { format: 'jsonl', annotator: 'alice', labels: ['PERSON'] })
    expect(read(people).find((l) => l.id === 'tricky').relations).toHaveLength(1)
    await expect(exportDataset(store, path.join(dir, 'x.jsonl'), { format: 'jsonl', annotator: 'nobody' })).rejects.toThrow(/no annotator named "nobody"/)
  })

  it('round trip: export then import into a fresh workspace then export again gives the same bytes', async () => {
    const { store, dir } = await seeded()
    const first = path.join(dir, 'first.jsonl')
    await exportDataset(store, first, { format: 'jsonl', unit: 'utf16' })
    const { store: fresh } = tempStore()
    await importFiles(fresh, [first], { annotator: null, unit: 'utf16' })
    const second = path.join(dir, 'second.jsonl')
    await exportDataset(fresh, second, { format: 'jsonl', unit: 'utf16' })
    expect(fs.readFileSync(second, 'utf8')).toBe(fs.readFileSync(first, 'utf8'))
  })

  it('a cancelled export leaves no file and no temp file', async () => {
    const { store, dir } = await seeded()
    const out = path.join(dir, 'c.jsonl')
    const ac = new AbortController()
    ac.abort()
    await expect(exportDataset(store, out, { format: 'jsonl' }, { signal: ac.signal })).rejects.toThrow(/abort/i)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('c.jsonl'))).toEqual([])
  })
})
