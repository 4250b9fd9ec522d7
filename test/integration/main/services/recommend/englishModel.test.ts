import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ENGLISH_MAPPING, EnglishModel } from '../../../../../src/main/services/recommend/englishModel'
import { SAMPLES_DIR } from '../../../../helpers/tempWorkspace'

const SCHEMA = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'DATE', 'NORP', 'EVENT']

describe('offline English model (compromise, shipped in the package)', () => {
  it('finds people without their titles, organizations, places (a list cut apart) and dates, at exact UTF-16 offsets', () => {
    const text = '😀 Prime Minister Charles Michel met Kerry in Brussels, Belgium on Tuesday. The European Commission agreed.'
    const got = new EnglishModel(SCHEMA).suggest({ id: 1, text }).map((s) => [text.slice(s.start, s.end), s.label, s.score, s.recommender])
    expect(got).toEqual([
      ['Charles Michel', 'PERSON', 0.5, 'english'],
      ['Kerry', 'PERSON', 0.5, 'english'],
      ['Brussels', 'GPE', 0.5, 'english'],
      ['Belgium', 'GPE', 0.5, 'english'],
      ['Tuesday', 'DATE', 0.5, 'english'],
      ['European Commission', 'ORG', 0.5, 'english'],
    ])
  })

  it('leaves the possessive out of a name, as OntoNotes and CoNLL do', () => {
    const text = "Belgium's prime minister met Washington's envoy on Tuesday."
    const got = new EnglishModel(SCHEMA).suggest({ id: 1, text }).map((s) => text.slice(s.start, s.end))
    expect(got).toContain('Washington')
    expect(got.some((g) => g.endsWith("'s"))).toBe(false)
  })

  it('maps its labels to the schema with an editable mapping; unmapped or unknown labels are not suggested', () => {
    const text = 'Kerry flew to Brussels on Tuesday.'
    const m = new EnglishModel(SCHEMA, { ...DEFAULT_ENGLISH_MAPPING, PLACE: 'LOC', DATE: '' })
    expect(m.suggest({ id: 1, text }).map((s) => [text.slice(s.start, s.end), s.label])).toEqual([
      ['Kerry', 'PERSON'],
      ['Brussels', 'LOC'],
    ])
    expect(new EnglishModel(['PER'], DEFAULT_ENGLISH_MAPPING).suggest({ id: 1, text })).toEqual([])
  })

  it('offers nothing over existing spans, and works on every sample article offline', () => {
    const text = 'Kerry met Michel in Brussels.'
    const m = new EnglishModel(SCHEMA)
    expect(m.suggest({ id: 1, text, spans: [{ start: 0, end: 5 }] }).some((s) => s.start === 0)).toBe(false)
    for (const f of fs.readdirSync(SAMPLES_DIR)) {
      const t = fs.readFileSync(path.join(SAMPLES_DIR, f), 'utf8')
      const got = m.suggest({ id: f, text: t })
      expect(got.length).toBeGreaterThan(5)
      for (const s of got) expect(t.slice(s.start, s.end).trim()).toBe(t.slice(s.start, s.end))
    }
  })
})
