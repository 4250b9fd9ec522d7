import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../../src/main/store/store'
import { cli, folderState } from '../../../helpers/cliRun'
import { cliInProcess } from '../../../helpers/cliInProcess'
import { modelServer } from '../../../helpers/modelServer'
import { tempDir } from '../../../helpers/tempWorkspace'

/** Python's text[start:end]: code points. */
const pySlice = (text: string, start: number, end: number) => [...text].slice(start, end).join('')
const cpOf = (text: string, needle: string, from = 0) => [...text.slice(0, text.indexOf(needle, from))].length

const DOC_A = '😀 Kerry met Michel in Brussels. Kerry left.'
const DOC_B = '👍🏽 In Brussels, Kerry spoke; Michel-Ange did not. Brussels again.'

/** A workspace with alice's spans on doc a (imported as native JSONL, code points) and an empty doc b. */
async function workspace(): Promise<{ dir: string; db: string }> {
  const dir = tempDir()
  const db = path.join(dir, 'w.spanwright')
  const line = (id: string, text: string, spans: [string, string][]) =>
    JSON.stringify({ id, text, annotator: 'alice', spans: spans.map(([s, label]) => ({ start: cpOf(text, s), end: cpOf(text, s) + s.length, label })) })
  fs.writeFileSync(path.join(dir, 'in.jsonl'), [line('a', DOC_A, [['Kerry', 'PERSON'], ['Michel', 'PERSON'], ['Brussels', 'GPE']]), line('b', DOC_B, [])].join('\n') + '\n')
  const r = await run(['import', path.join(dir, 'in.jsonl'), '--db', db])
  expect(r.code, r.err).toBe(0)
  return { dir, db }
}

/**
 * `spanwright ARGS` run in this process (cliInProcess: the same main() the command line runs, without a process
 * start per call), with what it printed as the terminal shows it. What this file checks is the suggest command's
 * output and effects; one call in the first test runs the real command in its own process (`cli`), as a user does.
 */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cliInProcess(args)
  return { code: r.code, out: r.lines.map((l) => `${l}\n`).join(''), err: r.errors.map((l) => `${l}\n`).join('') }
}

const jsonLines = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

describe('spanwright suggest', () => {
  it('--json prints one suggestion a line, code-point offsets that Python slicing reads back, and writes nothing', async () => {
    const { dir, db } = await workspace()
    const before = folderState(dir)
    const r = cli(['suggest', '--annotator', 'alice', '--json', '--db', db]) // in its own process, as a user runs it
    expect(r.code, r.err).toBe(0)
    const lines = jsonLines(r.out)
    for (const l of lines) expect(Object.keys(l)).toEqual(['document', 'start', 'end', 'label', 'text', 'recommender', 'score'])
    const inB = lines.filter((l) => l.document === 'b')
    expect(inB.map((l) => [l.text, l.label])).toEqual([
      ['Brussels', 'GPE'],
      ['Kerry', 'PERSON'],
      ['Brussels', 'GPE'],
    ])
    for (const l of inB) expect(pySlice(DOC_B, l.start as number, l.end as number)).toBe(l.text)
    expect(inB[0]).toMatchObject({ start: cpOf(DOC_B, 'Brussels'), recommender: 'string-matcher', score: 1 })
    // In a: the second Kerry (the first is annotated).
    expect(lines.filter((l) => l.document === 'a').map((l) => [l.text, l.start])).toEqual([['Kerry', cpOf(DOC_A, 'Kerry', 5)]])
    expect(folderState(dir)).toEqual(before)
    // --document narrows to one document.
    const onlyA = jsonLines((await run(['suggest', '--annotator', 'alice', '--json', '--document', 'a', '--db', db])).out)
    expect(onlyA.map((l) => l.document)).toEqual(['a'])
  })

  it('--recommender patterns:FILE uses a spaCy pattern file; a bad line fails with its number', async () => {
    const { dir, db } = await workspace()
    const good = path.join(dir, 'p.jsonl')
    fs.writeFileSync(good, '{"label":"PERSON","pattern":[{"LOWER":"michel"}]}\n{"label":"GPE","pattern":"Brussels"}\n')
    const r = await run(['suggest', '--annotator', 'bob', '--recommender', `patterns:${good}`, '--document', 'b', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    expect(jsonLines(r.out).map((l) => [l.text, l.label, l.recommender])).toEqual([
      ['Brussels', 'GPE', `patterns:${good}`],
      ['Brussels', 'GPE', `patterns:${good}`],
    ])
    const bad = path.join(dir, 'bad.jsonl')
    fs.writeFileSync(bad, '{"label":"GPE","pattern":"Brussels"}\n{"label":"GPE","pattern":[{"FOO":1}]}\n')
    const b = await run(['suggest', '--annotator', 'bob', '--recommender', `patterns:${bad}`, '--db', db])
    expect(b.code).toBe(1)
    expect(b.err).toContain(`bad.jsonl: 1 bad pattern line: line 2: token 1: unknown token attribute "FOO"`)
  })

  it('--recommender ls-backend:URL asks a Label Studio ML backend; a down server is a plain message', async () => {
    const { db } = await workspace()
    const server = await modelServer((req) => {
      const text = (req.body as { tasks: { data: { text: string } }[] }).tasks[0].data.text
      const i = text.indexOf('Kerry')
      return [200, JSON.stringify({ results: [{ result: [{ type: 'labels', value: { start: [...text.slice(0, i)].length, end: [...text.slice(0, i)].length + 5, text: 'Kerry', labels: ['PERSON'] } }], score: 0.8 }], model_version: 'v7' })]
    })
    const r = await run(['suggest', '--annotator', 'bob', '--recommender', `ls-backend:${server.url}`, '--document', 'b', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    expect(jsonLines(r.out)).toEqual([{ document: 'b', start: cpOf(DOC_B, 'Kerry'), end: cpOf(DOC_B, 'Kerry') + 5, label: 'PERSON', text: 'Kerry', recommender: `ls-backend:${server.url}`, score: 0.8 }])
    const down = await run(['suggest', '--annotator', 'bob', '--recommender', 'ls-backend:http://127.0.0.1:9', '--db', db])
    expect(down.code).toBe(1)
    expect(down.err).toMatch(/ls-backend:http:\/\/127\.0\.0\.1:9: http:\/\/127\.0\.0\.1:9\/predict is not reachable/)
  })

  it('--recommender openai:URL --model M asks an OpenAI-compatible server and finds its items in the text', async () => {
    const { db } = await workspace()
    const server = await modelServer(() => [200, JSON.stringify({ model: 'llama3.1', choices: [{ message: { content: '{"entities":[{"text":"Michel","label":"PERSON"},{"text":"Nowhere","label":"GPE"}]}' } }] })])
    const r = await run(['suggest', '--annotator', 'bob', '--recommender', `openai:${server.url}`, '--model', 'llama3.1', '--document', 'b', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    // "Michel-Ange" is one word: Michel is not found inside it; Nowhere is not in the text (dropped, counted).
    expect(jsonLines(r.out)).toEqual([])
    expect(r.err).toMatch(/note: openai:http:\/\/127\.0\.0\.1:\d+: dropped 2 notFound/)
    const body = server.received[0].body as { model: string }
    expect(body.model).toBe('llama3.1')
    const a = await run(['suggest', '--annotator', 'bob', '--recommender', `openai:${server.url}`, '--model', 'llama3.1', '--document', 'a', '--json', '--db', db])
    expect(jsonLines(a.out)).toEqual([{ document: 'a', start: cpOf(DOC_A, 'Michel'), end: cpOf(DOC_A, 'Michel') + 6, label: 'PERSON', text: 'Michel', recommender: `openai:${server.url}`, score: 0.5 }])
  })

  it('--accept-all pre-annotates in one transaction and reports counts; nothing is suggested twice', async () => {
    const { db } = await workspace()
    const r = await run(['suggest', '--annotator', 'alice', '--accept-all', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out)).toEqual({ accepted: 4, documents: 2, suggestions: 4, overlapping: 0, failed: 0 })
    expect(jsonLines((await run(['suggest', '--annotator', 'alice', '--json', '--db', db])).out)).toEqual([])
    const store = openStore(db, { readonly: true })
    const alice = store.annotators.byName('alice')!
    const b = store.documents.byExternalId('b')!
    expect(store.spans.layer(b.id, alice.id).map((s) => b.text.slice(s.start, s.end))).toEqual(['Brussels', 'Kerry', 'Brussels'])
    store.close()
    // A recommender that cannot answer: nothing is accepted, from any of them.
    const { db: db2 } = await workspace()
    const failed = await run(['suggest', '--annotator', 'alice', '--accept-all', '--recommender', 'string-matcher', '--recommender', 'ls-backend:http://127.0.0.1:9', '--db', db2])
    expect(failed.code).toBe(1)
    expect(failed.err).toMatch(/nothing was accepted: a recommender could not answer/)
    const after = openStore(db2, { readonly: true })
    expect(after.spans.layer(after.documents.byExternalId('b')!.id, after.annotators.byName('alice')!.id)).toEqual([])
    after.close()
  })

  it('--evaluate scores against the done documents by cross-validation', async () => {
    const { dir, db } = await workspace()
    const store = openStore(db)
    const alice = store.annotators.byName('alice')!
    const b = store.documents.byExternalId('b')!
    const a = store.documents.byExternalId('a')!
    const bobLabel = store.labels.byName('entity', 'PERSON')!
    store.spans.insert({ documentId: b.id, annotatorId: alice.id, labelId: bobLabel.id, start: DOC_B.indexOf('Kerry'), end: DOC_B.indexOf('Kerry') + 5 })
    store.documents.setStatus(a.id, alice.id, 'done')
    store.documents.setStatus(b.id, alice.id, 'done')
    store.close()
    const before = folderState(dir)
    const r = await run(['suggest', '--annotator', 'alice', '--evaluate', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    const report = JSON.parse(r.out) as { documents: number; evaluations: { recommender: string; folds: number; overall: { tp: number; fp: number; fn: number } }[] }
    expect(report.documents).toBe(2)
    // Fold 1 learns b (Kerry) and finds both Kerrys in a (one gold); fold 2 learns a and finds Kerry (gold) and 2 Brussels (not gold) in b.
    expect(report.evaluations).toMatchObject([{ recommender: 'string-matcher', folds: 2, overall: { tp: 2, fp: 3, fn: 2 } }])
    expect(folderState(dir)).toEqual(before)
    const text = await run(['suggest', '--annotator', 'alice', '--evaluate', '--db', db])
    expect(text.out).toMatch(/string-matcher: 2 documents, 2 folds\n\s+overall\s+P 0\.400\s+R 0\.500\s+F1 0\.444/)
  })

  it('refuses what it cannot do, in plain words', async () => {
    const { db } = await workspace()
    expect((await run(['suggest', '--db', db])).err).toMatch(/--annotator NAME is required/)
    expect((await run(['suggest', '--annotator', 'a', '--recommender', 'magic', '--db', db])).err).toMatch(/unknown recommender "magic"/)
    expect((await run(['suggest', '--annotator', 'a', '--recommender', 'openai:http://127.0.0.1:11434', '--db', db])).err).toMatch(/needs --model NAME/)
    expect((await run(['suggest', '--annotator', 'a', '--recommender', 'ls-backend:ftp://x', '--db', db])).err).toMatch(/is not an http/)
    expect((await run(['suggest', '--annotator', 'a', '--document', 'zzz', '--db', db])).err).toMatch(/--document "zzz": no document/)
    expect((await run(['suggest', '--annotator', 'a b', '--db', db])).code).toBe(1)
  })
})

describe('accepted suggestions keep their provenance through native JSONL', () => {
  it('export writes suggestedBy; importing that file elsewhere brings it back; a bad one is refused with its line', async () => {
    const { dir, db } = await workspace()
    expect((await run(['suggest', '--annotator', 'alice', '--accept-all', '--db', db])).code).toBe(0)
    const out = path.join(dir, 'out.jsonl')
    const e = await run(['export', '--format', 'jsonl', '--annotator', 'alice', '--out', out, '--db', db])
    expect(e.code, e.err).toBe(0)
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: { text: string; suggestedBy?: unknown }[] })
    const b = lines.find((l) => l.id === 'b')!
    expect(b.spans.map((s) => [s.text, s.suggestedBy])).toEqual([
      ['Brussels', { recommender: 'string-matcher', score: 1, version: null }],
      ['Kerry', { recommender: 'string-matcher', score: 1, version: null }],
      ['Brussels', { recommender: 'string-matcher', score: 1, version: null }],
    ])
    // Spans made by hand carry no such key.
    expect(lines.find((l) => l.id === 'a')!.spans.filter((s) => s.suggestedBy === undefined).map((s) => s.text)).toEqual(['Kerry', 'Michel', 'Brussels'])

    const db2 = path.join(tempDir(), 'w2.spanwright')
    expect((await run(['import', out, '--db', db2])).code).toBe(0)
    const store = openStore(db2, { readonly: true })
    const doc = store.documents.byExternalId('b')!
    const spans = store.spans.layer(doc.id, store.annotators.byName('alice')!.id)
    expect(spans.map((s) => s.suggestedBy)).toEqual(Array(3).fill({ recommender: 'string-matcher', score: 1, version: null }))
    expect(store.spans.layersOf([doc.id]).map((s) => s.suggestedBy?.recommender)).toEqual(['string-matcher', 'string-matcher', 'string-matcher'])
    store.close()

    const bad = path.join(dir, 'bad.jsonl')
    fs.writeFileSync(bad, JSON.stringify({ id: 'c', text: 'Oslo', annotator: 'x', spans: [{ start: 0, end: 4, label: 'GPE', suggestedBy: { recommender: 'english', score: 7 } }] }) + '\n')
    const r = await run(['import', bad, '--db', db2])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/bad\.jsonl:1: spans\[0\] suggestedBy\.score must be a number from 0 to 1/)
  })
})
