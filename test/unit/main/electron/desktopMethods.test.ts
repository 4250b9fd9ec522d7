import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { desktopCall } from '../../../../src/main/electron/desktopMethods'
import type { DesktopDeps } from '../../../../src/main/electron/desktopMethods'
import { exportFileFilters } from '../../../../src/main/electron/fileFilters'
import { tempDir } from '../../../helpers/tempWorkspace'

/** Electron's dialog and shell answer as the user would; what they were asked is recorded. */
function deps(answer: { open?: string[]; save?: string | null }) {
  const asked: unknown[] = []
  const d: DesktopDeps = {
    dialog: {
      showOpenDialog: (async (...a: unknown[]) => {
        asked.push(a.at(-1))
        return { canceled: !answer.open, filePaths: answer.open ?? [] }
      }) as DesktopDeps['dialog']['showOpenDialog'],
      showSaveDialog: (async (...a: unknown[]) => {
        asked.push(a.at(-1))
        return { canceled: answer.save === null, filePath: answer.save ?? '' }
      }) as DesktopDeps['dialog']['showSaveDialog'],
    },
    shell: { showItemInFolder: (p: string) => void asked.push(`show:${p}`) },
    window: () => null,
    defaultFolder: () => '/home/me/Documents',
  }
  return { d, asked }
}

describe('desktop.* calls', () => {
  it('the open dialog hands back paths (several files), never contents', async () => {
    const { d, asked } = deps({ open: ['/data/a.jsonl', '/data/b.conll'] })
    expect(await desktopCall(d)('desktop.chooseImportFiles', {})).toEqual({ ok: true, value: { paths: ['/data/a.jsonl', '/data/b.conll'] } })
    expect((asked[0] as { properties: string[] }).properties).toContain('multiSelections')
  })

  it('a cancelled dialog is an empty answer, not an error', async () => {
    expect(await desktopCall(deps({})['d'])('desktop.chooseImportFiles', {})).toEqual({ ok: true, value: { paths: [] } })
    expect(await desktopCall(deps({ save: null })['d'])('desktop.chooseExportPath', { format: 'jsonl' })).toEqual({ ok: true, value: { path: null } })
  })

  it('the save dialog proposes a name with the format extension in the default folder', async () => {
    const { d, asked } = deps({ save: '/home/me/out.json' })
    expect(await desktopCall(d)('desktop.chooseExportPath', { format: 'labelstudio' })).toEqual({ ok: true, value: { path: '/home/me/out.json' } })
    expect((asked[0] as { defaultPath: string }).defaultPath).toBe(path.join('/home/me/Documents', 'spanwright-labelstudio.json'))
    expect(exportFileFilters('brat')).toEqual([])
    expect(exportFileFilters('conll')[0].extensions).toEqual(['conll'])
    expect(exportFileFilters('spacy-docbin')[0].extensions).toEqual(['spacy'])
  })

  it('Show in folder shows a file that exists, and says plainly when it is gone', async () => {
    const file = path.join(tempDir(), 'export.jsonl')
    fs.writeFileSync(file, '{}\n')
    const { d, asked } = deps({})
    expect(await desktopCall(d)('desktop.showInFolder', { path: file })).toEqual({ ok: true, value: { shown: true } })
    expect(asked).toEqual([`show:${file}`])
    const gone = await desktopCall(d)('desktop.showInFolder', { path: `${file}.missing` })
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('bad arguments and unknown methods are error replies (data), like dispatch', async () => {
    const call = desktopCall(deps({}).d)
    expect(await call('desktop.chooseExportPath', { format: 'docx' })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await call('desktop.showInFolder', { path: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await call('desktop.rm', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    expect(await call('desktop.chooseImportFiles', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })
})
