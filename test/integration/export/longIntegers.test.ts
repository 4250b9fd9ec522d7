// A tweet id or a database key given as a JSON number beyond 2^53 comes out of an export with its own digits, as
// Python's json module reads them, in every JSON format that carries ids or meta (it used to come out rounded:
// 1234567890123456789 as 1234567890123456800, so a consumer joining the export back to its source found nothing).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { KEPT_INTEGERS_NOTE } from '../../../src/shared/formats/jsonIntegers'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])
const ID = '1234567890123456789'
const TWEET = '-9007199254740993'
const TEXT = 'Kerry met Paris.'

// Each file as its tool writes it, the numbers unquoted.
const FILES: { format: FormatName; name: string; body: string }[] = [
  { format: 'doccano', name: 'd.jsonl', body: `{"id": ${ID}, "text": "${TEXT}", "label": [[0, 5, "PERSON"]], "tweet_id": ${TWEET}}\n` },
  { format: 'doccano', name: 'd.json', body: `[{"id": ${ID}, "text": "${TEXT}", "label": [[0, 5, "PERSON"]], "tweet_id": ${TWEET}}]\n` },
  { format: 'doccano-rel', name: 'r.jsonl', body: `{"id": ${ID}, "text": "${TEXT}", "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 5}], "relations": [], "tweet_id": ${TWEET}}\n` },
  { format: 'jsonl', name: 'n.jsonl', body: `{"id": ${ID}, "text": "${TEXT}", "annotator": "ann", "meta": {"tweet_id": ${TWEET}}, "spans": [{"start": 0, "end": 5, "label": "PERSON"}]}\n` },
  { format: 'labelstudio', name: 'l.json', body: `[{"id": 1, "data": {"text": "${TEXT}", "tweet_id": ${ID}, "reply_to": ${TWEET}}, "annotations": [{"id": 1, "completed_by": 1, "result": []}]}]\n` },
  { format: 'prodigy', name: 'p.jsonl', body: `{"text": "${TEXT}", "meta": {"id": ${ID}, "tweet_id": ${TWEET}}, "spans": [{"start": 0, "end": 5, "label": "PERSON"}], "answer": "accept", "_input_hash": 1, "_task_hash": 2}\n` },
]

describe.skipIf(missing)(`integers beyond 2^53, read by Python${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it.each(FILES)('$format ($name): the export holds the digits the file had, and the import says they were kept as text', async ({ format, name, body }) => {
    const { store, dir } = tempStore()
    const file = path.join(dir, name)
    fs.writeFileSync(file, body)
    const report = await importFiles(store, [file], { annotator: format === 'jsonl' || format === 'labelstudio' ? null : 'ann', format, addLabels: true, backup: false })
    expect(report.notes?.[KEPT_INTEGERS_NOTE]).toBe(2)
    const out = path.join(dir, `out-${name}`)
    await exportDataset(store, out, { format })
    const digits = (p: string) => runPythonConsumer<{ numbers: [string, string, string][] }>('read_long_numbers.py', [p]).numbers.map((n) => n[1])
    expect(digits(file).sort()).toEqual([ID, TWEET].sort())
    expect(new Set(digits(out))).toEqual(new Set([ID, TWEET]))
    store.close()
  })
})
