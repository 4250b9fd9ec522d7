// `spanwright export --format conll --conll-docstart spacy`, as a user runs it: each document starts with spaCy's
// document delimiter `-DOCSTART- -X- O O`, which `spacy convert --converter ner` splits documents at, read here by
// the re-implementation of its converter (test/helpers/python/read_spacy_conll_ner.py); bad values are refused.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cliRun'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempDir } from '../../helpers/tempWorkspace'

describe.skipIf(pythonMissing(['json']))('spanwright export --conll-docstart', () => {
  it('spacy: two documents of a two-column file are two spaCy docs with no -DOCSTART- word; bad values are refused', () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(f, ['{"id":"a","text":"Kerry met Michel.","annotator":"ann","spans":[{"start":0,"end":5,"label":"PER"}]}', '{"id":"b","text":"Paris is big.","annotator":"ann","spans":[{"start":0,"end":5,"label":"LOC"}]}', ''].join('\n'))
    expect(cli(['import', f, '--db', db, '--add-labels']).code).toBe(0)
    const out = path.join(dir, 'train.conll')
    const r = cli(['export', '--db', db, '--format', 'conll', '--conll-docstart', 'spacy', '--out', out])
    expect(r.err).not.toMatch(/^spanwright export: /m)
    expect(r.code).toBe(0)
    expect(fs.readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('-DOCSTART-'))).toEqual(['-DOCSTART- -X- O O', '-DOCSTART- -X- O O'])
    expect(runPythonConsumer('read_spacy_conll_ner.py', [out])).toEqual([
      { words: ['Kerry', 'met', 'Michel', '.'], ents: [['PER', 0, 0]] },
      { words: ['Paris', 'is', 'big', '.'], ents: [['LOC', 0, 0]] },
    ])
    expect(cli(['export', '--db', db, '--format', 'conll', '--conll-docstart', 'x', '--out', out]).err).toMatch(/--conll-docstart is columns or spacy, not "x"/)
    expect(cli(['export', '--db', db, '--format', 'hf', '--conll-docstart', 'spacy', '--out', path.join(dir, 'h.jsonl')]).err).toMatch(/--conll-docstart goes with --format conll, not hf/)
  }, 240_000)
})
