import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Files saved with a UTF-8 byte order mark (Notepad, PowerShell's
 * Out-File -Encoding utf8, .NET) and joined with `cat a.jsonl b.jsonl`: the
 * second file's BOM now starts a line in the middle. A BOM first in a file was
 * already dropped; in the middle, the line was refused as
 * 'not valid JSON (Unexpected token '﻿', …)', an invisible character, and in a
 * CoNLL file it became part of the first token ("\uFEFFParis"). RFC 8259 lets a
 * reader ignore it, as serve does before a request body: so does every line.
 */

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

const BOM = '\uFEFF'

describe('a byte order mark at the start of a line in the middle of a file', () => {
  it('jsonl and CoNLL files joined with cat import as the files one by one would', async () => {
    const { store, dir } = tempStore()
    opened = store
    const jsonl = path.join(dir, 'joined.jsonl')
    const line = (id: string, text: string) => JSON.stringify({ id, text, annotator: 'x', spans: [{ start: 0, end: 5, label: 'PER' }] })
    fs.writeFileSync(jsonl, `${BOM}${line('a', 'Kerry left')}\n${BOM}${line('b', 'Paris is big')}\n`)
    const conll = path.join(dir, 'joined.conll')
    fs.writeFileSync(conll, `${BOM}-DOCSTART- c1\n\nKerry B-PER\nleft O\n\n${BOM}-DOCSTART- c2\n\nParis B-LOC\n`)
    const r = await importFiles(store, [jsonl, conll], { annotator: 'x', format: null, backup: false, addLabels: true })
    expect(r.documentsAdded).toBe(4)
    expect(r.spansAdded).toBe(4)
    expect(store.documents.byExternalId('c2')?.text).toBe('Paris')
  })
})
