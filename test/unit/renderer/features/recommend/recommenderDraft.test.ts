import { describe, expect, it } from 'vitest'
import { DEFAULT_ENGLISH_MAPPING } from '../../../../../src/main/services/recommend/englishModel'
import { configOf, draftProblems, ENGLISH_DEFAULT_MAPPING, englishMapping, KINDS, unknownTargets, withConfig } from '../../../../../src/renderer/features/recommend/recommenderDraft'
import type { LabelType } from '../../../../../src/shared/domain/model'
import { DEFAULT_RECOMMENDER_SETTINGS, RecommenderKind } from '../../../../../src/shared/recommend/settings'
import type { RecommenderSettings } from '../../../../../src/shared/recommend/settings'

const label = (name: string, kind: 'entity' | 'relation' = 'entity') => ({ name, kind }) as LabelType

describe('the Recommenders screen model', () => {
  it('has one card for every kind the settings know, and the English defaults are the model\u2019s own', () => {
    expect(KINDS.map((k) => k.kind).sort()).toEqual([...RecommenderKind.options].sort())
    expect(ENGLISH_DEFAULT_MAPPING).toEqual(DEFAULT_ENGLISH_MAPPING)
  })

  it('a card edits the first configuration of its kind and keeps the others; a missing kind is added switched on only when asked', () => {
    const s: RecommenderSettings = {
      threshold: 0.2,
      recommenders: [
        { kind: 'string-matcher', enabled: true },
        { kind: 'ls-backend', enabled: false, url: 'http://a:1' },
        { kind: 'ls-backend', enabled: true, url: 'http://b:2' },
      ],
    }
    expect(configOf(s, 'openai')).toEqual({ kind: 'openai', enabled: false })
    const on = withConfig(s, 'ls-backend', { enabled: true })
    expect(on.recommenders).toEqual([s.recommenders[0], { kind: 'ls-backend', enabled: true, url: 'http://a:1' }, s.recommenders[2]])
    expect(s.recommenders[1].enabled).toBe(false)
    const added = withConfig(DEFAULT_RECOMMENDER_SETTINGS, 'openai', { url: 'http://127.0.0.1:11434/v1', model: 'llama3.1' })
    expect(added.recommenders.at(-1)).toEqual({ kind: 'openai', enabled: false, url: 'http://127.0.0.1:11434/v1', model: 'llama3.1' })
    // An emptied field goes away rather than being saved as ''.
    expect(withConfig(added, 'openai', { url: '' }).recommenders.at(-1)).toEqual({ kind: 'openai', enabled: false, model: 'llama3.1' })
  })

  it('names what keeps a draft from being saved, in plain words, on the card it belongs to', () => {
    expect(draftProblems(DEFAULT_RECOMMENDER_SETTINGS)).toEqual([])
    const bad: RecommenderSettings = {
      threshold: 1.5,
      recommenders: [
        { kind: 'ls-backend', enabled: true, url: 'ftp://x' },
        { kind: 'openai', enabled: true, url: 'http://127.0.0.1:11434/v1' },
        { kind: 'patterns', enabled: true },
        { kind: 'english', enabled: false },
      ],
    }
    const got = draftProblems(bad)
    expect(got).toContainEqual({ kind: 'ls-backend', message: 'The URL must start with http:// or https://.' })
    expect(got).toContainEqual({ kind: 'openai', message: 'Give the model name (for example llama3.1) before switching it on.' })
    expect(got).toContainEqual({ kind: 'patterns', message: 'Give the pattern file (a .jsonl path) before switching patterns on.' })
    expect(got).toContainEqual({ kind: '', message: 'The threshold is an F1 between 0 and 1.' })
    // A switched-off recommender with nothing filled in is no problem.
    expect(got.some((p) => p.kind === 'english')).toBe(false)
  })

  it('shows every English label with its target, and flags a target the schema lacks (relation labels do not count)', () => {
    const m = englishMapping({ kind: 'english', enabled: true, mapping: { PLACE: 'LOC', DATE: '' } })
    expect(m).toEqual({ PERSON: 'PERSON', ORG: 'ORG', PLACE: 'LOC', DATE: '' })
    expect(unknownTargets(m, [label('PERSON'), label('LOC'), label('ORG', 'relation')])).toEqual(['ORG'])
  })
})
