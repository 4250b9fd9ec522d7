import { describe, expect, it } from 'vitest'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { encodeWebannoLayers } from '../../../../../src/shared/formats/webanno/webannoTsvCodec'
import { makeLayer } from '../formatTestUtil'
import type { SpanSpec } from '../formatTestUtil'
import { decode, fixture } from './tsvTestUtil'

/** A record as the export receives it (one layer of one document). */
function layerOf(r: ImportRecord): ExportLayer {
  const spans: SpanSpec[] = r.spans.map((s) => [s.start, s.end, s.label])
  return makeLayer(r.text, spans, r.relations.map((x) => [x.head, x.tail, x.label]), { meta: r.meta })
}

function encode(layer: ExportLayer): { out: string; warnings: string[] } {
  const warnings: string[] = []
  const out = [...encodeWebannoLayers([layer], { warn: (m) => warnings.push(m) })].map((x) => x.content).join('')
  return { out, warnings }
}

/** Spans as [start, end, label] and relations as [head span, tail span, label], sorted: what must survive. */
function content(r: ImportRecord) {
  const key = (i: number) => `${r.spans[i].start}-${r.spans[i].end}:${r.spans[i].label}`
  return {
    text: r.text,
    spans: r.spans.map((s) => `${s.start}-${s.end}:${s.label}`).sort(),
    relations: r.relations.map((x) => `${key(x.head)}>${key(x.tail)}:${x.label}`).sort(),
  }
}

describe('WebAnno TSV 3.3 export', () => {
  it('writes the layout of the format documentation’s relation example, [n] ids and [source_target] included', () => {
    // webannotsv.adoc, "Disambiguation IDs in relations": `*` there (no value) is each annotation's label here.
    const layer = makeLayer('This is a test .', [[0, 4, 'A'], [15, 16, 'B'], [15, 16, 'C']], [[0, 1, 'R']])
    expect(encode(layer).out).toBe(
      [
        '#FORMAT=WebAnno TSV 3.3',
        '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value',
        '#T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity',
        '',
        '',
        '#Text=This is a test .',
        '1-1\t0-4\tThis\tA\t_\t_\t',
        '1-2\t5-7\tis\t_\t_\t_\t',
        '1-3\t8-9\ta\t_\t_\t_\t',
        '1-4\t10-14\ttest\t_\t_\t_\t',
        '1-5\t15-16\t.\tB[1]|C[2]\tR\t1-1[0_1]\t',
        '',
      ].join('\n'),
    )
  })

  it('the documented example itself reads as that relation (1-1 to the first stacked span on 1-5)', () => {
    const doc = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value',
      '#T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity',
      '',
      '',
      '#Text=This is a test .',
      '1-1\t0-4\tThis\t*\t_\t_',
      '1-2\t5-7\tis\t_\t_\t_',
      '1-3\t8-9\ta\t_\t_\t_',
      '1-4\t10-14\ttest\t_\t_\t_',
      '1-5\t15-16\t.\t*[1]|*[2]\t*\t1-1[0_1]',
      '',
    ].join('\n')
    const r = decode(doc).record!
    expect(content(r).relations).toEqual(['0-4:NamedEntity>15-16:NamedEntity:Relation'])
    expect(r.relations[0].tail).toBe(1)
  })

  it('INCEpTION’s files read, written and read again give the same text, spans and relations', () => {
    for (const f of ['example2.tsv', 'testMultiTokenStackedSpanWithFeatureValue.tsv', 'testCrossSentenceSpanWithoutFeatureValue.tsv', 'testSingleStackedNonTokenRelationWithoutFeatureValue.tsv', 'testSubMultiTokenSpanWithFeatureValue.tsv', 'testSentenceId.tsv', 'docs-emoji-example.tsv']) {
      const first = decode(fixture(f)).record!
      const { out } = encode(layerOf(first))
      const { record: again, errors } = decode(out)
      expect(errors, f).toEqual([])
      expect(content(again!), f).toEqual(content(first))
    }
  })

  it('keeps the imported file’s sentences and tokens when the text is the same', () => {
    const { out } = encode(layerOf(decode(fixture('example2.tsv')).record!))
    const tokenLines = (s: string) => s.split('\n').filter((l) => /^\d+-\d+\t/u.test(l)).map((l) => l.split('\t').slice(0, 3).join('\t'))
    expect(tokenLines(out)).toEqual(tokenLines(fixture('example2.tsv')))
    expect(out.split('\n').filter((l) => l.startsWith('#Text='))).toEqual(fixture('example2.tsv').split('\n').filter((l) => l.startsWith('#Text=')))
  })

  it('any text comes back: tabs, backslashes, CR, blank lines, a final newline, labels with reserved characters', () => {
    const text = 'Kerry\tmet C:\\Michel.\r\n\n\nHe left   Brussels.\n'
    const layer = makeLayer(text, [[0, 5, 'PER|x'], [10, 19, 'B_LOC[1]'], [34, 42, 'a->b;*']], [[0, 2, 'MET\\']])
    const { out, warnings } = encode(layer)
    expect(warnings).toEqual([])
    expect(out).toContain('#Text=Kerry\\tmet C:\\\\Michel.\\r\n#Text=\n#Text=\n1-1\t0-5\tKerry\tPER\\|x\t_\t_\t\n')
    expect(out).toContain('\tPER\\|x\t')
    const back = decode(out).record!
    expect(back.text).toBe(text)
    expect(content(back)).toEqual({ text, spans: ['0-5:PER|x', '10-19:B_LOC[1]', '34-42:a->b;*'], relations: ['0-5:PER|x>34-42:a->b;*:MET\\'] })
  })

  it('says what it cannot carry: spans on whitespace, edges on whitespace, text before the first token', () => {
    const layer = makeLayer('\nKerry met  Michel', [[0, 1, 'WS'], [1, 7, 'PER'], [11, 18, 'PER']], [[0, 1, 'R']])
    const { out, warnings } = encode(layer)
    expect(warnings).toEqual([
      'webanno-tsv: 1 span covers no token (whitespace only) and was left out',
      'webanno-tsv: 1 relation to a span left out was left out',
      'webanno-tsv: 2 spans starting or ending on whitespace were written from their first to their last token (INCEpTION does the same)',
      'webanno-tsv: 1 document has text before its first token other than spaces; the format keeps it as spaces',
    ])
    const back = decode(out).record!
    expect(back.text).toBe(' Kerry met  Michel')
    expect(content(back).spans).toEqual(['1-6:PER', '12-18:PER'])
  })
})
