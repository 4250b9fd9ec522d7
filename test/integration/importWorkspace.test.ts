// `spanwright import other.spanwright`: every document and layer of another workspace, read-only, idempotent.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listLayers, readLayers } from '../../src/main/services/export/exportLayers'
import { importFiles } from '../../src/main/services/import/importFiles'
import { importWorkspace } from '../../src/main/services/import/importWorkspace'
import type { Store } from '../../src/main/store/store'
import { tempStoresClosedAfterEach } from '../helpers/closedAfterEach'
import { snapshotStore } from '../helpers/storeSnapshot'
import { REPO_ROOT } from '../helpers/tempWorkspace'

const workspace = tempStoresClosedAfterEach()

const line = (o: unknown) => JSON.stringify(o)

/** A source workspace: two annotators' layers (relations, attributes, notes, norm ids, a discontinuous span), a status, a gold item, a bare document. */
async function sourceWorkspace() {
  const src = workspace()
  const file = path.join(src.dir, 'layers.jsonl')
  const text = 'Kerry met Michel in Brussels 👋🏽 today.'
  fs.writeFileSync(
    file,
    [
      line({
        id: 'doc-1',
        text,
        meta: { title: 'Meeting' },
        annotator: 'alice',
        status: 'done',
        spans: [
          { id: 'T1', start: 0, end: 5, label: 'PERSON', text: 'Kerry', attributes: { negated: 'false' }, note: 'US', norm: 'Wikidata:Q22316' },
          { id: 'T2', start: 10, end: 16, label: 'PERSON', text: 'Michel' },
          { id: 'T3', start: 20, end: 28, label: 'GPE', text: 'Brussels' },
        ],
        relations: [{ id: 'R1', head: 'T1', tail: 'T2', label: 'PART_OF', note: 'met' }],
      }),
      line({ id: 'doc-1', text, meta: { title: 'Meeting' }, annotator: 'bob', spans: [{ id: 'T1', start: 0, end: 16, label: 'ORG', text: 'Kerry met Michel' }], relations: [] }),
      line({ id: 'doc-2', text: 'A document nobody labelled.', meta: { title: 'Bare' }, spans: [], relations: [] }),
    ].join('\n'),
  )
  await importFiles(src.store, [file], { annotator: null })
  // The gold layer: an annotator of kind gold, with provenance on its items.
  const gold = src.store.annotators.ensure('gold', 'gold')
  const doc = src.store.documents.byExternalId('doc-1')!
  const alice = src.store.spans.layer(doc.id, src.store.annotators.byName('alice')!.id)
  src.store.spans.insert({
    documentId: doc.id,
    annotatorId: gold.id,
    labelId: src.store.labels.byName('entity', 'PERSON')!.id,
    start: 0,
    end: 5,
    fragments: null,
    attributes: {},
    note: '',
    norm: null,
    normText: null,
    kind: 'entity',
    sourceId: `${alice[0].id}`,
    provenance: { annotator: 'alice', itemId: `${alice[0].id}`, acceptedBy: 'carol', acceptedAt: '2026-01-01T00:00:00.000Z', edited: false },
  })
  return src
}

/** Every layer with its items, ids left out (they are row ids of each workspace). */
function contents(store: Store) {
  const docs = store.db.prepare('SELECT external_id AS id, title, text FROM documents ORDER BY external_id').all()
  const layers = [...readLayers(store, listLayers(store, {}), {})].map((l) => {
    const key = new Map(l.spans.map((s) => [s.id, `${s.start}-${s.end}:${s.label}`]))
    return {
      doc: l.externalId,
      annotator: l.annotator,
      kind: store.annotators.byName(l.annotator)!.kind,
      status: l.status,
      spans: l.spans.map(({ id: _i, documentId: _d, createdAt: _c, ...s }) => s),
      relations: l.relations.map((r) => ({ head: key.get(r.headId), tail: key.get(r.tailId), label: r.label, kind: r.kind, note: r.note, attributes: r.attributes })),
    }
  })
  return { docs, layers }
}

describe('importWorkspace', () => {
  it('brings every document and every layer of another workspace, and a second import changes nothing', async () => {
    const src = await sourceWorkspace()
    const before = fs.readFileSync(src.file)
    const dst = workspace()
    const report = await importWorkspace(dst.store, src.file)
    expect(report).toMatchObject({ linesRead: 4, imported: 4, rejected: 0, documentsAdded: 2, spansAdded: 5, relationsAdded: 1, errors: [] })
    const a = contents(src.store)
    const b = contents(dst.store)
    expect(b).toEqual(a)
    expect(b.docs).toHaveLength(2)
    expect(b.layers.map((l) => `${l.doc}/${l.annotator}/${l.kind}/${l.status}`)).toEqual(['doc-1/alice/human/done', 'doc-1/bob/human/null', 'doc-1/gold/gold/null'])
    expect(b.layers[2].spans[0].provenance).toMatchObject({ annotator: 'alice', acceptedBy: 'carol' })

    // A status re-set to the same value renews its time stamp (as a JSONL re-import does); nothing else may change.
    const rows = () => ({ ...snapshotStore(dst.store), document_status: dst.store.db.prepare('SELECT document_id, annotator_id, status FROM document_status').all() })
    const snap = rows()
    const again = await importWorkspace(dst.store, src.file)
    expect(again).toMatchObject({ imported: 4, documentsAdded: 0, spansAdded: 0, relationsAdded: 0, spansSkipped: 5 })
    expect(rows()).toEqual(snap)
    // Opened read-only: the source file is as it was.
    expect(fs.readFileSync(src.file).equals(before)).toBe(true)
  })

  it('adds the layers to a document already here with the same text, and refuses one with other text, writing nothing', async () => {
    const src = await sourceWorkspace()
    const dst = workspace()
    const f = path.join(dst.dir, 'mine.jsonl')
    fs.writeFileSync(f, line({ id: 'doc-2', text: 'Other text entirely.', spans: [], relations: [] }))
    await importFiles(dst.store, [f], { annotator: null })
    const snap = snapshotStore(dst.store)
    await expect(importWorkspace(dst.store, src.file)).rejects.toThrow(`${src.file}#doc-2:4: document "doc-2" already exists with different text`)
    expect(snapshotStore(dst.store)).toEqual(snap)

    const skipped = await importWorkspace(dst.store, src.file, { skipInvalid: true })
    expect(skipped).toMatchObject({ linesRead: 4, imported: 3, rejected: 1 })
    expect(skipped.errors.map((e) => `${e.file}:${e.line}`)).toEqual([`${src.file}#doc-2:4`])
    expect(dst.store.documents.byExternalId('doc-1')).not.toBeNull()
  })

  it('refuses labels this schema lacks unless told to add them', async () => {
    const src = await sourceWorkspace()
    src.store.labels.insert({ kind: 'entity', name: 'DRUG', color: '#ff0000', hotkey: null, description: '', headTypes: [], tailTypes: [], attributes: [] })
    const doc = src.store.documents.byExternalId('doc-2')!
    src.store.spans.insert({ documentId: doc.id, annotatorId: src.store.annotators.ensure('alice').id, labelId: src.store.labels.byName('entity', 'DRUG')!.id, start: 0, end: 1, fragments: null, attributes: {}, note: '', norm: null, normText: null, kind: 'entity', sourceId: null })
    const dst = workspace()
    await expect(importWorkspace(dst.store, src.file)).rejects.toThrow(/label "DRUG" is not an entity label/)
    expect(dst.store.documents.byExternalId('doc-1')).toBeNull()
    const r = await importWorkspace(dst.store, src.file, { addLabels: true })
    expect(r.labelsAdded).toEqual(['entity DRUG'])
  })

  it('adds the labels it lacks as the other workspace defines them: colour, a free key, description, constraints, attributes', async () => {
    const src = await sourceWorkspace()
    const entity = (name: string, color: string, hotkey: string | null) =>
      src.store.labels.insert({ kind: 'entity', name, color, hotkey, description: `${name} of the lab`, headTypes: [], tailTypes: [], attributes: [{ name: 'route', type: 'enum', values: ['oral', 'iv'] }] })
    const drug = entity('DRUG', '#ff0000', 'k')
    const dose = entity('DOSE', '#00aa00', 'P') // PERSON has p here: the key is not taken over
    const treats = src.store.labels.insert({ kind: 'relation', name: 'HAS_DOSE', color: '#0000ff', hotkey: null, description: 'dose of a drug', headTypes: ['DRUG'], tailTypes: ['DOSE'], attributes: [] })
    const doc = src.store.documents.byExternalId('doc-2')!
    const alice = src.store.annotators.ensure('alice').id
    const span = (labelId: number, start: number, end: number) =>
      src.store.spans.insert({ documentId: doc.id, annotatorId: alice, labelId, start, end, fragments: null, attributes: {}, note: '', norm: null, normText: null, kind: 'entity', sourceId: null })
    const [head, tail] = [span(drug.id, 2, 10), span(dose.id, 11, 17)]
    src.store.relations.insert({ documentId: doc.id, annotatorId: alice, labelId: treats.id, headId: head, tailId: tail, attributes: {}, note: '' })
    const dst = workspace()
    const r = await importWorkspace(dst.store, src.file, { addLabels: true })
    expect(r.labelsAdded).toEqual(['entity DRUG', 'entity DOSE', 'relation HAS_DOSE'])
    const got = (kind: 'entity' | 'relation', name: string) => {
      const { id: _id, ...rest } = dst.store.labels.byName(kind, name)!
      return rest
    }
    expect(got('entity', 'DRUG')).toEqual({ kind: 'entity', name: 'DRUG', color: '#ff0000', hotkey: 'k', description: 'DRUG of the lab', headTypes: [], tailTypes: [], attributes: [{ name: 'route', type: 'enum', values: ['oral', 'iv'] }] })
    expect(got('entity', 'DOSE')).toMatchObject({ color: '#00aa00', hotkey: null })
    expect(got('relation', 'HAS_DOSE')).toMatchObject({ color: '#0000ff', description: 'dose of a drug', headTypes: ['DRUG'], tailTypes: ['DOSE'] })
  })

  it('writes nothing when cancelled, and names a file that is not a workspace', async () => {
    const src = await sourceWorkspace()
    const dst = workspace()
    const snap = snapshotStore(dst.store)
    const ctl = new AbortController()
    ctl.abort()
    await expect(importWorkspace(dst.store, src.file, {}, { signal: ctl.signal })).rejects.toThrow()
    expect(snapshotStore(dst.store)).toEqual(snap)

    const junk = path.join(dst.dir, 'junk.spanwright')
    fs.writeFileSync(junk, 'not a database at all, just some text that is long enough to be read as a header')
    await expect(importWorkspace(dst.store, junk)).rejects.toThrow(`${junk}: not a Spanwright workspace`)
    await expect(importWorkspace(dst.store, path.join(dst.dir, 'missing.spanwright'))).rejects.toThrow(/no such workspace file/)
    await expect(importWorkspace(dst.store, dst.file)).rejects.toThrow(/is the workspace that is open/)
    // The open workspace by another name: a symlink, a hard link, a path with `..` in it.
    const viaSymlink = path.join(dst.dir, 'alias.spanwright')
    fs.symlinkSync(dst.file, viaSymlink)
    const viaHardLink = path.join(dst.dir, 'hard.spanwright')
    fs.linkSync(dst.file, viaHardLink)
    const viaDots = path.join(dst.dir, '..', path.basename(dst.dir), path.basename(dst.file))
    for (const alias of [viaSymlink, viaHardLink, viaDots]) {
      await expect(importWorkspace(dst.store, alias)).rejects.toThrow(/is the workspace that is open/)
    }
    expect(snapshotStore(dst.store)).toEqual(snap)
    expect(fs.readFileSync(junk, 'utf8')).toMatch(/^not a database/)
  })

  it('runs from the command line: spanwright import other.spanwright', async () => {
    const src = await sourceWorkspace()
    const dst = workspace()
    const db = dst.file
    dst.store.close()
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 })
    const first = cli(['import', src.file, '--db', db])
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/imported 4 of 4 records \(0 rejected\): 2 new documents, 3 new layers, 5 spans \(0 already present\), 1 relation$/m)
    const again = cli(['import', src.file, '--db', db])
    expect(again.stdout).toMatch(/0 new documents, 0 new layers, 0 spans \(5 already present\), 0 relations/)
  }, 60_000)
})
