import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, errors } from './formatTestUtil'

/**
 * A Universal Dependencies CoNLL-U file (`.conllu` is read as CoNLL) has no
 * entity tags. Every line was refused as 'tag "_" is not a chunk tag' (or
 * 'tag "SpaceAfter=No"'), which says nothing of why; the refusal now names
 * CoNLL-U and what Spanwright reads instead.
 */
describe('CoNLL-U lines', () => {
  it('are refused as CoNLL-U, naming where the tags must be', () => {
    const file = ['# sent_id = 1', '# text = Kerry met Michel.', '1\tKerry\tKerry\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_', '2-3\tmet\t_\t_\t_\t_\t_\t_\t_\t_', '4\tMichel\tMichel\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No', ''].join('\n')
    const errs = errors(decodeAll(streamCodec('conll'), file, 'codepoint', 'ud.conllu'))
    expect(errs.map((e) => e.line)).toEqual([3, 4, 5])
    for (const e of errs) expect(e.reason).toMatch(/^a CoNLL-U line \(ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC\): it has no entity tag/u)
    // A tab-separated CoNLL line with a bad tag is still named as such.
    expect(errors(decodeAll(streamCodec('conll'), 'Kerry\tX-PER\n'))[0].reason).toMatch(/^tag "X-PER" is not a chunk tag/u)
  })
})
