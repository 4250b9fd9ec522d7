import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { streamCodec } from '../../src/main/services/formats/formatRegistry'
import { importRecords } from '../../src/main/services/import/importRecords'
import type { SourcedRecord } from '../../src/main/services/import/readFiles'
import type { Store } from '../../src/main/store/store'
import { parsePlainText } from '../../src/shared/formats/plainText'
import { compareAnn } from '../helpers/bratCompare'
import { REPO_ROOT, tempStore } from '../helpers/tempWorkspace'

/**
 * brat and txt folder exports as the file system and a re-import see them:
 * real corpora through importFiles and exportDataset (files in, files out),
 * and hostile document ids.
 */

const BRAT = path.join(REPO_ROOT, 'test', 'fixtures', 'brat')
const PEERS = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'brat')

/** Every file below a folder, `/`-separated. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}

const documents = (store: Store) =>
  store.db.prepare<[], { id: number; externalId: string; text: string }>('SELECT id, external_id AS externalId, text FROM documents ORDER BY external_id').all()

describe.each([
  ['news-tutorial', BRAT],
  ['conll2002-esp', BRAT],
  ['bionlp2011-epi', BRAT],
  ['bionlp2011-id', BRAT],
  ['dkpro_event', PEERS],
  ['dkpro_document1', PEERS],
])('brat folder in, brat folder out: %s', (corpus, root) => {
  const src = path.join(root, corpus)
  const originals = fs.readdirSync(src).filter((f) => f.endsWith('.ann')).map((f) => f.slice(0, -4)).sort()

  it('writes every document (empty .ann included) with every .ann line and .txt byte, the confs and the manifest; the report counts the files', async () => {
    const { store, dir } = tempStore()
    const imported = await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false })
    expect(imported.documentsAdded).toBe(originals.length)
    const out = path.join(dir, 'out')
    const report = await exportDataset(store, out, { format: 'brat' })
    const written = filesBelow(out)
    expect(written).toEqual([...originals.flatMap((n) => [`${n}.ann`, `${n}.txt`]), 'annotation.conf', 'spanwright-manifest.tsv', 'visual.conf'].sort())
    expect(report.files).toEqual([{ path: out, split: null, layers: report.layers, written: { count: originals.length, noun: 'document', each: 'a .txt and an .ann each' } }])
    for (const n of originals) {
      expect(fs.readFileSync(path.join(out, `${n}.txt`))).toEqual(fs.readFileSync(path.join(src, `${n}.txt`)))
      const diff = compareAnn(fs.readFileSync(path.join(src, `${n}.ann`), 'utf8'), fs.readFileSync(path.join(out, `${n}.ann`), 'utf8'))
      expect({ doc: n, missing: diff.missing, extra: diff.extra }).toEqual({ doc: n, missing: [], extra: [] })
    }
    store.close()
  })
})

describe('a brat .txt with a byte-order mark', () => {
  it('counts the mark as brat does (its first character) and writes the same bytes back', async () => {
    const { store, dir } = tempStore()
    const src = path.join(dir, 'bom')
    fs.mkdirSync(src)
    const txt = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Kerry met Bolt.\n')])
    const ann = 'T1\tPerson 1 6\tKerry\nT2\tPerson 11 15\tBolt\n'
    fs.writeFileSync(path.join(src, 'd.txt'), txt)
    fs.writeFileSync(path.join(src, 'd.ann'), ann)
    await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false })
    await exportDataset(store, path.join(dir, 'out'), { format: 'brat' })
    expect(fs.readFileSync(path.join(dir, 'out', 'd.txt'))).toEqual(txt)
    expect(compareAnn(ann, fs.readFileSync(path.join(dir, 'out', 'd.ann'), 'utf8'))).toMatchObject({ missing: [], extra: [] })
    store.close()
  })
})

describe('brat through native JSONL and back', () => {
  it('keeps events sharing a trigger and events typed apart from it (bionlp2011-id, dkpro_event)', async () => {
    for (const src of [path.join(BRAT, 'bionlp2011-id'), path.join(PEERS, 'dkpro_event')]) {
      const a = tempStore()
      await importFiles(a.store, [src], { annotator: 'brat', addLabels: true, backup: false })
      const jsonl = path.join(a.dir, 'all.jsonl')
      await exportDataset(a.store, jsonl, { format: 'jsonl' })
      const b = tempStore()
      await importFiles(b.store, [jsonl], { annotator: null, addLabels: true, backup: false })
      const out = path.join(b.dir, 'out')
      await exportDataset(b.store, out, { format: 'brat' })
      for (const f of fs.readdirSync(src).filter((x) => x.endsWith('.ann'))) {
        const diff = compareAnn(fs.readFileSync(path.join(src, f), 'utf8'), fs.readFileSync(path.join(out, f), 'utf8'))
        expect({ f, missing: diff.missing, extra: diff.extra }).toEqual({ f, missing: [], extra: [] })
      }
      a.store.close()
      b.store.close()
    }
  })
})

describe('native JSONL events with a trigger span', () => {
  const decode = (spans: unknown[]) => {
    const raw = JSON.stringify({ id: 'd', text: 'binding of p50', spans })
    return [...streamCodec('jsonl').decode([{ line: 1, raw }], { file: 'x.jsonl', unit: 'codepoint' })]
  }
  it('reads `trigger` as the event\'s trigger span, and refuses one that is not an earlier span or names it from a non-event', () => {
    const t = { id: 'T1', start: 0, end: 7, label: 'Binding', kind: 'trigger' }
    const ok = decode([t, { id: 'E2', start: 0, end: 7, label: 'Binding', kind: 'trigger', trigger: 'T1' }])
    expect(ok).toMatchObject([{ record: { spans: [{ sourceId: 'T1' }, { sourceId: 'E2', trigger: 0 }] } }])
    const later = decode([{ id: 'E2', start: 0, end: 7, label: 'Binding', kind: 'trigger', trigger: 'T1' }, t])
    expect(later).toMatchObject([{ error: { line: 1, reason: expect.stringMatching(/trigger "T1" is not an earlier span id/) } }])
    const plain = decode([t, { id: 'X', start: 0, end: 7, label: 'Binding', trigger: 'T1' }])
    expect(plain).toMatchObject([{ error: { reason: expect.stringMatching(/only an event/) } }])
  })
})

describe('re-importing a brat corpus with shared triggers', () => {
  it('changes nothing the second time', async () => {
    const { store } = tempStore()
    const src = path.join(BRAT, 'bionlp2011-id')
    const first = await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false })
    expect(first.spansAdded).toBeGreaterThan(1000)
    const again = await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false })
    expect({ spans: again.spansAdded, relations: again.relationsAdded, documents: again.documentsAdded }).toEqual({ spans: 0, relations: 0, documents: 0 })
    store.close()
  })
})

describe('DKPro brat (issue 11)', () => {
  it.each(['dkpro_event', 'dkpro_document1'])('%s imports the same with --format brat as by detection, counts as in the file', async (name) => {
    const src = path.join(PEERS, name)
    const ann = fs.readFileSync(path.join(src, fs.readdirSync(src).find((f) => f.endsWith('.ann'))!), 'utf8')
    const count = (k: string) => ann.split('\n').filter((l) => l.startsWith(k)).length
    const roles = ann.split('\n').filter((l) => l.startsWith('E')).reduce((n, l) => n + l.split('\t')[1].trim().split(' ').length - 1, 0)
    const reports = []
    for (const format of ['brat', null] as const) {
      const { store } = tempStore()
      reports.push(await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false, format }))
      store.close()
    }
    const [withFormat, detected] = reports
    expect({ ...withFormat, labelsAdded: [] }).toEqual({ ...detected, labelsAdded: [] })
    // One span per T line (events on their own T type share it), one relation per R line and per event role.
    expect([detected.documentsAdded, detected.spansAdded, detected.relationsAdded]).toEqual([1, count('T'), count('R') + roles])
  })

  it('keeps both roles of an event whose arguments share a type, and no event names itself', async () => {
    const { store } = tempStore()
    await importFiles(store, [path.join(PEERS, 'dkpro_document1')], { annotator: 'brat', addLabels: true, backup: false })
    const doc = store.documents.byExternalId('document1')!
    const a = store.annotators.byName('brat')!.id
    const spans = store.spans.layer(doc.id, a)
    const roles = store.relations.layer(doc.id, a).filter((r) => r.kind === 'role')
    const text = (id: number) => doc.text.slice(spans.find((s) => s.id === id)!.start, spans.find((s) => s.id === id)!.end)
    expect(roles.map((r) => [r.label, text(r.headId), text(r.tailId)])).toEqual([
      ['Org1', 'joint venture', 'Sony'],
      ['Org2', 'joint venture', 'Ericsson'],
    ])
    expect(roles.every((r) => r.headId !== r.tailId)).toBe(true)
    store.close()
  })

  it('counts T lines in and out equal (spans of one type and offsets stay distinct)', async () => {
    const { store, dir } = tempStore()
    const ann = 'T1\tOrganization 0 4\tSony\nT2\tOrganization 0 4\tSony\nT3\tPerson 0 4\tSony\n#1\tAnnotatorNotes T2\tsecond reading\n'
    const src = path.join(dir, 'dup')
    fs.mkdirSync(src)
    fs.writeFileSync(path.join(src, 'd.txt'), 'Sony and others')
    fs.writeFileSync(path.join(src, 'd.ann'), ann)
    await importFiles(store, [src], { annotator: 'brat', addLabels: true, backup: false })
    await exportDataset(store, path.join(dir, 'out'), { format: 'brat' })
    const back = fs.readFileSync(path.join(dir, 'out', 'd.ann'), 'utf8')
    expect(compareAnn(ann, back)).toMatchObject({ missing: [], extra: [] })
    store.close()
  })
})

const HOSTILE_IDS = [
  'x:1', 'x_1', 'X_1', 'Doc', 'doc', 'n'.repeat(200), 'm'.repeat(300), '😀'.repeat(80), 'CON', 'nul.txt', 'a\u202egnp.exe', 'b\u2066c\u200f', 'zero\u200bwidth\u2060joiner',
  'trailing.', 'trailing ', '.hidden', '..', 'dir/sub/leaf', 'dir/SUB/leaf', 'back\\slash', 'q?*<>|"', 'x~1', 'Straße', 'STRASSE', 'e\u0301', '\u00e9',
]

async function storeWithHostileIds(): Promise<{ store: Store; dir: string }> {
  const { store, dir } = tempStore()
  const records: SourcedRecord[] = HOSTILE_IDS.map((id, i) => {
    const text = `Document ${i} about Kerry.\n`
    const start = text.indexOf('Kerry')
    return { ...parsePlainText(text, id), file: 'mem', spans: [{ sourceId: null, label: 'PERSON', start, end: start + 5, fragments: null, attributes: {}, note: '', norm: null }], relations: [] }
  })
  importRecords(store, records, { annotator: 'alice', addLabels: true, backup: false })
  return { store, dir }
}

describe.each(['brat', 'txt'] as const)('%s export of hostile document ids', (format) => {
  it('writes one file per id, each name within 255 bytes and free of controls and bidi marks, and a re-import restores every exact id', async () => {
    const { store, dir } = await storeWithHostileIds()
    const out = path.join(dir, 'out')
    const report = await exportDataset(store, out, { format })
    const texts = filesBelow(out).filter((f) => f.endsWith('.txt'))
    expect(texts.length).toBe(HOSTILE_IDS.length)
    expect(report.files[0].written.count).toBe(HOSTILE_IDS.length)
    for (const f of filesBelow(out)) {
      for (const c of f.split('/')) {
        expect(Buffer.byteLength(c)).toBeLessThanOrEqual(255)
        expect(c).not.toMatch(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069\\:*?"<>|]/u)
        expect(c.startsWith('.')).toBe(false)
      }
    }
    // Case-insensitively distinct too (macOS, Windows).
    expect(new Set(texts.map((t) => t.normalize('NFC').toLowerCase())).size).toBe(texts.length)

    const again = tempStore()
    await importFiles(again.store, [out], { annotator: 'alice', addLabels: true, backup: false })
    expect(documents(again.store).map((d) => d.externalId)).toEqual(documents(store).map((d) => d.externalId))
    // The manifest alone is not data: named by itself, it is refused with what to do instead.
    await expect(importFiles(again.store, [path.join(out, 'spanwright-manifest.tsv')], { annotator: 'alice' })).rejects.toThrow(/manifest of document ids; import its folder instead/)
    for (const d of documents(store)) expect(again.store.documents.byExternalId(d.externalId)!.text).toBe(d.text)
    if (format === 'brat') {
      const a = again.store.annotators.byName('alice')!.id
      for (const d of documents(again.store)) {
        const start = d.text.indexOf('Kerry')
        expect(again.store.spans.layer(d.id, a).map((s) => [s.label, s.start, s.end])).toEqual([['PERSON', start, start + 5]])
      }
    }
    store.close()
    again.store.close()
  })
})

describe('split folder exports', () => {
  it.each(['brat', 'txt'] as const)('%s: each part has its manifest (and brat its confs); importing the parent folder restores every exact id', async (format) => {
    const { store, dir } = await storeWithHostileIds()
    const out = path.join(dir, 'out')
    const report = await exportDataset(store, out, { format, split: [{ name: 'train', share: 0.5 }, { name: 'test', share: 0.5 }], seed: 3 })
    expect(report.files.map((f) => f.split)).toEqual(['train', 'test'])
    expect(report.files.reduce((n, f) => n + f.layers, 0)).toBe(HOSTILE_IDS.length)
    for (const part of ['train', 'test']) {
      const files = fs.readdirSync(path.join(out, part))
      expect(files).toContain('spanwright-manifest.tsv')
      if (format === 'brat') expect(files).toEqual(expect.arrayContaining(['annotation.conf', 'visual.conf']))
    }
    const again = tempStore()
    await importFiles(again.store, [out], { annotator: 'alice', addLabels: true, backup: false })
    expect(documents(again.store).map((d) => d.externalId)).toEqual(documents(store).map((d) => d.externalId))
    store.close()
    again.store.close()
  })
})

describe('brat export with several annotators', () => {
  it('writes a folder per annotator, and a re-import restores each layer to its annotator', async () => {
    const { store, dir } = tempStore()
    const rec = (id: string, start: number): SourcedRecord => ({
      ...parsePlainText('Kerry met Bolt in Paris.\n', id),
      file: 'mem',
      spans: [{ sourceId: null, label: 'PERSON', start, end: start + 5, fragments: null, attributes: {}, note: '', norm: null }],
      relations: [],
    })
    importRecords(store, [rec('d:1', 0)], { annotator: 'alice', addLabels: true, backup: false })
    importRecords(store, [rec('d:1', 10)], { annotator: 'bob', addLabels: true, backup: false })
    importRecords(store, [{ ...parsePlainText('Nobody annotated this.\n', 'bare'), file: 'mem' }], { annotator: null, backup: false })
    const out = path.join(dir, 'out')
    await exportDataset(store, out, { format: 'brat' })
    expect(filesBelow(out).filter((f) => f.endsWith('.ann')).map((f) => f.replace(/~[0-9a-v]{14}/, '~H'))).toEqual([
      'alice/bare.ann', 'alice/d_1~H.ann', 'bob/bare.ann', 'bob/d_1~H.ann',
    ])
    const again = tempStore()
    await importFiles(again.store, [out], { annotator: null, addLabels: true, backup: false })
    const doc = again.store.documents.byExternalId('d:1')!
    const starts = (name: string) => again.store.spans.layer(doc.id, again.store.annotators.byName(name)!.id).map((s) => s.start)
    expect(starts('alice')).toEqual([0])
    expect(starts('bob')).toEqual([10])
    expect(again.store.documents.byExternalId('bare')).not.toBeNull()
    store.close()
    again.store.close()
  })
})
