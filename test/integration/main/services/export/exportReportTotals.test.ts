// An export's report says what the file holds. brat's news-tutorial (9 layers, 119 spans, 63 relations) exported
// as txt warned that 182 spans and relations were left out and then said 'exported 9 layers (119 spans, 63
// relations) as txt'; conll, hf, spacy and spacy-docbin likewise claimed 63 relations the file cannot hold, and
// spacy-docbin printed no warning at all about what a .spacy file drops (every other lossy format warns).
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { REPO_ROOT, tempStore } from '../../../../helpers/tempWorkspace'

const NEWS = path.join(REPO_ROOT, 'test', 'fixtures', 'brat', 'news-tutorial')

describe("the export's last line says what was written, and every drop is warned with its count", () => {
  let dir = ''
  let db = ''
  beforeAll(async () => {
    const t = tempStore()
    dir = t.dir
    db = t.file
    await importFiles(t.store, [NEWS], { annotator: 'brat', backup: false, addLabels: true })
    t.store.close()
  })
  const run = async (format: string, out: string) => {
    const r = await cliInProcess(['export', '--format', format, '--out', path.join(dir, out), '--db', db])
    expect(r.code).toBe(0)
    return { last: r.lines[r.lines.length - 1], warnings: r.errors.filter((e) => e.startsWith('warning: ')).map((e) => e.slice('warning: '.length)) }
  }

  it('jsonl keeps everything: the line is as before', async () => {
    expect((await run('jsonl', 'all.jsonl')).last).toBe('exported 9 layers (119 spans, 63 relations) as jsonl, offsets in code points')
  })

  it('txt: nothing written, everything left out', async () => {
    const r = await run('txt', 'txt')
    expect(r.warnings).toContain('plain text carries no annotations: 182 spans and relations were left out (use jsonl or brat to keep them)')
    expect(r.last).toBe('exported 9 layers (0 spans and 0 relations written; 119 spans and 63 relations left out) as txt, offsets in code points')
  })

  it.each(['conll', 'hf', 'spacy'])('%s: the relations are counted as left out, in a warning and on the last line', async (format) => {
    const r = await run(format, `out.${format}`)
    expect(r.warnings).toContain(`${format}: 63 relations were left out (the format holds no relations)`)
    expect(r.last).toMatch(/^exported 9 layers \(\d+ spans and 0 relations written; (\d+ spans and )?63 relations left out\) as /)
  })

  it('spacy-docbin warns what a .spacy file drops, counted, and says it wrote no relations', async () => {
    const r = await run('spacy-docbin', 'out.spacy')
    expect(r.warnings).toContain("spacy-docbin: spaCy's DocBin keeps texts, tokens and labelled spans only: no relations, span ids, annotator, attributes, notes or normalization ids")
    expect(r.warnings).toContain('spacy-docbin: 63 relations were left out (the format holds no relations)')
    expect(r.last).toBe('exported 9 layers (119 spans and 0 relations written; 63 relations left out) as spacy-docbin, offsets in code points')
  })
})
