// The bad-input catalogue: every case imports a faulty input into a real
// workspace and asserts that the error names the file and line with a clear
// reason, and that the store is exactly as it was (nothing half-written).
// The few inputs that must be accepted (BOM, UTF-16 with a BOM, --add-labels)
// are in the same table, marked `accept`.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../src/main/services/import/importFiles'
import type { ImportOptions } from '../../src/main/services/import/importRecords'
import type { Store } from '../../src/main/store/store'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempStore } from '../helpers/tempWorkspace'

type Content = string | Buffer | (() => Buffer)
interface Case {
  name: string
  files: Record<string, Content>
  /** What is imported (relative to the temp folder); default: the first file. */
  input?: string[]
  opts?: Partial<ImportOptions>
  /** The file the error names (default: the first file) and its line; null for a whole-path fault. */
  errFile?: string
  line?: number | null
  reason?: RegExp
  /** The input must be accepted (and then nothing else is asserted but success). */
  accept?: boolean
  setup?: (store: Store) => Promise<void> | void
}

const j = (o: unknown) => JSON.stringify(o)
const lines = (...ls: unknown[]) => ls.map((l) => (typeof l === 'string' ? l : j(l))).join('\n') + '\n'
const doc = (extra: Record<string, unknown> = {}) => ({ id: 'd1', text: 'Kerry met Michel in Brussels.', annotator: 'alice', ...extra })
const good = { id: 'ok', text: 'Fine text.', annotator: 'alice', spans: [] }
const span = (start: unknown, end: unknown, label = 'PERSON', extra: Record<string, unknown> = {}) => ({ start, end, label, ...extra })
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le')
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]]
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le])
}
const emojiText = 'Hi 😀 Kerry'

const cases: Case[] = [
  // --- files and encodings
  { name: 'empty file', files: { 'a.jsonl': '' }, line: null, reason: /empty/ },
  { name: 'blank lines only', files: { 'a.jsonl': '\n  \n\t\n\n' }, line: null, reason: /empty/ },
  { name: 'truncated last line', files: { 'a.jsonl': lines(good) + '{"id":"x","text":"abc","spa' }, line: 2, reason: /not valid JSON/ },
  { name: 'BOM accepted', files: { 'a.jsonl': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines(good))]) }, accept: true },
  { name: 'UTF-16 LE with BOM accepted', files: { 'a.jsonl': utf16le(lines(good, { ...good, id: 'ok2' })) }, accept: true },
  { name: 'UTF-16 BE with BOM accepted', files: { 'a.jsonl': utf16be(lines(good)) }, accept: true },
  { name: 'UTF-16 without BOM', files: { 'a.jsonl': Buffer.from(lines(good), 'utf16le') }, line: null, reason: /UTF-16 without a byte-order mark; import it with --encoding utf-16le/ },
  { name: 'Latin-1 bytes on line 3', files: { 'a.jsonl': Buffer.concat([Buffer.from(lines(good, { ...good, id: 'b' })), Buffer.from('{"id":"c","text":"Li\xe8ge"}\n', 'latin1')]) }, line: 3, reason: /not valid UTF-8/ },
  { name: 'Latin-1 bytes in a .txt', files: { 'a.txt': Buffer.from('Title\nLi\xe8ge\n', 'latin1') }, line: 2, reason: /not valid UTF-8/ },
  { name: 'NUL byte on line 2', files: { 'a.jsonl': lines(good) + '{"id":"x","text":"a\u0000b"}\n' }, line: 2, reason: /NUL/ },
  { name: 'gzip bytes named .jsonl', files: { 'a.jsonl': () => zlib.gzipSync(lines(good)) }, line: null, reason: /gzip/ },
  {
    name: 'a 50 MB single line',
    files: { 'a.jsonl': () => Buffer.concat([Buffer.from('{"id":"big","text":"'), Buffer.alloc(50 * 1024 * 1024, 'a'), Buffer.from('"}\n'), Buffer.from(lines(good))]) },
    line: 1,
    reason: /too long to import \(50\.0 MiB.*not parsed/,
  },
  { name: 'an empty .txt', files: { 'a.txt': '  \n' }, line: null, reason: /empty/ },
  { name: 'file that does not exist', files: { 'x.jsonl': lines(good) }, input: ['missing.jsonl'], errFile: 'missing.jsonl', line: null, reason: /no such file or folder/ },
  { name: 'a folder with no importable files', files: { 'dir/notes.md': '# hi', 'dir/data.csv': 'a,b' }, input: ['dir'], errFile: 'dir', line: null, reason: /no importable files/ },
  { name: 'a file of unknown format', files: { 'a.csv': 'a,b\n' }, line: null, reason: /cannot tell the file's format; pass --format/ },
  { name: 'a .ann without its .txt', files: { 'a.ann': 'T1\tPERSON 0 5\tKerry\n' }, line: null, reason: /needs its \.txt beside it/ },
  // --- JSON shape and types
  { name: 'invalid JSON in the middle', files: { 'a.jsonl': lines(good, '{"id": 1,,}', { ...good, id: 'z' }) }, line: 2, reason: /not valid JSON/ },
  { name: 'a JSON array line', files: { 'a.jsonl': lines(good, [1, 2]) }, line: 2, reason: /JSON object/ },
  { name: 'a JSON string line', files: { 'a.jsonl': lines(good, '"just text"') }, line: 2, reason: /JSON object/ },
  // Text-only lines without ids are Prodigy's input format (detected as prodigy); read as native, the id is missing.
  { name: 'missing id', files: { 'a.jsonl': lines({ text: 'abc' }) }, opts: { format: 'jsonl' }, line: 1, reason: /id/ },
  { name: 'missing text', files: { 'a.jsonl': lines({ id: 'x' }) }, line: 1, reason: /text/ },
  { name: 'text is a number', files: { 'a.jsonl': lines({ id: 'x', text: 42 }) }, line: 1, reason: /text/ },
  { name: 'spans is not an array', files: { 'a.jsonl': lines(doc({ spans: { start: 0 } })) }, line: 1, reason: /spans/ },
  { name: 'start is a string', files: { 'a.jsonl': lines(doc({ spans: [span('0', 5)] })) }, line: 1, reason: /start/ },
  { name: 'start is a fraction', files: { 'a.jsonl': lines(doc({ spans: [span(0.5, 5)] })) }, line: 1, reason: /integer/ },
  { name: 'NaN literal', files: { 'a.jsonl': '{"id":"x","text":"Kerry","annotator":"a","spans":[{"start":NaN,"end":5,"label":"PERSON"}]}\n' }, line: 1, reason: /not valid JSON/ },
  { name: 'Infinity literal', files: { 'a.jsonl': '{"id":"x","text":"Kerry","annotator":"a","spans":[{"start":0,"end":Infinity,"label":"PERSON"}]}\n' }, line: 1, reason: /not valid JSON/ },
  { name: 'a number too big (1e400)', files: { 'a.jsonl': '{"id":"x","text":"Kerry","annotator":"a","spans":[{"start":0,"end":1e400,"label":"PERSON"}]}\n' }, line: 1, reason: /end/ },
  { name: 'negative start', files: { 'a.jsonl': lines(doc({ spans: [span(-1, 5)] })) }, line: 1, reason: /negative/ },
  { name: 'unknown offsets unit', files: { 'a.jsonl': lines(doc({ offsets: 'bytes', spans: [] })) }, line: 1, reason: /offsets/ },
  { name: 'bad status value', files: { 'a.jsonl': lines(doc({ status: 'finished' })) }, line: 1, reason: /status/ },
  { name: 'annotator name with a slash', files: { 'a.jsonl': lines(doc({ annotator: 'a/b' })) }, line: 1, reason: /annotator/ },
  { name: 'label with whitespace', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'NEW LABEL')] })) }, line: 1, reason: /whitespace/ },
  { name: 'attribute value is an object', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { attributes: { x: { y: 1 } } })] })) }, line: 1, reason: /attributes/ },
  { name: 'duplicate span ids', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' }), span(10, 16, 'PERSON', { id: 'T1' })] })) }, line: 1, reason: /duplicate span id/ },
  {
    name: 'duplicate relation ids',
    files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' }), span(10, 16, 'PERSON', { id: 'T2' })], relations: [{ id: 'R1', head: 'T1', tail: 'T2', label: 'PART_OF' }, { id: 'R1', head: 'T2', tail: 'T1', label: 'PART_OF' }] })) },
    line: 1,
    reason: /duplicate relation id/,
  },
  // --- spans against the text
  { name: 'start > end', files: { 'a.jsonl': lines(doc({ spans: [span(9, 3)] })) }, line: 1, reason: /start 9 is after end 3/ },
  { name: 'empty span', files: { 'a.jsonl': lines(doc({ spans: [span(4, 4)] })) }, line: 1, reason: /empty span/ },
  { name: 'span out of bounds', files: { 'a.jsonl': lines(doc({ spans: [span(20, 99)] })) }, line: 1, reason: /out of bounds/ },
  { name: 'span out of bounds on line 3 of 3', files: { 'a.jsonl': lines(good, { ...good, id: 'g2' }, doc({ spans: [span(0, 300)] })) }, line: 3, reason: /out of bounds/ },
  { name: 'surrogate split (utf16 in the line)', files: { 'a.jsonl': lines({ id: 'e', text: emojiText, annotator: 'a', offsets: 'utf16', spans: [span(3, 4, 'PERSON')] }) }, line: 1, reason: /surrogate pair/ },
  { name: 'surrogate split (--offsets utf16)', files: { 'a.jsonl': lines({ id: 'e', text: emojiText, annotator: 'a', spans: [span(4, 11, 'PERSON')] }) }, opts: { unit: 'utf16' }, line: 1, reason: /surrogate pair/ },
  { name: 'code points read as utf16 shift the text', files: { 'a.jsonl': lines({ id: 'e', text: emojiText, annotator: 'a', spans: [span(5, 10, 'PERSON', { text: 'Kerry' })] }) }, opts: { unit: 'utf16' }, line: 1, reason: /does not match/ },
  { name: 'span text mismatch', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { text: 'Kerri' })] })) }, line: 1, reason: /"Kerri" does not match the document text "Kerry"/ },
  // --- relations
  { name: 'relation head is a missing span', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' })], relations: [{ head: 'T9', tail: 'T1', label: 'PART_OF' }] })) }, line: 1, reason: /head "T9" is not a span id/ },
  { name: 'relation tail is a missing span', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' })], relations: [{ head: 'T1', tail: 'T7', label: 'PART_OF' }] })) }, line: 1, reason: /tail "T7" is not a span id/ },
  {
    name: 'relation head type not allowed',
    files: { 'a.jsonl': lines(doc({ spans: [span(20, 28, 'GPE', { id: 'T1' }), span(0, 5, 'ORG', { id: 'T2' })], relations: [{ head: 'T1', tail: 'T2', label: 'AFFILIATED_WITH' }] })) },
    line: 1,
    reason: /AFFILIATED_WITH does not allow a GPE head/,
  },
  {
    name: 'relation tail type not allowed',
    files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' }), span(10, 16, 'PERSON', { id: 'T2' })], relations: [{ head: 'T1', tail: 'T2', label: 'AFFILIATED_WITH' }] })) },
    line: 1,
    reason: /AFFILIATED_WITH does not allow a PERSON tail/,
  },
  // --- schema and store
  { name: 'unknown entity label', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'CITY')] })) }, line: 1, reason: /label "CITY" is not an entity label.*--add-labels/ },
  { name: 'unknown entity label accepted with --add-labels', files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'CITY')] })) }, opts: { addLabels: true }, accept: true },
  {
    name: 'unknown relation label',
    files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' }), span(10, 16, 'PERSON', { id: 'T2' })], relations: [{ head: 'T1', tail: 'T2', label: 'MET' }] })) },
    line: 1,
    reason: /label "MET" is not a relation label/,
  },
  {
    name: 'unknown relation label accepted with --add-labels',
    files: { 'a.jsonl': lines(doc({ spans: [span(0, 5, 'PERSON', { id: 'T1' }), span(10, 16, 'PERSON', { id: 'T2' })], relations: [{ head: 'T1', tail: 'T2', label: 'MET' }] })) },
    opts: { addLabels: true },
    accept: true,
  },
  { name: 'spans but no annotator anywhere', files: { 'a.jsonl': lines({ id: 'x', text: 'Kerry', spans: [span(0, 5)] }) }, line: 1, reason: /no annotator.*--annotator/ },
  {
    name: 'same id as a stored document, other text',
    files: { 'a.jsonl': lines({ id: 'd1', text: 'Other text' }) },
    setup: async (store) => {
      store.documents.insert({ externalId: 'd1', title: 't', text: 'Original text', meta: {} })
    },
    line: 1,
    reason: /already exists with different text/,
  },
  { name: 'same id twice in the file with other text', files: { 'a.jsonl': lines({ id: 'x', text: 'one' }, { id: 'x', text: 'two' }) }, line: 2, reason: /earlier in this import with different text/ },
  { name: 'a bad line in the second of two files', files: { 'a.jsonl': lines(good), 'b.jsonl': lines(good, '{') }, input: ['a.jsonl', 'b.jsonl'], errFile: 'b.jsonl', line: 2, reason: /not valid JSON/ },
  // --- doccano
  { name: 'doccano: label triple with two items', files: { 'a.jsonl': lines({ id: 1, text: 'Kerry met Michel', label: [[0, 5]] }) }, opts: { format: 'doccano', annotator: 'a' }, line: 1, reason: /\[start, end, "LABEL"\]/ },
  { name: 'doccano: label out of bounds', files: { 'a.jsonl': lines({ id: 1, text: 'Kerry met Michel', label: [[0, 50, 'PERSON']] }) }, opts: { annotator: 'a' }, line: 1, reason: /out of bounds/ },
  { name: 'doccano: start > end', files: { 'a.jsonl': lines({ id: 1, text: 'Kerry met Michel', label: [[5, 0, 'PERSON']] }) }, opts: { annotator: 'a' }, line: 1, reason: /after end/ },
  {
    name: 'doccano-rel: relation to a missing entity',
    files: { 'a.jsonl': lines({ id: 1, text: 'Kerry met Michel', entities: [{ id: 1, label: 'PERSON', start_offset: 0, end_offset: 5 }], relations: [{ id: 1, from_id: 1, to_id: 9, type: 'PART_OF' }] }) },
    opts: { annotator: 'a' },
    line: 1,
    reason: /9/,
  },
  // --- spaCy
  { name: 'spacy: one-item tuple', files: { 'a.jsonl': lines(['Kerry met Michel']) }, opts: { format: 'spacy', annotator: 'a' }, line: 1, reason: /not 1 items/ },
  { name: 'spacy: entity out of bounds', files: { 'a.jsonl': lines(['Kerry', { entities: [[0, 9, 'PERSON']] }]) }, opts: { annotator: 'a' }, line: 1, reason: /out of bounds/ },
  { name: 'spacy: BILUO tags', files: { 'a.jsonl': lines(['Kerry', { entities: ['U-PERSON'] }]) }, opts: { annotator: 'a' }, line: 1, reason: /BILUO/ },
  // --- Prodigy
  {
    name: 'prodigy: token_end past the tokens',
    files: { 'a.jsonl': lines({ text: 'Kerry met', tokens: [{ text: 'Kerry', start: 0, end: 5, id: 0, ws: true }, { text: 'met', start: 6, end: 9, id: 1, ws: false }], spans: [{ token_start: 0, token_end: 7, label: 'PERSON' }], answer: 'accept' }) },
    opts: { format: 'prodigy', annotator: 'a' },
    line: 1,
    reason: /not a token index/,
  },
  { name: 'prodigy: bad answer', files: { 'a.jsonl': lines({ text: 'Kerry', tokens: [{ text: 'Kerry', start: 0, end: 5, id: 0, ws: false }], spans: [], answer: 'maybe' }) }, opts: { format: 'prodigy', annotator: 'a' }, line: 1, reason: /answer/ },
  // --- Label Studio
  { name: 'labelstudio: truncated JSON array', files: { 'a.json': '[\n  {"id": 1, "data": {"text": "Kerry"},\n' }, opts: { format: 'labelstudio', annotator: 'a' }, reason: /not valid JSON/ },
  { name: 'labelstudio: not an array', files: { 'a.json': '{"id": 1}\n' }, opts: { format: 'labelstudio', annotator: 'a' }, line: 1, reason: /JSON array of tasks/ },
  {
    name: 'labelstudio: empty labels',
    files: { 'a.json': j([{ id: 1, data: { text: 'Kerry' }, annotations: [{ result: [{ id: 'a', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 5, text: 'Kerry', labels: [] } }] }] }]) },
    opts: { format: 'labelstudio', annotator: 'a' },
    reason: /labels is empty/,
  },
  // --- CoNLL
  { name: 'conll: a tag that is not BIO', files: { 'a.conll': '-DOCSTART- d1\n\nKerry X-PER\n' }, opts: { annotator: 'a' }, line: 3, reason: /not a chunk tag/ },
  { name: 'conll: a line without a tag', files: { 'a.conll': '-DOCSTART- d1\n\nKerry B-PERSON\nmet\n' }, opts: { annotator: 'a' }, line: 4, reason: /token and a tag/ },
  // --- brat
  { name: 'brat: T line out of bounds', files: { 'a.txt': 'Kerry met Michel\n', 'a.ann': 'T1\tPERSON 0 50\tKerry\n' }, input: ['a.txt'], errFile: 'a.ann', line: 1, reason: /out of bounds/ },
  { name: 'brat: T text mismatch', files: { 'a.txt': 'Kerry met Michel\n', 'a.ann': 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tMichal\n' }, input: ['a.txt'], errFile: 'a.ann', line: 2, reason: /Michal/ },
  { name: 'brat: relation to a missing T', files: { 'a.txt': 'Kerry met Michel\n', 'a.ann': 'T1\tPERSON 0 5\tKerry\nR1\tPART_OF Arg1:T1 Arg2:T9\n' }, input: ['a.txt'], errFile: 'a.ann', line: 2, reason: /T9/ },
  { name: 'brat: malformed line', files: { 'a.txt': 'Kerry met Michel\n', 'a.ann': 'T1\tPERSON 0 5\tKerry\nthis is not brat\n' }, input: ['a.txt'], errFile: 'a.ann', line: 2 },
  { name: 'brat: unknown label', files: { 'd/a.txt': 'Kerry met Michel\n', 'd/a.ann': 'T1\tCITY 0 5\tKerry\n' }, input: ['d'], opts: { annotator: 'a' }, errFile: 'd/a.ann', line: null, reason: /a\.ann: spans\[0\]: label "CITY"/ },
  { name: 'brat: spans but no --annotator', files: { 'd/a.txt': 'Kerry met Michel\n', 'd/a.ann': 'T1\tPERSON 0 5\tKerry\n' }, input: ['d'], errFile: 'd/a.ann', line: null, reason: /a\.ann: the record has spans but no annotator; give one in the file, or pass --annotator/ },
]

describe('bad-input catalogue', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60))

  for (const c of cases) {
    it(c.name, async () => {
      const { store, dir } = tempStore()
      for (const [name, content] of Object.entries(c.files)) {
        const file = path.join(dir, name)
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, typeof content === 'function' ? content() : content)
      }
      await c.setup?.(store)
      const before = snapshotStore(store)
      const inputs = (c.input ?? [Object.keys(c.files)[0]]).map((p) => path.join(dir, p))
      const run = importFiles(store, inputs, { annotator: null, ...c.opts })
      if (c.accept) {
        const r = await run
        expect(r.imported + r.rejected).toBe(r.linesRead)
        expect(r.rejected).toBe(0)
        return
      }
      let message = ''
      try {
        await run
      } catch (e) {
        message = (e as Error).message
      }
      const errFile = path.join(dir, c.errFile ?? Object.keys(c.files)[0])
      expect(message, 'the import must fail').not.toBe('')
      if (c.line === null) expect(message).toContain(errFile)
      else if (c.line === undefined) expect(message).toMatch(new RegExp(`${escape(errFile)}:\\d+: `))
      else expect(message).toContain(`${errFile}:${c.line}: `)
      if (c.reason) expect(message).toMatch(c.reason)
      expect(snapshotStore(store)).toEqual(before)
      store.close()
    })
  }
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
