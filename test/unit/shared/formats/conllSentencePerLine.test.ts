import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, recordView, records } from './formatTestUtil'

const PEER = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'conll', 'spacy_iob_to_docs_sent_per_line.iob')

/**
 * spaCy's sentence-per-line IOB (`spacy convert --converter iob`): `word|TAG` or
 * `word|POS|TAG` tokens, one sentence a line. Every line was refused ('tag ".|O"
 * is not a chunk tag').
 */
describe("spaCy's sentence-per-line .iob", () => {
  it("reads the four sample lines of spaCy's iob_to_docs (IOB1 and IOB2, with and without POS) as four sentences", () => {
    const [rec] = records(decodeAll(streamCodec('conll'), fs.readFileSync(PEER, 'utf8'), 'codepoint', 'sent.iob'))
    const line = 'I like London and New York City .'
    expect(rec.text).toBe([line, line, line, line].join('\n'))
    const spans = recordView(rec).spans.map(([s, e, l]) => [rec.text.slice(s, e), l])
    expect(spans).toEqual(Array.from({ length: 4 }, () => [['London', 'GPE'], ['New York City', 'GPE']]).flat())
    expect((rec.meta.conll as { sentences: number[][] }).sentences).toHaveLength(4)
  })

  it('names the line of a bad tag, and leaves token-per-line files with a | in a word alone', () => {
    expect(errors(decodeAll(streamCodec('conll'), 'I|O like|X-PER\n')).map((e) => [e.line, e.reason.slice(0, 18)])).toEqual([[1, 'tag "X-PER" is not']])
    const [rec] = records(decodeAll(streamCodec('conll'), 'a|b O\nc B-X\n'))
    expect(rec.text).toBe('a|b c')
  })
})
