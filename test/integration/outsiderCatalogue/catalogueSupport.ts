import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { ImportOptions } from '../../../src/main/services/import/importRecords'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { formatLineError } from '../../../src/shared/formats/importRecord'
import type { Store } from '../../../src/main/store/store'
import { snapshotStore } from '../../helpers/storeSnapshot'
import { tempStore } from '../../helpers/tempWorkspace'

/** A span as a test writes it: offsets in code points (every format's default), and a label. */
export type S = [start: number, end: number, label: string]

/** One record in one format: the text, its spans, and where hostile strings may be put. */
export interface Rec {
  id?: string
  text: string
  spans?: S[]
  /** A string field besides the text (the annotator, or meta for formats without one). */
  annotator?: string
  /** Extra JSON merged into the record (a place for deep values). */
  extra?: Record<string, unknown>
}

/**
 * Writers for the six JSON formats, the way their tools write them. Each returns
 * the file's content for a list of records (a line each, or one Label Studio
 * array), without re-escaping: JSON.stringify writes a lone surrogate as the
 * escape `\ud800`, as a hostile file would.
 */
export const JSON_FORMATS: Record<string, { ext: string; file: (recs: Rec[]) => string; annotatorInFile: boolean }> = {
  jsonl: {
    ext: '.jsonl',
    annotatorInFile: true,
    file: (recs) =>
      recs.map((r, i) => JSON.stringify({ id: r.id ?? `d${i + 1}`, text: r.text, annotator: r.annotator ?? 'alice', spans: (r.spans ?? []).map(([start, end, label]) => ({ start, end, label })), ...r.extra })).join('\n') + '\n',
  },
  doccano: {
    ext: '.jsonl',
    annotatorInFile: false,
    file: (recs) => recs.map((r, i) => JSON.stringify({ id: r.id ?? `d${i + 1}`, text: r.text, label: r.spans ?? [], ...(r.annotator ? { meta: { who: r.annotator } } : {}), ...r.extra })).join('\n') + '\n',
  },
  'doccano-rel': {
    ext: '.jsonl',
    annotatorInFile: false,
    file: (recs) =>
      recs
        .map((r, i) =>
          JSON.stringify({
            id: r.id ?? `d${i + 1}`,
            text: r.text,
            entities: (r.spans ?? []).map(([s, e, label], k) => ({ id: k + 1, label, start_offset: s, end_offset: e })),
            relations: [],
            ...(r.annotator ? { meta: { who: r.annotator } } : {}),
            ...r.extra,
          }),
        )
        .join('\n') + '\n',
  },
  spacy: {
    ext: '.jsonl',
    annotatorInFile: false,
    file: (recs) => recs.map((r) => JSON.stringify([r.text, { entities: r.spans ?? [], ...r.extra }])).join('\n') + '\n',
  },
  prodigy: {
    ext: '.jsonl',
    annotatorInFile: false,
    file: (recs) =>
      recs
        .map((r) => JSON.stringify({ text: r.text, spans: (r.spans ?? []).map(([start, end, label]) => ({ start, end, label })), answer: 'accept', ...(r.annotator ? { meta: { who: r.annotator } } : {}), ...r.extra }))
        .join('\n') + '\n',
  },
  labelstudio: {
    ext: '.json',
    annotatorInFile: false,
    file: (recs) =>
      JSON.stringify(
        recs.map((r, i) => ({
          id: i + 1,
          data: { text: r.text, ...(r.annotator ? { who: r.annotator } : {}) },
          annotations: [
            {
              result: (r.spans ?? []).map(([start, end, label], k) => ({
                id: `r${k}`,
                type: 'labels',
                from_name: 'label',
                to_name: 'text',
                value: { start, end, text: [...r.text].slice(start, end).join(''), labels: [label] },
              })),
            },
          ],
          ...r.extra,
        })),
        null,
        1,
      ) + '\n',
  },
}

export interface Outcome {
  /** Refused: every error, as `line: reason` (reason matched by the regex). */
  refused?: [line: number, reason: RegExp][]
  /** Imported: exactly these span texts (`label:text`, sorted), and this many documents. */
  imported?: { documents: number; spans: string[]; rejected?: number }
}

export interface Case {
  name: string
  files: Record<string, string | Buffer>
  format?: FormatName | null
  opts?: Partial<ImportOptions>
  /** The file the errors name, when not the one imported (brat: the .ann). */
  errFile?: string
  expect: Outcome
  setup?: (store: Store, dir: string) => Promise<void> | void
}

/** The spans in the store as `label:text` (the text sliced from the stored document), sorted. */
export function spanTexts(store: Store): string[] {
  const rows = store.db
    .prepare<[], { label: string; start: number; end: number; text: string }>(
      'SELECT l.name AS label, s.start, s.end, d.text FROM spans s JOIN label_types l ON l.id = s.label_id JOIN documents d ON d.id = s.document_id',
    )
    .all()
  return rows.map((r) => `${r.label}:${r.text.slice(r.start, r.end)}`).sort()
}

const count = (store: Store, table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/**
 * Imports the case's first file into a fresh real workspace and checks the
 * exact outcome: a refusal lists exactly the expected `file:line: reason`s and
 * leaves every table as it was; an import stores exactly the expected spans.
 */
export async function runCase(c: Case): Promise<void> {
  const { store, dir } = tempStore()
  try {
    const paths = Object.entries(c.files).map(([name, body]) => {
      const f = path.join(dir, name)
      fs.mkdirSync(path.dirname(f), { recursive: true })
      fs.writeFileSync(f, body)
      return f
    })
    await c.setup?.(store, dir)
    const errPath = c.errFile ? path.join(dir, c.errFile) : paths[0]
    const before = snapshotStore(store)
    const run = importFiles(store, [paths[0]], { annotator: 'alice', format: c.format ?? null, backup: false, ...c.opts })
    if (c.expect.refused) {
      const err = await run.then(
        () => null,
        (e: unknown) => e as Error & { details?: { errors?: { file: string; line: number; reason: string }[] } },
      )
      expect(err, 'the import must be refused').not.toBeNull()
      const errors = err!.details?.errors ?? []
      expect(errors.map((e) => e.line), err!.message).toEqual(c.expect.refused.map(([line]) => line))
      errors.forEach((e, i) => {
        expect(e.file).toBe(errPath)
        expect(e.reason).toMatch(c.expect.refused![i][1])
        expect(err!.message).toContain(formatLineError(e))
      })
      expect(snapshotStore(store)).toEqual(before)
      return
    }
    const report = await run
    const want = c.expect.imported!
    expect(report.rejected).toBe(want.rejected ?? 0)
    expect(report.imported + report.rejected).toBe(report.linesRead)
    expect(count(store, 'documents') - (before.documents?.length ?? 0)).toBe(want.documents)
    expect(spanTexts(store)).toEqual([...want.spans].sort())
  } finally {
    store.close()
  }
}
