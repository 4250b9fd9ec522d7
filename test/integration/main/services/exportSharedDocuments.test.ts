import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Two annotators labelled the same document differently, and the whole
 * workspace is exported for training. spaCy tuples, CoNLL and Hugging Face
 * rows keep no annotator, so the document is written once per layer, the same
 * text (HF: the same row ids) with conflicting labels, and training code reads
 * them as two examples. The report said only, as for every export, that the
 * format keeps no annotator. It now names how many documents are so doubled
 * and what to export instead; formats that keep the annotator say nothing.
 */

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

describe('documents written once per annotator in formats without annotators', () => {
  it('are counted in the report', async () => {
    const { store, dir } = tempStore()
    opened = store
    const src = path.join(dir, 'in.jsonl')
    const line = (id: string, annotator: string, label: string) => JSON.stringify({ id, text: 'Kerry met Michel', annotator, spans: [{ start: 0, end: 5, label }] })
    fs.writeFileSync(src, [line('d1', 'alice', 'PER'), line('d1', 'bob', 'ORG'), line('d2', 'alice', 'PER')].join('\n'))
    await importFiles(store, [src], { annotator: null, format: 'jsonl', backup: false, addLabels: true })
    for (const format of ['conll', 'hf', 'spacy', 'spacy-jsonl'] as const) {
      const r = await exportDataset(store, path.join(dir, `out.${format}`), { format })
      expect(r.warnings.join('\n'), format).toMatch(/1 document has layers of several annotators and is written once per layer/u)
    }
    for (const format of ['jsonl', 'doccano', 'prodigy', 'labelstudio'] as const) {
      const r = await exportDataset(store, path.join(dir, `keep.${format}`), { format })
      expect(r.warnings.join('\n'), format).not.toMatch(/several annotators/u)
    }
    // One annotator's layers: nothing doubled, nothing said.
    const one = await exportDataset(store, path.join(dir, 'alice.conll'), { format: 'conll', annotator: 'alice' })
    expect(one.warnings.join('\n')).not.toMatch(/several annotators/u)
  })
})
