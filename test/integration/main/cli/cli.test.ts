import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, SAMPLES_DIR, tempDir } from '../../../helpers/tempWorkspace'

const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('spanwright CLI', () => {
  it('--help lists import, export and serve', () => {
    const r = cli(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['import <file|dir|other.spanwright>...', 'export --format jsonl', 'serve [--db FILE] [--port N]']) expect(r.out).toContain(c)
  })

  it('imports, exports every layer, and reports a bad line as file:line: reason with exit 1', () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    expect(cli(['import', SAMPLES_DIR, '--db', db]).out).toMatch(/5 new documents/)
    const layer = path.join(dir, 'alice.jsonl')
    fs.writeFileSync(layer, JSON.stringify({ id: 'x1', text: 'John Kerry in Brussels', spans: [{ start: 0, end: 10, label: 'PERSON' }] }) + '\n')
    expect(cli(['import', layer, '--db', db, '--annotator', 'alice']).code).toBe(0)
    const bad = path.join(dir, 'bad.jsonl')
    fs.writeFileSync(bad, '{"id":"y","text":"ok"}\n{"id":"z","text":"Kerry","annotator":"a","spans":[{"start":0,"end":50,"label":"PERSON"}]}\n')
    const r = cli(['import', bad, '--db', db])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${bad}:2: spans[0]: offsets 0-50 are out of bounds`)
    const out = path.join(dir, 'out.jsonl')
    const e = cli(['export', '--format', 'jsonl', '--db', db, '--out', out])
    expect(e.code).toBe(0)
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ id: 'x1', annotator: 'alice', spans: [{ start: 0, end: 10, label: 'PERSON', text: 'John Kerry' }] })
  })

  it('defaults --db to the app workspace in the user data folder', () => {
    const home = tempDir()
    const r = cli(['import', path.join(SAMPLES_DIR, '000_7488830be606d235.txt')], { SPANWRIGHT_HOME: home })
    expect(r.code).toBe(0)
    expect(fs.existsSync(path.join(home, 'workspace.spanwright'))).toBe(true)
  })

  it('rejects unknown options and commands with usage', () => {
    expect(cli(['export', '--bogus']).code).toBe(2)
    expect(cli(['frobnicate']).code).toBe(2)
  })
})
