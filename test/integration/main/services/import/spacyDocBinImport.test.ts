// spaCy's binary training data (a DocBin, `.spacy`) imported into a real workspace: every document with its
// entities, span groups and cats; told by its extension or its bytes; refused whole, naming the file and the
// document, when it is damaged; and the consumer's view: exported as spaCy JSON or CoNLL, the same entities.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { decode, encode } from '@msgpack/msgpack'
import { afterEach, describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import type { Store } from '../../../../../src/main/store/store'
import { snapshotStore } from '../../../../helpers/storeSnapshot'
import { REPO_ROOT, tempDir, tempStore } from '../../../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'spacy-docbin')
const TRAIN = path.join(DIR, 'train.spacy')
const NER = path.join(DIR, 'ner.spacy')
type Expected = { text: string; ents: [string, string][]; spans: Record<string, [string, string][]>; cats: Record<string, number>; missing: number }
const expected = (name: string): Expected[] => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8'))

let opened: Store | null = null
afterEach(() => {
  opened?.close()
  opened = null
})
function workspace(): { store: Store; dir: string } {
  const ws = tempStore()
  opened = ws.store
  return ws
}

/**
 * Every stored span as [document text slice, label, spans_key or ''], by document text then position; a span that is
 * both an entity and a group span (in_ents) is listed as both, as spaCy holds it twice.
 */
function storedSpans(store: Store): [string, string, string][] {
  const rows = store.db
    .prepare(
      `SELECT d.text AS text, s.start AS start, s."end" AS "end", l.name AS label, s.attributes AS attributes
       FROM spans s JOIN documents d ON d.id = s.document_id JOIN label_types l ON l.id = s.label_id ORDER BY d.id, s.start, s."end", l.name`,
    )
    .all() as { text: string; start: number; end: number; label: string; attributes: string | null }[]
  return rows.flatMap((r): [string, string, string][] => {
    const a = JSON.parse(r.attributes ?? '{}') as { spans_key?: string; in_ents?: boolean }
    const words = r.text.slice(r.start, r.end)
    return a.in_ents ? [[words, r.label, ''], [words, r.label, a.spans_key!]] : [[words, r.label, a.spans_key ?? '']]
  })
}

/** The fixture's msgpack message, to damage one part of it. */
function message(): Record<string, unknown> {
  return decode(zlib.inflateSync(fs.readFileSync(TRAIN))) as Record<string, unknown>
}
const packed = (msg: unknown) => zlib.deflateSync(encode(msg))
const without = (key: string) => Object.fromEntries(Object.entries(message()).filter(([k]) => k !== key))

describe('spaCy DocBin (.spacy) import', () => {
  it('every document: the words with their spaces, entities, span groups (spans_key), cats, and plain text where nothing is annotated', async () => {
    const { store } = workspace()
    const r = await importFiles(store, [TRAIN], { annotator: 'alice', addLabels: true })
    const want = expected('train')
    // 12 spans in spaCy's terms; "Ada Lovelace" and "crème brûlée" are both an entity and a group span: one span each.
    expect([r.documentsAdded, r.spansAdded, r.rejected]).toEqual([4, 10, 0])
    const docs = store.db.prepare('SELECT text, meta FROM documents ORDER BY id').all() as { text: string; meta: string }[]
    expect(docs.map((d) => d.text)).toEqual(want.map((d) => d.text))
    // A DocBin has no titles: the first line of the text (these are one line each).
    expect((store.db.prepare('SELECT title FROM documents ORDER BY id').all() as { title: string }[]).map((d) => d.title)).toEqual(want.map((d) => d.text))
    // Entities (no spans_key) and group spans (their key), each as Python slicing of spaCy's text gives it.
    const fromFile = want.flatMap((d) => [
      ...d.ents.map(([t, l]) => [t, l, ''] as [string, string, string]),
      ...Object.entries(d.spans).flatMap(([k, v]) => v.map(([t, l]) => [t, l, k] as [string, string, string])),
    ])
    const sort = (a: [string, string, string][]) => [...a].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1))
    expect(sort(storedSpans(store))).toEqual(sort(fromFile))
    // After the emoji, offsets are UTF-16 code units: "Zürich" is where JavaScript slicing finds it.
    expect(storedSpans(store)).toContainEqual(['Zürich', 'GPE', ''])
    expect(storedSpans(store)).toContainEqual(['🍮', 'DISH', 'dishes'])
    expect(JSON.parse(docs[0].meta)).toMatchObject({ spacy: { cats: { HISTORY: 1, SPORT: 0 } } })
    expect(JSON.parse(docs[2].meta)).toMatchObject({ spacyMissingEntityTokens: 4 })
    // The document without any entity annotation has no layer of alice's (no spans, no status row): it is plain text.
    const layerRows = (text: string) =>
      (store.db.prepare('SELECT (SELECT COUNT(*) FROM spans s WHERE s.document_id = d.id) + (SELECT COUNT(*) FROM document_status t WHERE t.document_id = d.id) AS n FROM documents d WHERE d.text = ?').get(text) as { n: number }).n
    expect(want.map((d) => layerRows(d.text) > 0)).toEqual([true, true, true, false])
    expect(r.notes).toMatchObject({
      'spaCy DocBin tokens whose entity annotation is missing (ENT_IOB 0, not "O"): no span there; their documents keep the entities that are annotated': 4,
      'spaCy DocBin documents with no entity annotation and no span groups: imported as text without an annotation layer': 1,
    })
    // A second import adds nothing.
    const again = await importFiles(store, [TRAIN], { annotator: 'alice', addLabels: true })
    expect([again.documentsAdded, again.spansAdded]).toEqual([0, 0])
  })

  it('is told by its bytes without the extension, by --format spacy, and in a folder; other zlib data is not taken for one', async () => {
    const { store, dir } = workspace()
    const noExt = path.join(dir, 'corpus')
    fs.copyFileSync(NER, noExt)
    expect((await importFiles(store, [noExt], { annotator: 'alice', addLabels: true })).documentsAdded).toBe(4)
    const asJson = path.join(dir, 'dev.json')
    fs.copyFileSync(TRAIN, asJson)
    expect((await importFiles(store, [asJson], { annotator: 'bob', addLabels: true, format: 'spacy' })).spansAdded).toBe(10)
    // spaCy's JSON training data named .spacy, with --format spacy: read as JSON (its bytes are no DocBin's).
    const jsonNamedSpacy = path.join(dir, 'tuples.spacy')
    fs.writeFileSync(jsonNamedSpacy, '[["Ada met Bob.", {"entities": [[0, 3, "PERSON"]]}]]\n')
    expect((await importFiles(store, [jsonNamedSpacy], { annotator: 'dave', addLabels: true, format: 'spacy' })).spansAdded).toBe(1)
    const folder = tempDir()
    fs.copyFileSync(TRAIN, path.join(folder, 'train.spacy'))
    expect((await importFiles(store, [folder], { annotator: 'carol', addLabels: true })).spansAdded).toBe(10)
    // zlib-compressed JSON, and a zlib-compressed msgpack map of other keys: refused as zlib data, not read as a DocBin.
    for (const [name, bytes] of [
      ['data.z', zlib.deflateSync(Buffer.from('{"text": "x"}\n'))],
      ['other.bin', zlib.deflateSync(encode({ alpha: 1, beta: 2, gamma: 3, delta: 4, epsilon: 5 }))],
    ] as const) {
      const file = path.join(dir, name)
      fs.writeFileSync(file, bytes)
      const before = snapshotStore(store)
      await expect(importFiles(store, [file], { annotator: 'alice' })).rejects.toThrow(new RegExp(`${name.replace('.', '\\.')}: not a text file \\(zlib-compressed data`))
      expect(snapshotStore(store)).toEqual(before)
    }
  })

  const damaged: [string, () => Buffer, RegExp][] = [
    ['not zlib', () => Buffer.from('["Ada met Bob", {"entities": []}]\n'), /train\.spacy: not a spaCy DocBin: the file is not zlib-compressed/],
    ['zlib but not msgpack', () => zlib.deflateSync(Buffer.from([0xc1, 0x00])), /train\.spacy: not a spaCy DocBin: the inflated data is not msgpack/],
    ['cut msgpack', () => zlib.deflateSync(encode(message()).subarray(0, 200)), /train\.spacy: not a spaCy DocBin: the inflated data is not msgpack/],
    ['msgpack with bytes after the message', () => zlib.deflateSync(Buffer.concat([encode(message()), Buffer.from([0x00])])), /train\.spacy: not a spaCy DocBin: the inflated data is not msgpack \(one value of \d+ bytes and then 1 more bytes\)/],
    ['no "tokens"', () => packed(without('tokens')), /train\.spacy: not a readable spaCy DocBin: no "tokens"/],
    ['no "strings"', () => packed(without('strings')), /train\.spacy: not a readable spaCy DocBin: no "strings"/],
    ['tokens not whole rows', () => packed({ ...message(), tokens: (message().tokens as Uint8Array).subarray(8) }), /train\.spacy: not a readable spaCy DocBin: "tokens" holds 2632 bytes, not a whole number of rows of 11 uint64 attributes/],
    [
      'lengths not summing to the tokens',
      () => {
        const m = message()
        const lengths = Buffer.from(m.lengths as Uint8Array)
        lengths.writeInt32LE(lengths.readInt32LE(0) + 1, 0)
        return packed({ ...m, lengths })
      },
      /train\.spacy: not a readable spaCy DocBin: "lengths" add up to 31 tokens, but "tokens" holds 30/,
    ],
    ['cats for fewer documents', () => packed({ ...message(), cats: [{}] }), /train\.spacy: not a readable spaCy DocBin: "cats" has 1 entries for 4 documents/],
    [
      'a hash missing from strings',
      () => {
        const m = message()
        return packed({ ...m, strings: (m.strings as string[]).filter((s) => s !== 'Lovelace') })
      },
      /train\.spacy: document 0 \(0-based, in DocBin order\): token 1: ORTH hash \d+ is not in the file's strings/,
    ],
    [
      'an entity label missing from strings',
      () => {
        const m = message()
        return packed({ ...m, strings: (m.strings as string[]).filter((s) => s !== 'DISH') })
      },
      /train\.spacy: document 1 \(0-based, in DocBin order\): token 3 \("crème"\): ENT_TYPE hash \d+ is not in the file's strings/,
    ],
    [
      'a broken B/I sequence',
      () => {
        const m = message()
        const tokens = Buffer.from(m.tokens as Uint8Array)
        // Document 2 ("Paris and the …") starts at token 17; its token 2 ("the") becomes I after an O. ENT_IOB is column 6.
        tokens.writeBigUInt64LE(1n, ((17 + 2) * 11 + 6) * 8)
        return packed({ ...m, tokens })
      },
      /train\.spacy: document 2 \(0-based, in DocBin order\): token 2 \("the"\) is I \(inside an entity\) with no entity open: token 1 \("and"\) is O/,
    ],
    ['an unsupported version', () => packed({ ...message(), version: '0.2' }), /train\.spacy: not a readable spaCy DocBin: unsupported DocBin version "0\.2"/],
  ]
  it.each(damaged)('%s: refused naming the file and the document, nothing stored', async (_, bytes, reason) => {
    const { store, dir } = workspace()
    const file = path.join(dir, 'train.spacy')
    fs.writeFileSync(file, bytes())
    const before = snapshotStore(store)
    const err = await importFiles(store, [file], { annotator: 'alice', addLabels: true }).then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(err?.message).toMatch(reason)
    expect(snapshotStore(store)).toEqual(before)
  })

  it("the consumer's view: exported as spaCy JSON, entities are the DocBin's ents and spans its span groups; as CoNLL, its ents", async () => {
    const { store, dir } = workspace()
    await importFiles(store, [TRAIN], { annotator: 'alice', addLabels: true })
    const out = path.join(dir, 'out.json')
    await exportDataset(store, out, { format: 'spacy', annotator: 'alice' })
    const examples = JSON.parse(fs.readFileSync(out, 'utf8')) as [string, { entities: [number, number, string][]; spans?: Record<string, [number, number, string][]>; cats?: unknown }][]
    // spaCy counts offsets in code points: slice as Python does.
    const py = (text: string, s: number, e: number) => [...text].slice(s, e).join('')
    const want = expected('train').slice(0, 3)
    expect(examples.map(([text]) => text).sort()).toEqual(want.map((d) => d.text).sort())
    for (const [text, a] of examples) {
      const doc = want.find((d) => d.text === text)!
      expect(a.entities.map(([s, e, l]) => [py(text, s, e), l])).toEqual(doc.ents)
      // A group's spans come back in text order, not necessarily the file's.
      const sorted = (g: Record<string, string[][]>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.map((x) => x.join('|')).sort()]))
      // Every example has "sc": the DocBin's own "sc" group where it had one, else every entity (spancat reads an
      // example without the key as one with no spans).
      const groups = { sc: doc.ents, ...doc.spans }
      expect(sorted(Object.fromEntries(Object.entries(a.spans ?? {}).map(([k, v]) => [k, v.map(([s, e, l]) => [py(text, s, e), l])])))).toEqual(sorted(groups))
      if (Object.keys(doc.cats).length) expect(a.cats).toEqual(doc.cats)
    }

    // Spanwright's own DocBin export read back by this reader: the same entities, and every group span in its group.
    const bin = path.join(dir, 'round.spacy')
    await exportDataset(store, bin, { format: 'spacy-docbin', annotator: 'alice' })
    const { store: s3 } = tempStore()
    try {
      await importFiles(s3, [bin], { annotator: 'alice', addLabels: true })
      const again = storedSpans(s3)
      const before = storedSpans(store)
      const key = (x: string[]) => x.join('|')
      expect(again.filter((x) => !x[2]).map(key).sort()).toEqual(before.filter((x) => !x[2]).map(key).sort())
      for (const span of before.filter((x) => x[2])) expect(again.map(key)).toContain(key(span))
    } finally {
      s3.close()
    }

    // CoNLL keeps one label per token: an NER corpus (entities only) gives its ents as B-/I- runs.
    const { store: s2 } = tempStore()
    try {
      await importFiles(s2, [NER], { annotator: 'alice', addLabels: true })
      const conll = path.join(dir, 'out.conll')
      await exportDataset(s2, conll, { format: 'conll', annotator: 'alice' })
      const runs: [string, string][] = []
      for (const line of fs.readFileSync(conll, 'utf8').split('\n')) {
        const cols = line.split(/\s+/u)
        const tag = cols[cols.length - 1]
        if (tag?.startsWith('B-')) runs.push([cols[0], tag.slice(2)])
        else if (tag?.startsWith('I-')) runs[runs.length - 1][0] += ` ${cols[0]}`
      }
      const sort = (a: [string, string][]) => a.map((x) => x.join('|')).sort()
      expect(sort(runs)).toEqual(sort(expected('ner').flatMap((d) => d.ents)))
    } finally {
      s2.close()
    }
  })
})
