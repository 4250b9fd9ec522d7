import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { createRelation, createSpan } from '../../src/main/services/annotate/annotationService'
import { importFiles } from '../../src/main/services/import/importFiles'
import type { LibraryEntry } from '../../src/shared/api/methods/documents'
import { splitHighlights } from '../../src/shared/library/highlights'
import { SAMPLES_DIR, tempStore } from '../helpers/tempWorkspace'

async function library() {
  return libraryWithDir()
}

async function libraryWithDir() {
  const { store, dir } = tempStore()
  await importFiles(store, [SAMPLES_DIR], { annotator: null })
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const list = async (args: Record<string, unknown>) => {
    const r = await dispatch(h, 'documents.list', { annotator: 'alice', ...args })
    if (!r.ok) throw new Error(r.error.message)
    return r.value as LibraryEntry[]
  }
  return { store, h, list, dir }
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

  it('searches ids, titles and text with FTS5, any case and accents, the hits marked in a snippet of the text', async () => {
    const { store, list } = await library()
    const kerry = store.documents.byExternalId(KERRY)!
    // A word from deep inside the body, not the title.
    const body = kerry.text.slice(kerry.text.indexOf('\n') + 1)
    const word = /\b\p{L}{9,}\b/u.exec(body.slice(Math.floor(body.length / 2)))![0]
    expect(kerry.title.toLowerCase()).not.toContain(word.toLowerCase())
    const hits = await list({ query: word.toUpperCase() })
    const hit = hits.find((d) => d.externalId === KERRY)!
    expect(hit.match!.title).toBeNull()
    const parts = splitHighlights(hit.match!.text!)
    // The marked part is the word in the text's own case; the rest is the text around it, whitespace collapsed.
    expect(parts.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain(word.toLowerCase())
    const plain = parts.map((p) => p.text).join('').replace(/^…|…$/gu, '')
    expect(kerry.text.replace(/\s+/gu, ' ')).toContain(plain)
    expect(plain.length).toBeLessThan(400)
    // Every document returned really contains the word.
    for (const d of hits) {
      const doc = store.documents.byId(d.id)!
      expect((doc.title + doc.text + doc.externalId).toLowerCase()).toContain(word.toLowerCase())
    }
    expect(await list({ query: 'zzqqxx-not-in-any-document' })).toEqual([])
  })

  it('marks title hits, keeps emoji intact around a hit, matches a word being typed as a prefix and ignores accents', async () => {
    const { store, list } = await library()
    const text = 'Families 👨‍👩‍👧 fled Schaerbeek 😀 as the floods rose; 100% of homes_here were lost.'
    store.documents.insert({ externalId: 'emoji', title: 'Flood report', text, meta: {} })
    const byTitle = (await list({ query: 'flood REPORT' })).find((d) => d.externalId === 'emoji')!
    expect(splitHighlights(byTitle.match!.title!)).toEqual([
      { text: 'Flood', hit: true },
      { text: ' ', hit: false },
      { text: 'report', hit: true },
    ])
    const hit = (await list({ query: 'schaerbeek' })).find((d) => d.externalId === 'emoji')!
    expect(splitHighlights(hit.match!.text!)).toEqual([
      { text: 'Families 👨‍👩‍👧 fled ', hit: false },
      { text: 'Schaerbeek', hit: true },
      { text: ' 😀 as the floods rose; 100% of homes_here were lost.', hit: false },
    ])
    // The last word is a prefix while typing; a finished word (trailing space) is whole.
    const typed = await list({ query: 'schaer' })
    expect(typed.map((d) => d.externalId)).toContain('emoji')
    for (const d of typed) expect(store.documents.byId(d.id)!.text.toLowerCase()).toMatch(/\bschaer/u)
    expect(await list({ query: 'schaer ' })).toEqual([])
    store.documents.insert({ externalId: 'liege', title: 'Police raid in Liège', text: 'Police raid in Liège\n\nOfficers said the police acted at dawn.', meta: {} })
    expect((await list({ query: 'LIEGE' })).map((d) => d.externalId)).toEqual(['liege'])
    // Several words must all occur, in any order.
    expect((await list({ query: 'dawn police' })).map((d) => d.externalId)).toEqual(['liege'])
    expect(await list({ query: 'dawn floods' })).toEqual([])
    // The id is searched too.
    const byId = (await list({ query: 'liege' }))[0]
    expect(byId.match!.id).toBe(true)
  })

  it('a title or text holding the marks\' own characters (U+0002, U+0003) shows only real hits, in corpus order and under another sort', async () => {
    const { store, list } = await library()
    store.documents.insert({ externalId: 'ctl', title: 'Kerry \u0002visits\u0003 Brussels', text: 'He met \u0002nobody\u0003 in Brussels today.', meta: {} })
    for (const sort of [{}, { sort: 'title', dir: 'asc' }]) {
      const hit = (await list({ query: 'brussels', ...sort })).find((d) => d.externalId === 'ctl')!
      expect(splitHighlights(hit.match!.title!)).toEqual([
        { text: 'Kerry visits ', hit: false },
        { text: 'Brussels', hit: true },
      ])
      expect(splitHighlights(hit.match!.text!).filter((p) => p.hit).map((p) => p.text)).toEqual(['Brussels'])
    }
  })

  it('treats FTS syntax in the search box as plain words: quotes, operators, stars and column filters never error', async () => {
    const { store, list } = await library()
    store.documents.insert({ externalId: 'ops', title: 'Votes AND vetoes', text: 'The motion passed: NEAR unanimous, said title: the chair.', meta: {} })
    for (const q of ['"', '""', '"""', 'AND', 'OR', 'NOT', '-', '*', '^', '(', ')', 'NEAR(', 'title:', 'text:x', '-foo', 'a AND', '"unterminated', "'", '\\', '\u0000', '\u0002x\u0003', '🙂', 'ﷺ', '-- ; DROP TABLE documents']) {
      const rows = await list({ query: q })
      expect(Array.isArray(rows), q).toBe(true)
    }
    // Operators are words: AND finds the document with the word "and" in it.
    expect((await list({ query: 'AND vetoes' })).map((d) => d.externalId)).toEqual(['ops'])
    expect((await list({ query: 'NEAR unanimous' })).map((d) => d.externalId)).toEqual(['ops'])
    expect((await list({ query: 'title: chair' })).map((d) => d.externalId)).toEqual(['ops'])
    // Only punctuation searches nothing rather than everything.
    expect(await list({ query: '"' })).toEqual([])
    expect(await list({ query: '-' })).toEqual([])
    expect(store.documents.count()).toBe(6)
  })

  it('keeps the index current through imports, a rolled-back import and deletes', async () => {
    const { store, list, dir } = await libraryWithDir()
    const file = path.join(dir, 'more.jsonl')
    fs.writeFileSync(file, JSON.stringify({ id: 'fresh-1', text: 'Quokkas were counted on Rottnest Island.' }) + '\n')
    await importFiles(store, [file], { annotator: null })
    expect((await list({ query: 'quokkas' })).map((d) => d.externalId)).toEqual(['fresh-1'])
    // A file whose second line is broken imports nothing: its first line must not be searchable either.
    const broken = path.join(dir, 'broken.jsonl')
    fs.writeFileSync(broken, JSON.stringify({ id: 'fresh-2', text: 'Wombats dig burrows.' }) + '\n{not json\n')
    await expect(importFiles(store, [broken], { annotator: null })).rejects.toThrow()
    expect(await list({ query: 'wombats' })).toEqual([])
    store.db.prepare('DELETE FROM documents WHERE external_id = ?').run('fresh-1')
    expect(await list({ query: 'quokkas' })).toEqual([])
    expect(store.db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0)
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
