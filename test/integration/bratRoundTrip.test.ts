import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importRecords } from '../../src/main/services/import/importRecords'
import type { SourcedRecord } from '../../src/main/services/import/readFiles'
import type { Store } from '../../src/main/store/store'
import type { LabelKind } from '../../src/shared/domain/model'
import { decodeBratDocument } from '../../src/shared/formats/brat/decodeBratDocument'
import { encodeBratDocument } from '../../src/shared/formats/brat/encodeBratDocument'
import { formatLineError } from '../../src/shared/formats/importRecord'
import { annLines, compareAnn } from '../helpers/bratCompare'
import { REPO_ROOT, tempStore } from '../helpers/tempWorkspace'

/**
 * The real brat corpora (test/fixtures/brat, from the brat project) imported
 * into a real workspace and exported back: every line must come back equal,
 * ids allowed to differ only by a consistent renaming.
 */

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'brat')
const CORPORA = ['news-tutorial', 'conll2002-esp', 'bionlp2011-epi', 'bionlp2011-id']
const ANNOTATOR = 'brat'

function documentsOf(corpus: string): { name: string; txt: string; ann: string; annFile: string }[] {
  const dir = path.join(FIXTURES, corpus)
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ann'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.ann'.length)
      const annFile = path.join(dir, f)
      return { name, annFile, ann: fs.readFileSync(annFile, 'utf8'), txt: fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8') }
    })
}

/** The store learns the corpus's labels, as `--add-labels` would. */
function learnLabels(store: Store, records: SourcedRecord[]): void {
  const add = (kind: LabelKind, name: string) => {
    if (store.labels.byName(kind, name)) return
    store.labels.insert({ kind, name, color: '#8899aa', hotkey: null, description: '', headTypes: [], tailTypes: [], attributes: [] })
  }
  for (const r of records) {
    for (const s of r.spans) add('entity', s.label)
    for (const x of r.relations) add('relation', x.label)
  }
}

describe('compareAnn (the round trip comparator)', () => {
  const a = ['T1\tX 0 1\ta', 'T2\tY 2 3\tb', 'R1\tRel Arg1:T1 Arg2:T2\t', 'A1\tNeg T2'].join('\n')
  it('accepts a consistent renaming', () => {
    const b = ['T7\tY 2 3\tb', 'T3\tX 0 1\ta', 'R4\tRel Arg1:T3 Arg2:T7\t', 'A9\tNeg T7'].join('\n')
    expect(compareAnn(a, b)).toMatchObject({ missing: [], extra: [] })
  })
  it('catches a swapped argument, a lost line and a changed offset', () => {
    const b = ['T7\tY 2 3\tb', 'T3\tX 0 2\ta', 'R4\tRel Arg1:T7 Arg2:T3\t'].join('\n')
    const d = compareAnn(a, b)
    expect(d.missing).toEqual(['T1(unmatched)\tX 0 1\ta', 'R1(unmatched)\tRel Arg1:T1 Arg2:T7\t', 'A1(unmatched)\tNeg T7'])
    expect(d.extra).toEqual(['T3\tX 0 2\ta', 'R4\tRel Arg1:T7 Arg2:T3\t'])
  })
})

describe.each(CORPORA)('brat round trip through the store: %s', (corpus) => {
  const docs = documentsOf(corpus)
  const { store, dir } = tempStore()
  afterAll(() => {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const records: SourcedRecord[] = docs.map((d) => {
    const { record, errors } = decodeBratDocument(d.txt, d.ann, { file: d.annFile, externalId: `${corpus}/${d.name}` })
    expect(errors.map(formatLineError)).toEqual([])
    return { ...record!, file: d.annFile }
  })
  learnLabels(store, records)
  const report = importRecords(store, records, { annotator: ANNOTATOR })

  it('imports every document, span and relation', () => {
    expect(docs.length).toBeGreaterThan(5)
    expect(report.documentsAdded).toBe(docs.length)
    expect(report.spansAdded).toBe(records.reduce((n, r) => n + r.spans.length, 0))
    expect(report.spansSkipped).toBe(0)
    expect(report.relationsAdded).toBe(records.reduce((n, r) => n + r.relations.length, 0))
  })

  it.each(docs.map((d) => d.name))('%s: every line comes back equal up to id renaming', (name) => {
    const d = docs.find((x) => x.name === name)!
    const doc = store.documents.byExternalId(`${corpus}/${name}`)!
    const annotator = store.annotators.byName(ANNOTATOR)!
    const { txt, ann } = encodeBratDocument({
      externalId: doc.externalId,
      title: doc.title,
      text: doc.text,
      meta: doc.meta,
      annotator: ANNOTATOR,
      status: null,
      spans: store.spans.layer(doc.id, annotator.id),
      relations: store.relations.layer(doc.id, annotator.id),
    })
    expect(txt).toBe(d.txt)
    const diff = compareAnn(d.ann, ann)
    expect({ missing: diff.missing, extra: diff.extra }).toEqual({ missing: [], extra: [] })
    expect(annLines(ann).length).toBe(annLines(d.ann).length)
  })
})

describe('brat line kinds covered by the corpora', () => {
  it('includes every kind the round trip claims: T, E, R, A (binary and valued), M, N, #, *', () => {
    const all = CORPORA.flatMap((c) => documentsOf(c)).flatMap((d) => annLines(d.ann))
    const kinds = new Set(all.map((l) => l[0]))
    expect([...kinds].sort()).toEqual(['#', '*', 'A', 'E', 'M', 'N', 'R', 'T'])
    expect(all.some((l) => /^A\S*\t\S+ \S+ \S+$/.test(l))).toBe(true)
    expect(all.some((l) => /^A\S*\t\S+ \S+$/.test(l))).toBe(true)
    expect(all.some((l) => /^#\S*\tAnnotatorNotes [ER]/.test(l))).toBe(true)
  })
})
