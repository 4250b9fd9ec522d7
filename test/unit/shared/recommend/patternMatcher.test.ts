import { describe, expect, it } from 'vitest'
import { PatternFileErrors, PatternMatcher } from '../../../../src/shared/recommend/patternMatcher'
import { isTitle, likeNum } from '../../../../src/shared/recommend/tokenAttributes'

const run = (lines: unknown[], text: string) => {
  const m = PatternMatcher.fromFile('patterns:test', 'test.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'))
  return m.suggest({ id: 1, text }).map((s) => [text.slice(s.start, s.end), s.label])
}
const tok = (pattern: unknown[], text: string, label = 'X') => run([{ label, pattern }], text).map((x) => x[0])

describe('pattern file', () => {
  it('matches phrase patterns by exact token text, as the EntityRuler does', () => {
    expect(run([{ label: 'ORG', pattern: 'Islamic State' }], 'The Islamic State, islamic state, Islamic\nState.')).toEqual([
      ['Islamic State', 'ORG'],
      ['Islamic\nState', 'ORG'],
    ])
  })

  it('matches the issue’s token pattern case-insensitively through LOWER', () => {
    expect(tok([{ LOWER: 'islamic' }, { LOWER: 'state' }], 'ISLAMIC STATE and Islamic state')).toEqual(['ISLAMIC STATE', 'Islamic state'])
  })

  it('ORTH and TEXT are the verbatim text; keys are case-insensitive', () => {
    expect(tok([{ ORTH: 'Kerry' }], 'Kerry kerry')).toEqual(['Kerry'])
    expect(tok([{ text: 'Kerry' }], 'Kerry kerry')).toEqual(['Kerry'])
  })

  it('IS_DIGIT, IS_TITLE, IS_UPPER, LIKE_NUM follow Python’s string methods and spaCy’s like_num', () => {
    expect(tok([{ IS_DIGIT: true }], 'In 2016 , 3.5 and ١٢ ')).toEqual(['2016', '١٢'])
    expect(tok([{ IS_TITLE: true }], 'Brussels NATO iPhone McDonald')).toEqual(['Brussels'])
    expect(tok([{ IS_UPPER: true }], 'Brussels NATO iPhone U.S.')).toEqual(['NATO', 'U.S.'])
    expect(tok([{ LIKE_NUM: true }], 'ten 10,000 21st first cat 3.5')).toEqual(['ten', '10,000', '21st', 'first', '3.5'])
    expect(tok([{ IS_TITLE: false, IS_UPPER: false }], 'Ab CD ef')).toEqual(['ef'])
    expect(isTitle('Jean-Claude')).toBe(true)
    expect(isTitle('McDonald')).toBe(false)
    expect(likeNum('-5')).toBe(true)
    expect(likeNum('3/4')).toBe(true)
    expect(likeNum('3/x')).toBe(false)
  })

  it('IN and NOT_IN test membership', () => {
    expect(tok([{ LOWER: { IN: ['mr.', 'dr.'] } }, { IS_TITLE: true }], 'Dr. Who met Mr. Smith and Mrs. Jones')).toEqual(['Dr. Who', 'Mr. Smith'])
    expect(tok([{ LOWER: { NOT_IN: ['the', 'a'] }, IS_ALPHA: true }], 'the cat')).toEqual(['cat'])
  })

  it('OP ? takes zero or one token; the longest match wins', () => {
    expect(tok([{ LOWER: 'new' }, { LOWER: 'york', OP: '?' }, { LOWER: 'city' }], 'new city and New York City')).toEqual(['new city', 'New York City'])
  })

  it('OP + takes one or more, OP * zero or more (all matches; the longest is kept)', () => {
    expect(tok([{ IS_TITLE: true, OP: '+' }, { LOWER: 'inc' }], 'Big Blue Widgets inc and inc')).toEqual(['Big Blue Widgets inc'])
    expect(tok([{ LOWER: 'dr.' }, { IS_TITLE: true, OP: '*' }], 'Dr. and Dr. Mary Ann Lee said')).toEqual(['Dr.', 'Dr. Mary Ann Lee'])
  })

  it('OP ! takes exactly one token that does not match, never zero', () => {
    expect(tok([{ LOWER: 'state' }, { LOWER: 'department', OP: '!' }], 'state department, state police, state')).toEqual(['state police'])
  })

  it('{n,m} quantifiers, LENGTH and REGEX work as in spaCy v3', () => {
    expect(tok([{ IS_DIGIT: true, OP: '{2}' }], '1 2 3')).toEqual(['1 2'])
    expect(tok([{ LENGTH: { '>=': 5 } }], 'tiny enormous')).toEqual(['enormous'])
    expect(tok([{ TEXT: { REGEX: '^[A-Z]{2,}$' } }], 'EU and Eu')).toEqual(['EU'])
  })

  it('a bad line is reported with its number and reason; blank lines are fine', () => {
    const text = [
      '{"label":"ORG","pattern":"Islamic State"}',
      '',
      '{"label":"ORG","pattern":[{"LOWER":"x","OP":"%"}]}',
      'not json',
      '{"pattern":"no label"}',
      '{"label":"X","pattern":[{"POS":"NOUN"}]}',
      '{"label":"X","pattern":[{"LOWER":{"IN":"abc"}}]}',
    ].join('\n')
    let err: unknown
    try {
      PatternMatcher.fromFile('p', 'rules.jsonl', text)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(PatternFileErrors)
    const e = err as PatternFileErrors
    expect(e.errors.map((x) => x.line)).toEqual([3, 4, 5, 6, 7])
    expect(e.message).toMatch(/^rules\.jsonl: 5 bad pattern lines: line 3: token 1: "OP" must be one of/)
    expect(e.errors[1].message).toMatch(/not valid JSON/)
    expect(e.errors[2].message).toMatch(/"label"/)
    expect(e.errors[3].message).toMatch(/POS needs a trained spaCy pipeline/)
    expect(e.errors[4].message).toMatch(/IN needs a list/)
  })

  it('an existing spaCy pattern file with ids and a BOM is read as it is', () => {
    const file = '\uFEFF{"label":"GPE","pattern":"Brussels","id":"brussels"}\r\n{"label":"ORG","pattern":[{"LOWER":"nato"}],"id":"nato"}\r\n'
    const m = PatternMatcher.fromFile('patterns:x', 'x.jsonl', file)
    expect(m.patterns.map((p) => p.id)).toEqual(['brussels', 'nato'])
    expect(m.suggest({ id: 1, text: 'NATO in Brussels' }).map((s) => s.label)).toEqual(['ORG', 'GPE'])
  })
})
