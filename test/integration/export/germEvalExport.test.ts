// GermEval 2014 nests entities in two columns (outer, inner). A CoNLL export of a GermEval file wrote one tag column
// with the outermost spans only: `Darmstadt` LOC inside `FC Kickers Darmstadt` ORG was gone, and the file was no
// longer GermEval's layout. Documents read from GermEval's layout are now written back in it, both levels, read here
// as Hugging Face's germeval_14 loader reads them (test/helpers/python/read_germeval.py), and imported again with the
// same spans.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { Store } from '../../../src/main/store/store'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { REPO_ROOT, tempStore } from '../../helpers/tempWorkspace'

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'conll', 'germeval2014_layout.tsv')

interface Sentence {
  source: string
  tokens: string[]
  outer: [string, string][]
  inner: [string, string][]
  problems: string[]
}

/** Every layer's spans as [document, covered text, label], sorted, as a jsonl export gives them. */
async function spansOf(store: Store, dir: string, name: string): Promise<string[][]> {
  const out = path.join(dir, `${name}.jsonl`)
  await exportDataset(store, out, { format: 'jsonl' })
  return fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .flatMap((l) => {
      const r = JSON.parse(l) as { id: string; text: string; spans: { start: number; end: number; label: string }[] }
      return r.spans.map((s) => [r.id, r.text.slice(s.start, s.end), s.label])
    })
    .sort()
}

describe.skipIf(pythonMissing(['csv']))("GermEval 2014's two levels survive a CoNLL export", () => {
  it('both columns written, read by the germeval_14 loader, and imported back with the same spans', async () => {
    const { store, dir } = tempStore()
    const src = path.join(dir, 'NER-de-dev.tsv')
    fs.copyFileSync(FIXTURE, src)
    await importFiles(store, [src], { annotator: 'ann', backup: false, addLabels: true })
    const out = path.join(dir, 'out.tsv')
    const report = await exportDataset(store, out, { format: 'conll' })
    expect(report.warnings).toContain("conll: written in GermEval 2014's layout (index, token, outer tag, inner tag), as the first document's file was: nested spans are in the inner column")
    expect(report.warnings.join('\n')).not.toMatch(/dropped/u)

    const read = runPythonConsumer<Sentence[]>('read_germeval.py', [out])
    expect(read.map((s) => s.problems)).toEqual([[], [], []])
    expect(read.map((s) => [s.outer, s.inner])).toEqual([
      [
        [
          ['FC Kickers Darmstadt', 'ORG'],
          ['Frankfurt', 'LOC'],
        ],
        [['Darmstadt', 'LOC']],
      ],
      [
        [
          ['deutsche', 'LOCderiv'],
          ['SPD-Fraktion', 'ORGpart'],
        ],
        [],
      ],
      [
        [
          ['Angela Merkel', 'PER'],
          ['New Yorker Börse', 'ORG'],
        ],
        [['New Yorker', 'LOCderiv']],
      ],
    ])
    expect(read[2].source).toBe('http://www.welt.de/wirtschaft/article1234567/Boerse.html [2009-10-18]')
    // The exported file is the fixture's lines again.
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(FIXTURE, 'utf8').replace(/\r\n/gu, '\n'))

    const again = tempStore()
    const back = path.join(again.dir, 'NER-de-dev.tsv')
    fs.copyFileSync(out, back)
    await importFiles(again.store, [back], { annotator: 'ann', backup: false, addLabels: true })
    expect(await spansOf(again.store, again.dir, 'again')).toEqual(await spansOf(store, dir, 'first'))
    store.close()
    again.store.close()
  })

  it('a third level is left out and counted; a document from elsewhere gets its id as source, a sentence each', async () => {
    const { store, dir } = tempStore()
    const src = path.join(dir, 'g.tsv')
    fs.copyFileSync(FIXTURE, src)
    await importFiles(store, [src], { annotator: 'ann', backup: false, addLabels: true })
    const text = 'Die Universität von Texas in Austin . Sie lehrt .'
    const at = (w: string, label: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label })
    const other = path.join(dir, 'z.jsonl')
    fs.writeFileSync(other, `${JSON.stringify({ id: 'z', text, annotator: 'ann', spans: [at('Universität von Texas in Austin', 'ORG'), at('Texas in Austin', 'LOC'), at('Austin', 'LOC')] })}\n`)
    await importFiles(store, [other], { annotator: null, backup: false, addLabels: true })
    const out = path.join(dir, 'out.tsv')
    const report = await exportDataset(store, out, { format: 'conll' })
    expect(report.warnings).toContain('conll: GermEval 2014 has two levels: 1 span nested in an inner span was left out')
    const read = runPythonConsumer<Sentence[]>('read_germeval.py', [out])
    const z = read.filter((s) => s.source === 'z')
    expect(z.map((s) => [s.outer, s.inner, s.problems])).toEqual([
      [[['Universität von Texas in Austin', 'ORG']], [['Texas in Austin', 'LOC']], []],
      [[], [], []],
    ])
    store.close()
  })
})
