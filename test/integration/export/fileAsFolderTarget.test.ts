// A file named as --out of a folder format (brat, txt, webanno-tsv, xmi): refused before anything is written, the
// message naming the format and the folder formats as the registry lists them (it said "brat and txt export to a
// folder" for xmi and webanno-tsv too). The export dialog's job refuses a folder only for a one-file format.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { FOLDER_EXPORT_FORMATS, folderFormatList } from '../../../src/shared/formats/formatCodec'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { jobSettled } from '../../../src/main/services/jobs/jobRegistry'
import { startExport } from '../../../src/main/services/jobs/transferJobs'
import { ExportArgs } from '../../../src/shared/api/methods/transfer'
import { tempStore } from '../../helpers/tempWorkspace'

describe('export of a folder format to an existing file', () => {
  it('each folder format names itself and the folder formats, and leaves the file as it was', async () => {
    const { store, dir, file: db } = tempStore()
    const src = path.join(dir, 'in.jsonl')
    fs.writeFileSync(src, `${JSON.stringify({ id: 'd', text: 'Ada met Bob.', annotator: 'ann', spans: [{ start: 0, end: 3, label: 'PERSON' }] })}\n`)
    await importFiles(store, [src], { annotator: null, backup: false })
    store.close()
    expect(folderFormatList()).toBe('brat, txt, webanno-tsv and xmi')
    const target = path.join(dir, 'taken.txt')
    fs.writeFileSync(target, 'keep me')
    for (const format of FOLDER_EXPORT_FORMATS) {
      const err: string[] = []
      const code = await main(['export', '--format', format, '--out', target, '--db', db], { log: () => {}, error: (l) => err.push(l) })
      expect(code, format).not.toBe(0)
      expect(err.join('\n'), format).toContain(`${target} exists and is not a folder: ${format} exports a folder (as brat, txt, webanno-tsv and xmi do); give --out a new folder path`)
    }
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me')
    expect(fs.readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([])
  })

  it("the dialog's job takes an empty folder for txt (a folder format), and refuses one for jsonl", async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'out')
    fs.mkdirSync(folder)
    expect(() => startExport(store, ExportArgs.parse({ format: 'jsonl', out: folder }) as Parameters<typeof startExport>[1])).toThrow(`${folder} is a folder; give a file path for jsonl`)
    const job = startExport(store, ExportArgs.parse({ format: 'txt', out: folder }) as Parameters<typeof startExport>[1])
    expect((await jobSettled(job.id)).state).toBe('done')
    store.close()
  })
})
