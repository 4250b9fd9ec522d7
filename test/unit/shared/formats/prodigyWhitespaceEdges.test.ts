// Prodigy's view of a span that starts or ends on whitespace ('  leading',
// 'trailing  ', a word with its newline, a lone no-break space). Prodigy
// resolves a span to tokens by its characters (spaCy's Doc.char_span in its
// default "strict" mode): the span must start where its token_start token
// starts and end where its token_end token ends, or Prodigy stops with
// "Mismatched tokenization". spaCy's own tokenizer makes a whitespace token of
// a run of spaces it cannot attach to a word ("a  b" -> a, ' ', b), so the
// export does the same where a span edge lies in whitespace, and the spans stay
// exact (a re-import gives back every span).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, layerView, makeLayer, records } from './formatTestUtil'
import type { SpanSpec } from './formatTestUtil'

const TEXT = '  leading space\u00a0and trailing  \r\nNew York\x85 😀 end'
const SPANS: SpanSpec[] = [
  [0, 9, 'X'], // '  leading'
  [20, 30, 'Y'], // 'trailing  '
  [32, 41, 'LOC'], // 'New York\x85'
  [15, 16, 'WS'], // the no-break space alone
  [10, 15, 'Z'], // 'space': no edge whitespace
  [41, 45, 'E'], // ' 😀 ' (code points: 41..44)
]

type Task = {
  text: string
  tokens: { text: string; start: number; end: number; id: number; ws: boolean }[]
  spans: { start: number; end: number; token_start?: number; token_end?: number; label: string }[]
  relations: { head: number; child: number }[]
}
const cp = (text: string, s: number, e: number) => Array.from(text).slice(s, e).join('')

describe('Prodigy export: a span with whitespace at its edges', () => {
  it('starts on its token_start token and ends on its token_end token, in code points, and comes back exactly', () => {
    const layer = makeLayer(TEXT, SPANS, [[0, 1, 'R']])
    const { out, warnings } = encodeAll(streamCodec('prodigy'), [layer])
    const task = JSON.parse(out.trim()) as Task
    for (const t of task.tokens) expect(cp(task.text, t.start, t.end)).toBe(t.text)
    // Tokens are in order and never overlap.
    for (let i = 1; i < task.tokens.length; i++) expect(task.tokens[i].start).toBeGreaterThanOrEqual(task.tokens[i - 1].end)
    task.tokens.forEach((t, i) => expect(t.id).toBe(i))
    expect(task.spans).toHaveLength(SPANS.length)
    for (const s of task.spans) {
      expect(s.token_start, JSON.stringify(s)).toBeTypeOf('number')
      expect(task.tokens[s.token_start!].start, JSON.stringify(s)).toBe(s.start)
      expect(task.tokens[s.token_end!].end, JSON.stringify(s)).toBe(s.end)
    }
    // The relation's head/child are the last token of each span.
    expect(task.relations[0].head).toBe(task.spans[0].token_end)
    expect(task.relations[0].child).toBe(task.spans[1].token_end)
    expect(warnings.join('\n')).not.toMatch(/cover no token/u)
    const back = records(decodeAll(streamCodec('prodigy'), out))
    expect(back[0].spans.map((s) => [s.start, s.end, s.label]).sort()).toEqual(layerView(layer).spans.sort())
  })

  it('whitespace is laid out as spaCy does: one space after a token is its ws, other whitespace a token, cut at span edges', () => {
    const text = 'Kerry  met   Michel'
    const { out } = encodeAll(streamCodec('prodigy'), [makeLayer(text, [[5, 10, 'X']])])
    const task = JSON.parse(out.trim()) as Task
    // The span takes both spaces before 'met', so they are one token; of the three after it, one is met's ws.
    expect(task.tokens.map((t) => t.text)).toEqual(['Kerry', '  ', 'met', '  ', 'Michel'])
    expect(task.tokens.map((t) => t.ws)).toEqual([false, false, true, false, false])
    expect(task.spans[0]).toMatchObject({ start: 5, end: 10, token_start: 1, token_end: 2 })
  })

  it('a span added to a task from Prodigy that does not start and end on its tokens gets no token indexes, and a warning', () => {
    const text = 'Kerry met Michel'
    const tokens = [
      { text: 'Kerry', start: 0, end: 5, id: 0, ws: true },
      { text: 'met', start: 6, end: 9, id: 1, ws: true },
      { text: 'Michel', start: 10, end: 16, id: 2, ws: false },
    ]
    const line = JSON.stringify({ text, tokens, spans: [{ start: 0, end: 5, token_start: 0, token_end: 0, label: 'PER' }], answer: 'accept' })
    const [r] = records(decodeAll(streamCodec('prodigy'), line))
    const layer = makeLayer(text, [[0, 5, 'PER'], [5, 9, 'X'], [10, 16, 'PER']], [], { meta: r.meta })
    const { out, warnings } = encodeAll(streamCodec('prodigy'), [layer])
    const task = JSON.parse(out.trim()) as Task
    expect(task.spans).toEqual([
      { start: 0, end: 5, token_start: 0, token_end: 0, label: 'PER' },
      { start: 5, end: 9, label: 'X' },
      { start: 10, end: 16, token_start: 2, token_end: 2, label: 'PER' },
    ])
    expect(warnings.join('\n')).toMatch(/1 span added to a task from Prodigy does not start and end on its tokens/u)
  })

  it('for random spans on texts with runs of spaces, tabs, newlines and emoji, every span is on its tokens', () => {
    const texts = ['  Kerry  met\tMichel \n\n in  Paris.  ', 'a😀 b  c\u00a0 d\r\ne ', ' x']
    const runs = Number(process.env.SPANWRIGHT_PRODIGY_RUNS) || 100
    for (const text of texts) {
      const cuts = [0]
      for (let i = 1; i < text.length; i++) if (!(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff)) cuts.push(i)
      cuts.push(text.length)
      const span = fc
        .tuple(fc.nat(cuts.length - 1), fc.nat(cuts.length - 1))
        .filter(([a, b]) => a !== b)
        .map(([a, b]): SpanSpec => [cuts[Math.min(a, b)], cuts[Math.max(a, b)], 'X'])
      fc.assert(
        fc.property(fc.uniqueArray(span, { maxLength: 6, selector: (x) => `${x[0]}:${x[1]}` }), (spans) => {
          const task = JSON.parse(encodeAll(streamCodec('prodigy'), [makeLayer(text, spans)]).out.trim()) as Task
          task.tokens.forEach((t, i) => {
            expect(cp(task.text, t.start, t.end)).toBe(t.text)
            if (i) expect(t.start).toBeGreaterThanOrEqual(task.tokens[i - 1].end)
          })
          // Doc(words, spaces) rebuilt from the tokens is the text, each token where the task says.
          let rebuilt = ''
          for (const t of task.tokens) {
            expect([...rebuilt].length).toBe(t.start)
            rebuilt += t.text + (t.ws ? ' ' : '')
          }
          expect(rebuilt).toBe(task.text)
          expect(task.spans).toHaveLength(spans.length)
          for (const s of task.spans) {
            expect(task.tokens[s.token_start!].start).toBe(s.start)
            expect(task.tokens[s.token_end!].end).toBe(s.end)
          }
        }),
        { numRuns: runs },
      )
    }
  })
})
