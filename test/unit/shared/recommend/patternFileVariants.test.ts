import { describe, expect, it } from 'vitest'
import { PatternFileErrors, PatternMatcher } from '../../../../src/shared/recommend/patternMatcher'

/**
 * Pattern files as people really write them for spaCy:
 * - predicate names in any case: spaCy upper-cases them (`_get_extra_predicates_dict`:
 *   `type_ = type_.upper()`), so `{"LOWER": {"in": [...]}}` and `{"TEXT": {"regex": …}}`
 *   are valid; they used to be refused as unknown operators;
 * - one JSON array of patterns (what `ruler.add_patterns(json.load(f))` reads),
 *   besides the EntityRuler's JSONL; it used to be refused on line 1. Errors
 *   still name the line where the bad pattern starts.
 */

const TEXT = 'NATO met in Brussels and brussels, then Kerry left.'
const suggest = (file: string, name = 'p.jsonl') => {
  const m = PatternMatcher.fromFile('patterns:test', name, file)
  return m.suggest({ id: 1, text: TEXT }).map((s) => [TEXT.slice(s.start, s.end), s.label])
}
const jsonl = (items: unknown[]) => items.map((l) => JSON.stringify(l)).join('\n')

describe('pattern file variants', () => {
  it('predicate names are case-insensitive, as in spaCy', () => {
    const file = jsonl([
      { label: 'GPE', pattern: [{ LOWER: { in: ['brussels'] } }] },
      { label: 'ORG', pattern: [{ TEXT: { regex: '^[A-Z]{4}$' } }] },
      { label: 'PER', pattern: [{ ORTH: { Not_In: ['NATO', 'Brussels'] }, IS_TITLE: true, length: { '>=': 5 } }] },
    ])
    expect(suggest(file)).toEqual([['NATO', 'ORG'], ['Brussels', 'GPE'], ['brussels', 'GPE'], ['Kerry', 'PER']])
  })

  it('reads one JSON array of patterns, pretty-printed, and names the line of a bad one', () => {
    const good = [{ label: 'ORG', pattern: 'NATO' }, { label: 'PER', pattern: [{ LOWER: 'kerry' }] }]
    expect(suggest(JSON.stringify(good, null, 2), 'patterns.json')).toEqual([['NATO', 'ORG'], ['Kerry', 'PER']])
    const bad = JSON.stringify([...good, { label: 'X', pattern: [{ POS: 'NOUN' }] }], null, 2)
    const err = (() => {
      try {
        PatternMatcher.fromFile('patterns:test', 'patterns.json', bad)
        return null
      } catch (e) {
        return e as PatternFileErrors
      }
    })()
    expect(err).toBeInstanceOf(PatternFileErrors)
    expect(err!.message).toMatch(/line 14: token 1: POS needs a trained spaCy pipeline/)
  })
})

/**
 * The EntityRuler keeps the longest match counted in TOKENS, earliest first
 * among equals (`get_sort_key = lambda m: (m[2] - m[1], -m[1])`); the matcher
 * compared lengths in characters, so "York City" (2 tokens, 9 characters)
 * beat "New York" (2 tokens, 8 characters), and "Supercalifragilistic a"
 * (2 tokens) beat "a b c" (3 tokens).
 */
describe('which of overlapping matches the EntityRuler keeps', () => {
  const run = (patterns: unknown[], text: string) =>
    PatternMatcher.fromFile('patterns:test', 'p.jsonl', jsonl(patterns))
      .suggest({ id: 1, text })
      .map((s) => [text.slice(s.start, s.end), s.label])

  it('the longest in tokens, the earliest among equals', () => {
    expect(run([{ label: 'A', pattern: 'New York' }, { label: 'B', pattern: 'York City' }], 'New York City')).toEqual([['New York', 'A']])
    expect(run([{ label: 'X', pattern: 'Supercalifragilistic a' }, { label: 'Y', pattern: 'a b c' }], 'Supercalifragilistic a b c')).toEqual([['a b c', 'Y']])
  })
})
