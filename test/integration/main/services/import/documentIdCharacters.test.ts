import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { documentIdProblem } from '../../../../../src/shared/domain/model'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Ada Lovelace wrote in London.'

/** One file per format that carries a document id, each holding `id`; returns the file and its bad line. */
const files: Record<string, (id: string) => { name: string; body: string; line: number }> = {
  jsonl: (id) => ({ name: 'a.jsonl', body: `${JSON.stringify({ id: 'fine', text: TEXT })}\n${JSON.stringify({ id, text: TEXT })}\n`, line: 2 }),
  doccano: (id) => ({ name: 'a.jsonl', body: `${JSON.stringify({ id, text: TEXT, label: [[0, 3, 'PER']] })}\n`, line: 1 }),
  labelstudio: (id) => ({ name: 'a.json', body: JSON.stringify([{ id: 1, data: { id, text: TEXT }, annotations: [] }]), line: 1 }),
  prodigy: (id) => ({ name: 'a.jsonl', body: `${JSON.stringify({ id, text: TEXT, spans: [], answer: 'accept' })}\n`, line: 1 }),
  xmi: (id) => ({
    name: 'a.xmi',
    body:
      '<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" ' +
      'xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore" xmi:version="2.0">' +
      `<cas:NULL xmi:id="0"/><type:DocumentMetaData xmi:id="2" sofa="1" begin="0" end="${TEXT.length}" documentId="${[...id].map((c) => `&#${c.codePointAt(0)};`).join('')}"/>` +
      `<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="${TEXT}"/>` +
      '<cas:View sofa="1" members="2"/></xmi:XMI>',
    line: 1,
  }),
}

describe('document ids with control characters or line breaks are refused by every import, naming file, line and reason', () => {
  it('the rule: C0, DEL, C1 (NEL), U+2028 and U+2029 refused, each named as U+XXXX; spaces, slashes, RTL text, ZWJ and bidi marks kept', () => {
    for (const [c, code] of [['\u001b', 'U+001B'], ['\u0000', 'U+0000'], ['\n', 'U+000A'], ['\r', 'U+000D'], ['\u007f', 'U+007F'], ['\u0085', 'U+0085'], ['\u009b', 'U+009B'], ['\u2028', 'U+2028'], ['\u2029', 'U+2029']]) {
      const why = documentIdProblem(`doc${c}1`)
      expect(why, code).toContain(`holds ${code}`)
      // The id as shown holds no raw control character or line break (the CLI prints it).
      expect(why!).not.toMatch(/[\p{Cc}\u2028\u2029]/u)
    }
    for (const ok of ['doc 1', 'a/b/c.txt', 'שלום', 'क्‍ष', '👩‍🔬', 'x\u200fy']) expect(documentIdProblem(ok), ok).toBeNull()
  })

  for (const [format, make] of Object.entries(files)) {
    // XML 1.0 has no ESC at all (the parser refuses `&#27;`), but a C1 control it can carry.
    const [id, shown, code] = format === 'xmi' ? ['doc\u009b31m', 'doc\\u009b31m', 'U+009B'] : ['doc\u001b[31m', 'doc\\u001b[31m', 'U+001B']
    it(`${format}: the id ${JSON.stringify(id)} is refused at its place, and nothing is stored`, async () => {
      const { store, dir } = tempStore()
      const { name, body, line } = make(id)
      const file = path.join(dir, name)
      fs.writeFileSync(file, body)
      const run = importFiles(store, [file], { annotator: 'ann', format: format as 'jsonl', addLabels: true, backup: false })
      // An XMI file is one document: its fault names the file (its id is no line's).
      await expect(run).rejects.toThrow(`${format === 'xmi' ? file : `${file}:${line}`}: document id "${shown}" holds ${code}`)
      expect(store.documents.count()).toBe(0)
      store.close()
    })
  }

  it('a U+2028 in a JSONL id is refused too; with --skip-invalid the other lines are imported and the bad one listed', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'a.jsonl')
    fs.writeFileSync(file, files.jsonl('doc\u20281').body)
    const r = await importFiles(store, [file], { annotator: null, backup: false, skipInvalid: true })
    expect([r.imported, r.rejected]).toEqual([1, 1])
    expect(r.errors).toEqual([{ file, line: 2, reason: expect.stringContaining('document id "doc\\u20281" holds U+2028') }])
    expect(store.documents.count()).toBe(1)
    expect(store.documents.byExternalId('fine')).not.toBeNull()
    store.close()
  })

  it('brat and plain text: an id taken from a file name holding a control character is refused, naming the file', async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'corpus')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'bad\u0007name.txt'), TEXT)
    fs.writeFileSync(path.join(folder, 'bad\u0007name.ann'), 'T1\tPER 0 3\tAda\n')
    fs.writeFileSync(path.join(folder, 'plain\u0085.txt'), TEXT)
    const run = importFiles(store, [folder], { annotator: 'ann', addLabels: true, backup: false })
    await expect(run).rejects.toThrow('document id "bad\\u0007name" holds U+0007')
    await expect(run).rejects.toThrow('document id "plain\\u0085" holds U+0085')
    expect(store.documents.count()).toBe(0)
    store.close()
  })
})
