// doccano's fastText export of a text classification project (`__label__<name> text`, test/fixtures/peers/SOURCES.md):
// detected by its lines, whatever the .txt name, and read as the same project's JSONL export is: the categories kept
// in meta as `cats`, not spans (Spanwright has no document labels), the texts the documents.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATEGORIES_NOTE, doccanoCodec } from '../../../../src/shared/formats/doccano'
import { looksFastText, splitFastTextLine } from '../../../../src/shared/formats/fastText'
import { sniffFormat } from '../../../../src/shared/formats/registry'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from './formatTestUtil'

const peer = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'doccano', name), 'utf8')

describe("doccano's fastText export", () => {
  it('is detected in a .txt by its lines, and read with its categories in meta as the JSONL export keeps them', () => {
    const txt = peer('v1_0_fasttext_export.txt')
    expect(sniffFormat('admin.txt', txt)).toEqual({ format: 'doccano' })
    const items = decodeAll(doccanoCodec, txt, 'codepoint', 'admin.txt')
    expect(errors(items)).toEqual([])
    const recs = records(items)
    expect(recs.map((r) => [r.line, r.text, r.spans.length, (r.meta.doccano as { cats?: string[] } | undefined)?.cats ?? null])).toEqual([
      [1, 'Terrible customer service.', 0, ['negative']],
      [2, 'Really great transaction.', 0, ['positive', 'shipping']],
      [3, 'No opinion yet.', 0, null],
      [4, 'She said "fine, thanks", then left.', 0, ['very_positive']],
    ])
    expect(recs[0].notes).toEqual({ [CATEGORIES_NOTE]: 1 })
    // The same texts and categories as the project's JSONL export (ids aside: fastText has none).
    const jsonl = records(decodeAll(doccanoCodec, peer('text_classification_export.jsonl')))
    expect(recs.slice(0, 2).map((r) => [r.text, r.meta.doccano])).toEqual(jsonl.slice(0, 2).map((r) => [r.text, { cats: (r.meta.doccano as { cats: string[] }).cats }]))
  })

  it('prose, a document quoting one label, and token-per-line files are not taken for it', () => {
    expect(looksFastText('Dear diary,\n__label__x is how fastText marks labels.\n')).toBe(false)
    expect(looksFastText('__label__a one\nplain\nplain\nplain\n')).toBe(false)
    expect(sniffFormat('notes.txt', 'We met in Paris.\n').format).toBe('txt')
    expect(splitFastTextLine('__label__a\t__label__b  two  spaces')).toEqual({ labels: ['a', 'b'], text: 'two  spaces' })
  })

  it('a line of labels without text is refused at its line', () => {
    const items = decodeAll(doccanoCodec, '__label__a fine\n__label__b\n', 'codepoint', 'x.txt')
    expect(errors(items).map((e) => `${e.line}: ${e.reason}`)).toEqual(['2: a fastText line of labels (__label__b) and no text after them'])
  })
})
