import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { patternFileName } from '../../../../../src/main/services/recommend/patternFiles'
import type { SuggestReport } from '../../../../../src/shared/recommend/report'
import { insertSampleDocument } from '../../../../helpers/sampleDocument'
import { tempStore } from '../../../../helpers/tempWorkspace'

function setup() {
  const t = tempStore()
  const a = insertSampleDocument(t.store, '000_7488830be606d235')
  const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
  const call = (m: string, args: unknown) => dispatch(h, m, args)
  return { ...t, a, call }
}

// A spaCy EntityRuler file as people keep them: a phrase pattern and a token pattern.
const SPACY_PATTERNS = ['{"label":"ORG","pattern":"Islamic State"}', '{"label":"GPE","pattern":[{"LOWER":"brussels"}]}', ''].join('\n')

describe('recommend.patterns.save (an uploaded or pasted pattern file)', () => {
  it('keeps the file in the patterns folder beside the workspace; the patterns recommender then suggests from it', async () => {
    const { dir, a, call } = setup()
    const saved = await call('recommend.patterns.save', { name: 'C:\\Users\\me\\news patterns.jsonl', text: SPACY_PATTERNS })
    expect(saved.ok).toBe(true)
    const { file, patterns } = (saved as { value: { file: string; patterns: number } }).value
    expect(patterns).toBe(2)
    expect(file).toBe(path.join(dir, 'patterns', 'news_patterns.jsonl'))
    expect(fs.readFileSync(file, 'utf8')).toBe(SPACY_PATTERNS)

    const set = await call('recommend.settings.set', { threshold: 0, recommenders: [{ kind: 'patterns', enabled: true, file }] })
    expect(set.ok).toBe(true)
    const r = (await call('recommend.suggestions', { documentId: a.doc.id, annotator: 'alice' })) as { ok: true; value: SuggestReport }
    expect(r.value.problems).toEqual([])
    const texts = new Set(r.value.suggestions.map((s) => `${s.label} ${s.text}`))
    expect(texts).toEqual(new Set(['ORG Islamic State', 'GPE Brussels']))
    expect(r.value.suggestions.every((s) => s.recommender === `patterns:${file}` && a.doc.text.slice(s.start, s.end) === s.text)).toBe(true)
  })

  it('refuses a file with a bad line, naming the line, and writes nothing; an empty file is refused too', async () => {
    const { dir, call } = setup()
    const bad = await call('recommend.patterns.save', { name: 'bad.jsonl', text: '{"label":"ORG","pattern":"Islamic State"}\n{"label":"ORG","pattern":[{"LOWER":1}]}\nnot json\n' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input')
      expect(bad.error.message).toMatch(/^bad\.jsonl: 2 bad pattern lines: line 2: .+; line 3: /)
    }
    const empty = await call('recommend.patterns.save', { name: 'empty.jsonl', text: '\n\n' })
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.error.message).toContain('empty.jsonl: no patterns in it')
    expect(fs.existsSync(path.join(dir, 'patterns', 'bad.jsonl'))).toBe(false)
    expect(fs.existsSync(path.join(dir, 'patterns', 'empty.jsonl'))).toBe(false)
  })

  it('a hostile name never leaves the patterns folder', () => {
    expect(patternFileName('../../etc/passwd')).toBe('passwd.jsonl')
    expect(patternFileName('..\\..\\x.jsonl')).toBe('x.jsonl')
    expect(patternFileName('.hidden')).toBe('hidden.jsonl')
    expect(patternFileName('...')).toBe('patterns.jsonl')
    expect(patternFileName('Prodigy: ner patterns.JSONL')).toBe('Prodigy_ner_patterns.jsonl')
  })
})
