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
