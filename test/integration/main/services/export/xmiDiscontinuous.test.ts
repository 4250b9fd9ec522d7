// A DKPro NamedEntity has one begin and one end. The XMI export wrote a discontinuous span as its covering range, so
// the words between the fragments were part of the entity for whoever trains from INCEpTION's files; it now writes
// each fragment as a NamedEntity of its own with the span's label, a relation to the span goes to the first fragment
// (Governor and Dependent name an existing NamedEntity), xmi:ids stay unique, and the warning counts them. Read by
// Python (xml.etree, UTF-16 slices of the sofa, as UIMA counts).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../../../helpers/pythonConsumer'
import { tempStore } from '../../../../helpers/tempWorkspace'

const skip = pythonMissing(['json'])

describe.skipIf(skip)('xmi export of a discontinuous span', () => {
  it('writes each fragment as a NamedEntity, a relation to the span on its first fragment, and counts it in a warning', async () => {
    const { store, dir } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    const text = '😷 The left and right ventricles were dilated.'
    const cp = (w: string) => [...text.slice(0, text.indexOf(w))].length
    const spans = [
      { id: 'T1', start: cp('left'), end: cp('ventricles') + 10, label: 'LOC', fragments: [[cp('left'), cp('left') + 4], [cp('ventricles'), cp('ventricles') + 10]] },
      { id: 'T2', start: cp('dilated'), end: cp('dilated') + 7, label: 'COND' },
    ]
    const relations = [
      { id: 'R1', head: 'T2', tail: 'T1', label: 'AFFECTS' },
      { id: 'R2', head: 'T1', tail: 'T2', label: 'HAS' },
    ]
    fs.writeFileSync(f, `${JSON.stringify({ id: 'd', text, annotator: 'ann', spans, relations })}\n`)
    await importFiles(store, [f], { annotator: null, backup: false, addLabels: true })
    const out = path.join(dir, 'xmi')
    const r = await exportDataset(store, out, { format: 'xmi' })
    expect(r.warnings).toContain(
      "xmi: 1 discontinuous span was written as its fragments, each a span of its own with the span's label (the format has no discontinuous spans); the words between fragments do not get the label",
    )
    expect(r.warnings.filter((w) => /one range/.test(w))).toEqual([])
    const {
      xmi: [doc],
    } = runPythonConsumer<{ xmi: { spans: string[][]; relations: string[][]; problems: string[] }[] }>('read_annotation_spans.py', [`xmi:${path.join(out, 'd.xmi')}`])
    expect(doc.spans).toEqual([
      ['left', 'LOC'],
      ['ventricles', 'LOC'],
      ['dilated', 'COND'],
    ])
    expect(doc.relations).toEqual([
      ['dilated', 'left', 'AFFECTS'],
      ['left', 'dilated', 'HAS'],
    ])
    expect(doc.problems).toEqual([])
    store.close()
  })
})
