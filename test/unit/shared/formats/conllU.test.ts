import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, recordView, records } from './formatTestUtil'

const PEER = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'conll', 'spacy_test_cli_misc_ner.conllu')

/**
 * CoNLL-U (`.conllu` is read as CoNLL). Entity tags in MISC are read as spaCy's
 * conllu converter reads them (`name=B-PER`, `NE=B-PER`; a word without one is
 * O; multiword-token lines are not words). A file with no tag in MISC at all is
 * refused once, naming CoNLL-U and where the tags must be (it was refused line by
 * line as 'tag "_" is not a chunk tag' before h40, and its entity tags were never read).
 */
describe('CoNLL-U with entity tags in MISC', () => {
  it("reads spaCy's own test sentences (name=, NE= with BILUO, a multiword token) as spaCy's converter does", () => {
    const recs = records(decodeAll(streamCodec('conll'), fs.readFileSync(PEER, 'utf8'), 'codepoint', 'nor.conllu'))
    expect(recs).toHaveLength(1)
    const [rec] = recs
    expect(rec.text).toBe('Dommer Finn Eilertsen avstår .\nDommer Finn Eilertsen avstår .\nDommer Finn Eilertsen avstår .')
    const spans = recordView(rec).spans.map(([s, e, l]) => [rec.text.slice(s, e), l, s])
    expect(spans).toEqual([
      ['Finn Eilertsen', 'PER', 7],
      ['.', 'BAD', 29],
      ['Finn Eilertsen', 'PER', 38],
      ['.', 'BAD', 60],
      ['Finn Eilertsen', 'PER', 69],
    ])
    expect(rec.notes).toEqual({ 'CoNLL-U multiword-token and empty-node lines (1-2, 1.1), not words of the text (their words are)': 1 })
    // CoNLL-U's own columns are not kept as middle columns (a CoNLL export would write them between word and tag).
    expect((rec.meta.conll as { columns?: unknown }).columns).toBeUndefined()
  })

  it('refuses a CoNLL-U file without entity tags once, naming CoNLL-U and where the tags are read from', () => {
    const file = ['# sent_id = 1', '# text = Kerry met Michel.', '1\tKerry\tKerry\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_', '2-3\tmet\t_\t_\t_\t_\t_\t_\t_\t_', '4\tMichel\tMichel\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No', ''].join('\n')
    const errs = errors(decodeAll(streamCodec('conll'), file, 'codepoint', 'ud.conllu'))
    expect(errs.map((e) => e.line)).toEqual([3])
    expect(errs[0].reason).toMatch(/^a CoNLL-U file with no entity tag in its MISC column \(ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC\)/u)
    // A tab-separated CoNLL line with a bad tag is still named as such.
    expect(errors(decodeAll(streamCodec('conll'), 'Kerry\tX-PER\n'))[0].reason).toMatch(/^tag "X-PER" is not a chunk tag/u)
  })

  it('starts a document at each `# newdoc` (named by its id), as at -DOCSTART- (all documents were one)', () => {
    const tok = (i: number, w: string, misc: string) => `${i}\t${w}\t${w}\tX\t_\t_\t0\troot\t_\t${misc}`
    const file = ['# newdoc id = weblog-1', '# sent_id = 1', tok(1, 'Kerry', 'NE=B-PER'), tok(2, 'spoke', '_'), '', '# newdoc', '# sent_id = 2', tok(1, 'Paris', 'NE=B-LOC'), ''].join('\n')
    const recs = records(decodeAll(streamCodec('conll'), file, 'codepoint', 'ud.conllu'))
    expect(recs.map((r) => [r.externalId, r.text, recordView(r).spans])).toEqual([
      ['weblog-1', 'Kerry spoke', [[0, 5, 'PER']]],
      ['ud-2', 'Paris', [[0, 5, 'LOC']]],
    ])
  })
})
