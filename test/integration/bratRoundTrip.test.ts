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
import { REPO_ROOT, tempStore } from '../helpers/tempWorkspace'

/**
 * The real brat corpora (test/fixtures/brat, from the brat project) imported
 * into a real workspace and exported back: every line must come back equal,
 * ids allowed to differ only by a consistent renaming.
 */

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'brat')
const CORPORA = ['news-tutorial', 'conll2002-esp']
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

const annLines = (ann: string) => ann.split(/\r?\n/).filter((l) => l.trim() !== '')
const kindOf = (line: string) => line[0]
const isId = (tok: string) => /^([TERAN]\d+|#\d*)$/.test(tok)

/** Renames the ids in a line's annotation field (never in its free text). */
function renameBody(body: string, rename: Map<string, string>): string {
  return body
    .split(' ')
    .map((tok) => {
      const colon = tok.lastIndexOf(':')
      const [prefix, id] = colon >= 0 ? [tok.slice(0, colon + 1), tok.slice(colon + 1)] : ['', tok]
      return isId(id) && rename.has(id) ? prefix + rename.get(id)! : tok
    })
    .join(' ')
}

/**
 * Compares two .ann files up to id renaming. The renaming is built from T
 * lines by type + offsets, E lines by their (renamed) trigger, and every other
 * line by its renamed content; then each original line, renamed, must be an
 * exported line and vice versa. Returns the differences by line kind.
 */
function compareAnn(original: string, exported: string): { missing: string[]; extra: string[]; renaming: Map<string, string> } {
  const orig = annLines(original).map((l) => l.split('\t'))
  const out = annLines(exported).map((l) => l.split('\t'))
  const rename = new Map<string, string>()

  const tByKey = new Map(out.filter((f) => kindOf(f[0]) === 'T').map((f) => [f[1], f[0]]))
  for (const f of orig.filter((f) => kindOf(f[0]) === 'T')) if (tByKey.has(f[1])) rename.set(f[0], tByKey.get(f[1])!)
  const triggerOf = (f: string[]) => f[1].split(' ')[0].split(':')[1]
  const eByTrigger = new Map(out.filter((f) => kindOf(f[0]) === 'E').map((f) => [triggerOf(f), f[0]]))
  for (const f of orig.filter((f) => kindOf(f[0]) === 'E')) {
    const t = rename.get(triggerOf(f))
    if (t && eByTrigger.has(t)) rename.set(f[0], eByTrigger.get(t)!)
  }
  for (const kind of ['R', 'A', 'N', '#']) {
    const byContent = new Map(out.filter((f) => kindOf(f[0]) === kind).map((f) => [f.slice(1).join('\t'), f[0]]))
    for (const f of orig.filter((f) => kindOf(f[0]) === kind)) {
      const found = byContent.get([renameBody(f[1], rename), ...f.slice(2)].join('\t'))
      if (found) rename.set(f[0], found)
    }
  }
  // Consistent: no two original ids renamed to the same exported id.
  expect(new Set(rename.values()).size).toBe(rename.size)

  const expected = orig.map((f) => [f[0] === '*' ? '*' : (rename.get(f[0]) ?? `${f[0]}(unmatched)`), renameBody(f[1], rename), ...f.slice(2)].join('\t'))
  const actual = out.map((f) => f.join('\t'))
  const actualSet = new Set(actual)
  const expectedSet = new Set(expected)
  return { missing: expected.filter((l) => !actualSet.has(l)), extra: actual.filter((l) => !expectedSet.has(l)), renaming: rename }
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
  it('includes every kind the round trip claims: T, E, R, A (binary and valued), N, #, *', () => {
    const all = CORPORA.flatMap((c) => documentsOf(c)).flatMap((d) => annLines(d.ann))
    const kinds = new Set(all.map(kindOf))
    expect([...kinds].sort()).toEqual(['#', '*', 'A', 'E', 'N', 'R', 'T'])
    expect(all.some((l) => /^A\S*\t\S+ \S+ \S+$/.test(l))).toBe(true)
    expect(all.some((l) => /^A\S*\t\S+ \S+$/.test(l))).toBe(true)
    expect(all.some((l) => /^#\S*\tAnnotatorNotes [ER]/.test(l))).toBe(true)
  })
})
