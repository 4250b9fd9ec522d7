// `spanwright import` and `spanwright export` over the formats, as a user runs them.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/store/store'
import { REPO_ROOT, tempDir } from '../helpers/tempWorkspace'

const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('spanwright import/export over the formats', () => {
  it('imports doccano with --format, --skip-invalid and --add-labels; exports split, filtered, in other formats', () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const f = path.join(dir, 'in.json')
    fs.writeFileSync(
      f,
      [
        JSON.stringify({ id: 1, text: 'Kerry met Michel', label: [[0, 5, 'PERSON'], [10, 16, 'DIPLOMAT']] }),
        JSON.stringify({ id: 2, text: 'in Brussels', label: [[3, 11, 'GPE']] }),
        JSON.stringify({ id: 3, text: 'bad', label: [[0, 9, 'GPE']] }),
      ].join('\n'),
    )
    const refused = cli(['import', f, '--db', db, '--format', 'doccano', '--annotator', 'ann'])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${f}:1: `)
    expect(refused.err).toContain(`${f}:3: `)
    expect(refused.err).toMatch(/2 bad lines of 3 read; nothing was imported/)

    const ok = cli(['import', f, '--db', db, '--format', 'doccano', '--annotator', 'ann', '--skip-invalid', '--add-labels'])
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/added labels: entity DIPLOMAT/)
    expect(ok.out).toMatch(/imported 2 of 3 records \(1 rejected\)/)
    expect(ok.err).toContain(`${f}:3: `)
    expect(ok.err).not.toMatch(/\r/) // no progress line: stderr is not a terminal

    // spaCy writes one JSON array per file, as spaCy projects read it.
    const out = path.join(dir, 'out.json')
    const e = cli(['export', '--db', db, '--format', 'spacy', '--out', out, '--split', 'train=0.5,test=0.5', '--seed', '4', '--labels', 'PERSON,GPE'])
    expect(e.code).toBe(0)
    const written = ['train', 'test'].flatMap((s) => JSON.parse(fs.readFileSync(path.join(dir, `out.${s}.json`), 'utf8')) as [string, unknown][])
    expect(written.map((l) => l[0]).sort()).toEqual(['Kerry met Michel', 'in Brussels'])
    expect(JSON.stringify(written)).not.toContain('DIPLOMAT')

    const brat = path.join(dir, 'brat')
    expect(cli(['export', '--db', db, '--format', 'brat', '--out', brat]).code).toBe(0)
    expect(fs.readdirSync(brat).sort()).toEqual(['1.ann', '1.txt', '2.ann', '2.txt', 'annotation.conf', 'spanwright-manifest.tsv', 'visual.conf'])
    const conll = path.join(dir, 'out.conll')
    const c = cli(['export', '--db', db, '--format', 'conll', '--out', conll, '--annotator', 'ann', '--status', 'todo'])
    expect(c.code).toBe(0)
    expect(fs.readFileSync(conll, 'utf8')).toMatch(/^-DOCSTART- O$/m)
  })

  it('refuses bad options with a clear message', () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const out = path.join(dir, 'o.jsonl')
    expect(cli(['export', '--db', db, '--format', 'csv', '--out', out]).err).toMatch(/unknown format "csv"/)
    expect(cli(['export', '--db', db, '--out', out, '--status', 'finished']).err).toMatch(/--status is todo, in_progress or done/)
    expect(cli(['export', '--db', db, '--out', out, '--split', 'train=0.7,test=0.2']).err).toMatch(/add up to 0.9/)
    openStore(db).close() // reading commands never create a workspace: make an empty one
    expect(cli(['export', '--db', db, '--out', out, '--gold']).err).toMatch(/no gold layer/)
    expect(cli(['import', path.join(dir, 'nope.jsonl'), '--db', db]).err).toMatch(/nope\.jsonl: no such file or folder/)
    expect(cli(['import', out, '--db', db, '--offsets', 'bytes']).err).toMatch(/--offsets is codepoint or utf16/)
  })
})
