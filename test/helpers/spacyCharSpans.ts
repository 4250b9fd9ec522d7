// The spaCy JSON export of one document as training code reads it: `doc.char_span(start, end, label)` (strict
// alignment, spaCy's default) for every entity and span-group span (test/helpers/python/read_spacy_char_spans.py).
import fs from 'node:fs'
import path from 'node:path'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { runPythonConsumer } from './pythonConsumer'
import { tempStore } from './tempWorkspace'

/** Each span as the reader saw it: its text, label, and whether strict alignment gave a Span (not None). */
export interface CharSpansRead {
  entities: [string, string, boolean][]
  groups: Record<string, [string, string, boolean][]>
}

/** Imports document `d` (spans in UTF-16 offsets, annotator `ann`), exports it as `format`, and reads it back. */
export async function exportedCharSpans(
  format: 'spacy' | 'spacy-jsonl',
  text: string,
  spans: { start: number; end: number; label: string }[],
): Promise<{ read: CharSpansRead; warnings: string[] }> {
  const { store, dir } = tempStore()
  try {
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, `${JSON.stringify({ id: 'd', text, annotator: 'ann', offsets: 'utf16', spans })}\n`)
    await importFiles(store, [f], { annotator: null, addLabels: true, backup: false })
    const out = path.join(dir, `out.${format}`)
    const report = await exportDataset(store, out, { format })
    const array = path.join(dir, 'array.json')
    fs.writeFileSync(array, format === 'spacy' ? fs.readFileSync(out) : `[${fs.readFileSync(out, 'utf8').trim().split('\n').join(',')}]`)
    const [read] = runPythonConsumer<CharSpansRead[]>('read_spacy_char_spans.py', [array])
    return { read, warnings: report.warnings }
  } finally {
    store.close()
  }
}
