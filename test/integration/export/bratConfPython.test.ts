// A brat export's annotation.conf as brat's own configuration reader reads it (test/helpers/python/read_brat_conf.py):
// it parses, and every type it declares is read as itself. Labels brat's configuration cannot name as they are
// (`A,B` split an argument list and brat refused the whole configuration; `#x` is a comment, `!X` an unusable X,
// `人名` is stored as `__`) are left out of it and named in a warning, while the .ann files keep them.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])
const LABELS = ['A,B', '#x', '!X', '人名', 'A|B', '-', 'GPE', 'Ok_label-2']
const WORDS = LABELS.map((_, i) => `w${i}`)
const TEXT = WORDS.join(' ')

describe.skipIf(missing)(`brat export: annotation.conf as brat reads it${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('parses, declares every type as itself, and leaves out (naming them) the labels brat would misread', async () => {
    const { store, dir } = tempStore()
    const spans = WORDS.map((w, i) => ({ id: `T${i}`, start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length, label: LABELS[i] }))
    const relations = [{ id: 'R1', head: 'T0', tail: 'T6', label: 'IN' }, { id: 'R2', head: 'T7', tail: 'T3', label: 'R,X' }]
    fs.writeFileSync(path.join(dir, 'in.jsonl'), `${JSON.stringify({ id: 'd', text: TEXT, annotator: 'ann', spans, relations })}\n`)
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true, backup: false })
    const out = path.join(dir, 'out')
    const report = await exportDataset(store, out, { format: 'brat' })
    const conf = runPythonConsumer<{ error: string | null; types: Record<string, [string, string][]>; arg_types: [string, string, string][] }>('read_brat_conf.py', [path.join(out, 'annotation.conf')])
    expect(conf.error).toBeNull()
    const declared = Object.values(conf.types).flat()
    expect(declared.filter(([written, stored]) => written !== stored)).toEqual([])
    const entities = new Set(conf.types.entities.map(([t]) => t))
    expect(conf.arg_types.filter(([, , t]) => t !== '<ANY>' && !entities.has(t))).toEqual([])
    expect(entities.has('GPE') && entities.has('Ok_label-2')).toBe(true)
    const warning = report.warnings.find((w) => w.startsWith('brat: '))
    expect(warning).toMatch(/^brat: 7 names left out of annotation\.conf and visual\.conf/u)
    for (const l of ['A,B', '#x', '!X', '人名', 'A|B', '-', 'R,X']) expect(warning).toContain(JSON.stringify(l))
    // The standoff itself keeps every label as annotated.
    const ann = runPythonConsumer<{ spans: { label: string; text: string }[]; problems: string[] }>('read_brat_ann.py', [path.join(out, 'd.ann'), path.join(out, 'd.txt')])
    expect(ann.problems).toEqual([])
    expect(ann.spans.map((s) => [s.text, s.label])).toEqual(WORDS.map((w, i) => [w, LABELS[i]]))
    store.close()
  })

  it('attribute values: whitespace written as _ and said; an attribute with a value holding , or | is left out of the configuration', async () => {
    const { store, dir } = tempStore()
    const attributes = { color: 'dark red', n: 3, z: 'a,b|c' }
    fs.writeFileSync(path.join(dir, 'in.jsonl'), `${JSON.stringify({ id: 'd', text: 'Kerry met.', annotator: 'ann', spans: [{ start: 0, end: 5, label: 'PERSON', attributes }] })}\n`)
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true, backup: false })
    const out = path.join(dir, 'out')
    const report = await exportDataset(store, out, { format: 'brat' })
    const conf = runPythonConsumer<{ error: string | null; types: Record<string, [string, string][]> }>('read_brat_conf.py', [path.join(out, 'annotation.conf')])
    expect(conf.error).toBeNull()
    expect(conf.types.attributes.map(([t]) => t)).toEqual(['certainty', 'color', 'n', 'negated'])
    expect(report.warnings).toContain('brat cannot carry whitespace in the attribute value "dark red" of "color" (a value is one word): written as "dark_red"')
    expect(report.warnings.find((w) => w.startsWith('brat: '))).toContain('("attribute z")')
    expect(fs.readFileSync(path.join(out, 'd.ann'), 'utf8')).toContain('\tz T1 a,b|c\n')
    store.close()
  })
})
