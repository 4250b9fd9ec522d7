// --encoding takes any encoding the platform's TextDecoder knows (the WHATWG Encoding Standard's labels): CoNLL files
// in Shift_JIS, GB18030, EUC-KR, KOI8-R and ISO-8859-2 (test/fixtures/encodings/README.md) read as their UTF-8 text,
// through the service and the command line; bytes the encoding has no character for are refused naming the file and
// line, the workspace unchanged (h68).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { openStore } from '../../../../../src/main/store/store'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { snapshotStore } from '../../../../helpers/storeSnapshot'
import { REPO_ROOT, tempStore } from '../../../../helpers/tempWorkspace'

const ENC = path.join(REPO_ROOT, 'test/fixtures/encodings')

describe('--encoding: any WHATWG encoding', () => {
  it('Shift_JIS, GB18030, EUC-KR, KOI8-R and ISO-8859-2 CoNLL files read as their text, spans on the same words', async () => {
    const cases: [string, string, string, string][] = [
      ['ja_shift_jis.conll', 'shift_jis', '東京', '大阪'],
      ['zh_gb18030.conll', 'GB18030', '北京', '首都'],
      ['ko_euc_kr.conll', 'euc_kr', '서울', '크다'],
      ['ru_koi8_r.conll', 'koi8-r', 'Москва', 'столица'],
      ['pl_iso_8859_2.conll', 'latin2', 'Kraków', 'łódź'],
    ]
    for (const [name, encoding, first, word] of cases) {
      const { store } = tempStore()
      const { parseTextEncoding } = await import('../../../../../src/shared/formats/textEncoding')
      const r = await importFiles(store, [path.join(ENC, name)], { annotator: 'a', addLabels: true, backup: false, encoding: parseTextEncoding(encoding) })
      expect([name, r.errors]).toEqual([name, []])
      const doc = store.documents.byIds(store.documents.idsInIdOrder())[0]
      expect(doc.text).toContain(word)
      const span = store.spans.layersOf([doc.id])[0]
      expect(doc.text.slice(span.start, span.end)).toBe(first)
      store.close()
    }
  })

  it('through the command line by any spelling; without it, the bytes are refused as not UTF-8', async () => {
    const { file: db } = tempStore()
    const f = path.join(ENC, 'ja_shift_jis.conll')
    const refused = await cliInProcess(['import', f, '--db', db, '--add-labels', '--annotator', 'a'])
    expect(refused.code).toBe(1)
    expect(refused.errors.join('\n')).toMatch(/:1: not valid UTF-8 at byte 0 .*--encoding latin1, windows-1252, windows-1250, shift_jis/)
    const run = await cliInProcess(['import', f, '--db', db, '--add-labels', '--annotator', 'a', '--encoding', 'Shift-JIS'])
    expect(run.code).toBe(0)
    const store = openStore(db)
    expect(store.documents.byIds(store.documents.idsInIdOrder())[0].text).toMatch(/^東京 は 晴れ/)
    store.close()
  })

  it('bytes Shift_JIS has no character for are refused naming the file and line; nothing is written', async () => {
    const { store } = tempStore()
    const before = snapshotStore(store)
    const f = path.join(ENC, 'ja_shift_jis_broken.conll')
    await expect(importFiles(store, [f], { annotator: 'a', addLabels: true, backup: false, encoding: 'shift_jis' })).rejects.toThrow(
      `${f}:3: bytes on this line that are not valid shift_jis (--encoding): the file is in another encoding; name it with --encoding (utf-8 is the default; in the import dialog: Encoding)`,
    )
    expect(snapshotStore(store)).toEqual(before)
    store.close()
  })
})
