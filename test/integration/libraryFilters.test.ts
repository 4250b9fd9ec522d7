import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlers'
import { createRelation, createSpan } from '../../src/main/services/annotate/annotationService'
import { importFiles } from '../../src/main/services/import/importFiles'
import type { LibraryEntry } from '../../src/shared/api/methods/documents'
import { SAMPLES_DIR, tempStore } from '../helpers/tempWorkspace'

async function library() {
  const { store } = tempStore()
  await importFiles(store, [SAMPLES_DIR], { annotator: null })
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const list = async (args: Record<string, unknown>) => {
    const r = await dispatch(h, 'documents.list', { annotator: 'alice', ...args })
    if (!r.ok) throw new Error(r.error.message)
    return r.value as LibraryEntry[]
  }
  return { store, h, list }
}

const KERRY = '001_5a98d8623b08ebb0'

describe('library filters and search', () => {
  it('filters by status and by label in the annotator layer, with span and relation counts', async () => {
    const { store, list } = await library()
    const all = await list({})
    expect(all).toHaveLength(5)
    const [first, second] = all
    const text = store.documents.byId(first.id)!.text
    const word = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length })
    const firstWord = /\p{L}+/u.exec(text)![0]
    const secondWord = /\p{L}{4,}/u.exec(text.slice(text.indexOf(firstWord) + firstWord.length + 1))![0]
    const base = { documentId: first.id, annotator: 'alice', attributes: {}, note: '' }
    const a = createSpan(store, { ...base, label: 'PERSON', ...word(firstWord) })
    const b = createSpan(store, { ...base, label: 'PERSON', ...word(secondWord) })
    createRelation(store, { documentId: first.id, annotator: 'alice', label: 'PART_OF', headId: a.id, tailId: b.id })
    // bob's ORG span must not show under alice's label filter.
    createSpan(store, { documentId: second.id, annotator: 'bob', label: 'ORG', start: 0, end: 3, attributes: {}, note: '' })
    store.documents.setStatus(second.id, store.annotators.ensure('alice').id, 'done')

    const withPerson = await list({ label: 'PERSON' })
    expect(withPerson.map((d) => d.id)).toEqual([first.id])
    expect(withPerson[0]).toMatchObject({ spanCount: 2, relationCount: 1, status: 'in_progress', match: null })
    expect(await list({ label: 'ORG' })).toEqual([])
    expect((await dispatch(createHandlers({ store, version: 't', transport: 'http' }), 'documents.list', { annotator: 'bob', label: 'ORG' })).ok).toBe(true)

    expect((await list({ status: 'done' })).map((d) => d.id)).toEqual([second.id])
    expect((await list({ status: 'in_progress' })).map((d) => d.id)).toEqual([first.id])
    expect(await list({ status: 'todo' })).toHaveLength(3)
    // Filters combine.
    expect(await list({ status: 'done', label: 'PERSON' })).toEqual([])
    // A new annotator sees every document as todo with zero counts.
    const carol = await dispatch(createHandlers({ store, version: 't', transport: 'http' }), 'documents.list', { annotator: 'carol', status: 'todo' })
    expect(carol.ok && (carol.value as LibraryEntry[]).every((d) => d.spanCount === 0)).toBe(true)
    expect(carol.ok && (carol.value as LibraryEntry[]).length).toBe(5)
  })

  it('searches the body text case-insensitively and returns a snippet around the first hit', async () => {
    const { store, list } = await library()
    const kerry = store.documents.byExternalId(KERRY)!
    // A word from deep inside the body, not the title.
    const body = kerry.text.slice(kerry.text.indexOf('\n') + 1)
    const word = /\b\p{L}{9,}\b/u.exec(body.slice(Math.floor(body.length / 2)))![0]
    expect(kerry.title.toLowerCase()).not.toContain(word.toLowerCase())
    const hits = await list({ query: word.toUpperCase() })
    const hit = hits.find((d) => d.externalId === KERRY)!
    expect(hit).toBeTruthy()
    expect(hit.match!.field).toBe('text')
    // The snippet is the text around the first hit (in the text's own case), whitespace collapsed.
    const firstAt = kerry.text.toLowerCase().indexOf(word.toLowerCase())
    expect(hit.match!.match).toBe(kerry.text.slice(firstAt, firstAt + word.length))
    const beforeWords = kerry.text.slice(Math.max(0, firstAt - 30), firstAt).replace(/\s+/gu, ' ').trim().split(' ').slice(1).join(' ')
    expect(hit.match!.before.replace(/^…/, '')).toContain(beforeWords)
    expect(hit.match!.before.length + hit.match!.after.length).toBeLessThan(200)
    // Every document returned really contains the word.
    for (const d of hits) {
      const doc = store.documents.byId(d.id)!
      expect((doc.title + doc.text + doc.externalId).toLowerCase()).toContain(word.toLowerCase())
    }
    expect(await list({ query: 'zzqqxx-not-in-any-document' })).toEqual([])
  })

  it('finds a title match, positions snippets in code points past emoji, and treats LIKE wildcards literally', async () => {
    const { store, list } = await library()
    const text = 'Families 👨‍👩‍👧 fled Schaerbeek 😀 as the floods rose; 100% of homes_here were lost.'
    store.documents.insert({ externalId: 'emoji', title: 'Flood report', text, meta: {} })
    const byTitle = (await list({ query: 'flood REPORT' })).find((d) => d.externalId === 'emoji')!
    expect(byTitle.match).toEqual({ field: 'title', before: '', match: 'Flood report', after: '' })
    const hit = (await list({ query: 'schaerbeek' })).find((d) => d.externalId === 'emoji')!
    expect(hit.match).toMatchObject({ field: 'text', before: 'Families 👨‍👩‍👧 fled ', match: 'Schaerbeek' })
    expect(hit.match!.after.startsWith(' 😀 as the floods')).toBe(true)
    expect((await list({ query: '100%' })).map((d) => d.externalId)).toEqual(['emoji'])
    expect((await list({ query: 'homes_here' })).map((d) => d.externalId)).toEqual(['emoji'])
    expect(await list({ query: 'homes%here' })).toEqual([])
    // Imported text repeats the title as its first line: the snippet skips it for the first hit in the body.
    store.documents.insert({ externalId: 'titled', title: 'Police raid in Liège', text: 'Police raid in Liège\n\nOfficers said the police acted at dawn.', meta: {} })
    const titled = (await list({ query: 'POLICE' })).find((d) => d.externalId === 'titled')!
    expect(titled.match).toEqual({ field: 'text', before: 'Officers said the ', match: 'police', after: ' acted at dawn.' })
    const onlyTitle = (await list({ query: 'liège' })).find((d) => d.externalId === 'titled')
    expect(onlyTitle?.match?.field).toBe('title')
  })

  it('rejects bad filter arguments with a clear error', async () => {
    const { h } = await library()
    for (const args of [{ annotator: 'alice', status: 'finished' }, { annotator: 'alice', label: 'TWO WORDS' }, { annotator: 'alice', query: 'x'.repeat(501) }]) {
      const r = await dispatch(h, 'documents.list', args)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('bad_request')
    }
  })
})
