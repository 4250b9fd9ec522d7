import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import type { LibraryCounts, LibraryEntry } from '../../src/shared/api/methods/documents'
import { tempStore } from '../helpers/tempWorkspace'

/**
 * Search in scripts written without spaces (Chinese, Japanese, Thai, …) and for emoji. FTS5's unicode61 makes a
 * whole run of such letters one token and reads emoji as separators, so only the start of a run was ever found.
 * The oracle is a plain substring scan of id, title and text.
 */
const TEXTS = [
  '東京都に住む人々は多い。',
  '北京大学の研究者が来た',
  'ภาษาไทยเป็นภาษาที่สวยงาม',
  'I love 😀 emoji and 🇧🇪 flags',
  'ລາວ ພາສາລາວ and ភាសាខ្មែរ',
  'plain English police report',
  '警察は東京で会見した police',
]

function corpus() {
  const { store } = tempStore()
  const ids: number[] = []
  store.transaction(() => {
    for (let round = 0; round < 3; round++)
      TEXTS.forEach((t, i) => ids.push(store.documents.insert({ externalId: `d${round}-${i}`, title: `Doc ${round}-${i}`, text: t, meta: {} })))
  })
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const call = async <T,>(method: string, args: Record<string, unknown>): Promise<T> => {
    const r = await dispatch(h, method, { annotator: 'alice', ...args })
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const list = async (args: Record<string, unknown>) => (await call<LibraryEntry[]>('documents.list', args)).map((e) => e.externalId)
  const counts = (args: Record<string, unknown>) => call<LibraryCounts>('documents.counts', args)
  const substring = (...words: string[]) =>
    [0, 1, 2].flatMap((round) => TEXTS.map((t, i) => ({ id: `d${round}-${i}`, t }))).filter(({ t }) => words.every((w) => t.includes(w))).map((d) => d.id)
  return { store, ids, list, counts, substring }
}

describe('library search in scripts without spaces, and emoji', () => {
  it('finds a word inside a run of CJK, Thai, Lao or Khmer letters, and emoji, as a substring scan does', async () => {
    const { list, counts, substring } = corpus()
    for (const q of ['住む', '人々', '東京', '大学', 'ไทย', 'สวยงาม', 'ພາສາ', 'ខ្មែរ', '😀', '🇧🇪', '会見']) {
      const want = substring(q)
      expect(want.length, q).toBeGreaterThan(0)
      expect(await list({ query: q }), q).toEqual(want)
      expect((await counts({ query: q })).total, q).toBe(want.length)
    }
  })

  it('composes with indexed words, other filters, sorts and paging', async () => {
    const { store, ids, list, counts, substring } = corpus()
    // An indexed word and an unspaced one must both occur.
    expect(await list({ query: 'police 東京' })).toEqual(substring('police', '東京'))
    expect(await list({ query: 'police 住む' })).toEqual([])
    store.documents.setStatus(ids[0], store.annotators.ensure('alice').id, 'done')
    expect(await list({ query: '住む', status: 'done' })).toEqual(['d0-0'])
    expect(await counts({ query: '住む' })).toEqual({ total: 3, byStatus: { todo: 2, in_progress: 0, done: 1 } })
    expect(await list({ query: '東京', sort: 'title', dir: 'desc' })).toEqual(substring('東京').reverse())
    expect(await list({ query: '東京', sort: 'relevance' })).toEqual(substring('東京'))
    const pages = [...(await list({ query: '東京', limit: 4 })), ...(await list({ query: '東京', offset: 4, limit: 4 }))]
    expect(pages).toEqual(substring('東京'))
    expect(await list({ query: '東京', offset: 100 })).toEqual([])
  })

  it('marks the words found inside a run in the title and the snippet', async () => {
    const { store } = tempStore()
    store.documents.insert({ externalId: 'jp', title: '東京都に住む人々', text: `${'前置き '.repeat(40)}東京都に住む人々は多い。 police 😀 end`, meta: {} })
    const h = createHandlers({ store, version: 't', transport: 'http' })
    const r = await dispatch(h, 'documents.list', { annotator: 'alice', query: '住む police 😀' })
    if (!r.ok) throw new Error(r.error.message)
    const [entry] = r.value as LibraryEntry[]
    expect(entry.match?.title).toBe('東京都に\u0002住む\u0003人々')
    expect(entry.match?.text).toContain('東京都に\u0002住む\u0003人々は多い。 \u0002police\u0003 \u0002😀\u0003 end')
    expect(entry.match?.text?.startsWith('…')).toBe(true)
  })
})

