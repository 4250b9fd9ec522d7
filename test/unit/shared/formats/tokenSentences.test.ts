import { describe, expect, it } from 'vitest'
import { sentenceRanges } from '../../../../src/shared/formats/tokenSentences'
import { tokenize } from '../../../../src/shared/text/tokenizer'

/** Sentences as their token texts joined by spaces. */
function sentences(text: string, spans: { start: number; end: number }[] = []): string[] {
  const toks = tokenize(text, spans)
  return sentenceRanges(text, toks, spans).map(([a, b]) => toks.slice(a, b + 1).map((t) => t.text).join(' '))
}

describe('sentenceRanges', () => {
  it('does not end a sentence after a title, an initialism, a month or an initial', () => {
    expect(sentences('Dr. Ünal met Mr. Smith and Prof. J. Doe of the U.S. Army on Jan. 5. They left.')).toEqual([
      'Dr. Ünal met Mr. Smith and Prof. J. Doe of the U.S. Army on Jan. 5 .',
      'They left .',
    ])
    expect(sentences('It rose, e.g. in the E.U. and the U.K. Prices fell.')).toEqual(['It rose , e.g. in the E.U. and the U.K. Prices fell .'])
  })

  it('keeps No. 5 together but ends a sentence after an ordinary word', () => {
    expect(sentences('He won No. 5 today. No one came.')).toEqual(['He won No . 5 today .', 'No one came .'])
  })

  it('ends sentences at ! ? and line breaks (CRLF too), after closing quotes', () => {
    expect(sentences('Hi there! How are you?\r\nFine thanks\nHe said "no." Then left.')).toEqual([
      'Hi there !',
      'How are you ?',
      'Fine thanks',
      'He said " no . "',
      'Then left .',
    ])
  })

  it('splits Hebrew sentences and keeps emoji inside theirs', () => {
    expect(sentences('שלום עולם. מה שלומך? 👍🏽 טוב.')).toEqual(['שלום עולם .', 'מה שלומך ?', '👍🏽 טוב .'])
  })

  it('never breaks inside a span, even across a line break', () => {
    const text = 'He met Kerry.\nMichel left. Then rain.'
    const s = text.indexOf('Kerry')
    expect(sentences(text, [{ start: s, end: text.indexOf('Michel') + 6 }])).toEqual(['He met Kerry . Michel left .', 'Then rain .'])
  })

  it('is empty for a text without tokens, and one sentence for a text without an end', () => {
    expect(sentences('  \n')).toEqual([])
    expect(sentences('no full stop here')).toEqual(['no full stop here'])
  })

  it('splits a very long line like a short one (the segmenter runs in pieces)', () => {
    const one = 'Kerry met Michel in Brussels on Monday and they talked for a long time. '
    const text = one.repeat(400)
    const got = sentences(text)
    expect(got).toHaveLength(400)
    expect(new Set(got)).toEqual(new Set([sentences(one)[0]]))
  })
})
