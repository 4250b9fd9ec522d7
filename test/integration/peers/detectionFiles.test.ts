// Detection on files as the importer meets them: token-per-line .txt files, folders holding a file that
// fits two formats, and the first line of a file that no longer decides alone.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { listSources } from '../../../src/main/services/import/inputSources'
import { tempDir, tempStore } from '../../helpers/tempWorkspace'
import { PEERS } from './peerCounts'

const j = (o: unknown) => JSON.stringify(o)
function write(dir: string, name: string, body: string): string {
  const f = path.join(dir, name)
  fs.mkdirSync(path.dirname(f), { recursive: true })
  fs.writeFileSync(f, body)
  return f
}

describe('format detection on files', () => {
  it('a .txt whose lines are all token + BIO tag is CoNLL (doccano example.conll as train.txt); prose stays plain text', () => {
    const dir = tempDir()
    const conll = write(dir, 'train.txt', 'JAPAN\tB-LOC\nGET\tO\n\nNadim\tB-PER\nLadki\tI-PER')
    const four = write(dir, 'eng.txt', 'When WRB _ O\nSebastian NNP _ B-PERSON\nThrun NNP _ I-PERSON\n')
    const prose = write(dir, 'story.txt', 'Kerry met Michel in Brussels.\nThey talked about O\n')
    expect(listSources([conll, four, prose]).map((s) => (s.kind === 'stream' ? s.format : s.kind))).toEqual(['conll', 'conll', 'txt'])
  })

  it('a .txt with its .ann beside it is brat, whatever its content', () => {
    const dir = tempDir()
    const txt = write(dir, 'doc.txt', 'JAPAN B-LOC\nGET O\n')
    write(dir, 'doc.ann', '')
    expect(listSources([txt])[0].kind).toBe('brat')
  })

  it('the DKPro brat peer files are brat documents (.txt with its .ann)', () => {
    const folder = path.join(PEERS, 'brat')
    expect(listSources([folder]).map((s) => [s.kind, path.basename(s.file)])).toEqual([
      ['brat', 'document1.txt'],
      ['brat', 'event.txt'],
    ])
  })

  it('a folder holding a file that fits two formats is refused with that file and line, not skipped', () => {
    const dir = tempDir()
    write(dir, 'a.jsonl', j({ id: 'a', text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')
    write(dir, 'b.jsonl', j({ id: 'b', text: 'ok' }) + '\n' + j({ id: 'c', text: 'Kerry', label: [[0, 5, 'PERSON']], spans: [{ start: 0, end: 5, label: 'PERSON' }] }) + '\n')
    expect(() => listSources([dir])).toThrow(/b\.jsonl:2: ambiguous: "label" \(doccano\), "spans" \(jsonl\/prodigy\); pass --format/)
  })

  it('a native line after a doccano first line is refused as mixed, naming both lines', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 'mixed.jsonl', [j({ id: 1, text: 'Kerry', label: [[0, 5, 'PERSON']] }), j({ id: 'n', text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'PERSON' }] })].join('\n'))
    await expect(importFiles(store, [f], { annotator: 'a' })).rejects.toThrow(/mixed\.jsonl:2: mixed formats: line 1 reads as doccano, this line as jsonl; pass --format/)
    expect(store.documents.count()).toBe(0)
    store.close()
  })
})
