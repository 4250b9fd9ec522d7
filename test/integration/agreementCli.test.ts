import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/store/store'
import { cliInProcess } from '../helpers/cliInProcess'
import { REPO_ROOT, tempDir } from '../helpers/tempWorkspace'

const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/**
 * The same command run in this process (cliInProcess: the main() the command line runs, without a process start per
 * call), with what it printed as the terminal shows it. The first test's `agreement --json` runs in its own process.
 */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cliInProcess(args)
  return { code: r.code, out: r.lines.map((l) => `${l}\n`).join(''), err: r.errors.map((l) => `${l}\n`).join('') }
}

const TEXT = 'Kerry met Michel in Brussels.' // tokens: Kerry met Michel in Brussels .
const KERRY = { id: 'T1', start: 0, end: 5, label: 'PERSON' }
const MICHEL = { id: 'T2', start: 10, end: 16, label: 'PERSON' }
const BRUSSELS = { id: 'T3', start: 20, end: 28, label: 'GPE' }
const MET = { id: 'R1', head: 'T1', tail: 'T2', label: 'PART_OF' }

function layerFile(dir: string, annotator: string, spans: object[], relations: object[]): string {
  const file = path.join(dir, `${annotator}.jsonl`)
  fs.writeFileSync(file, JSON.stringify({ id: 'doc-1', text: TEXT, meta: { title: 'Kerry' }, annotator, spans, relations }) + '\n')
  return file
}

describe('spanwright agreement', () => {
  it('prints the figures computed by hand for three imported layers', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    const files = [
      layerFile(dir, 'alice', [KERRY, MICHEL, BRUSSELS], [MET]), // B-PER O B-PER O B-GPE O
      layerFile(dir, 'bob', [KERRY, MICHEL, { ...BRUSSELS, label: 'LOC' }], [MET]), // B-PER O B-PER O B-LOC O
      layerFile(dir, 'carol', [KERRY, BRUSSELS], []), // B-PER O O O B-GPE O
    ]
    for (const f of files) expect((await run(['import', f, '--db', db])).code).toBe(0)

    const r = cli(['agreement', '--db', db, '--json']) // in its own process, as a user runs it
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(report).toMatchObject({ annotators: ['alice', 'bob', 'carol'], documents: 1, tokens: 6 })
    const pair = (a: string, b: string) => report.pairs.find((p: { a: string; b: string }) => p.a === a && p.b === b)
    // alice × bob: 2 of 3+3 spans exact → 4/6; the relation matches → 1;
    // tokens agree on 5 of 6, pₑ = (2·2 + 3·3)/36 = 13/36 → κ = (30/36 − 13/36)/(23/36) = 17/23.
    expect(pair('alice', 'bob').spanF1Exact).toBeCloseTo(4 / 6, 10)
    expect(pair('alice', 'bob').spanF1Overlap).toBeCloseTo(4 / 6, 10)
    expect(pair('alice', 'bob').relationF1).toBe(1)
    expect(pair('alice', 'bob').cohenKappa).toBeCloseTo(17 / 23, 10)
    expect(pair('alice', 'bob').perLabel.GPE).toMatchObject({ spanF1Exact: 0 })
    expect(pair('alice', 'bob').perLabel.PERSON).toMatchObject({ spanF1Exact: 1 })
    // alice × carol: 2 of 3+2 → 4/5; relation 1 vs 0 → 0; pₑ = (2·1 + 3·4 + 1·1)/36 = 15/36 → κ = 15/21.
    expect(pair('alice', 'carol').spanF1Exact).toBeCloseTo(4 / 5, 10)
    expect(pair('alice', 'carol').relationF1).toBe(0)
    expect(pair('alice', 'carol').cohenKappa).toBeCloseTo(15 / 21, 10)
    // bob × carol: 1 of 3+2 → 2/5; 4 tokens agree, pₑ = (2·1 + 3·4)/36 = 14/36 → κ = 10/22.
    expect(pair('bob', 'carol').spanF1Exact).toBeCloseTo(2 / 5, 10)
    expect(pair('bob', 'carol').cohenKappa).toBeCloseTo(10 / 22, 10)
    // Fleiss: P̄ = (4·1 + 2·⅓)/6 = 7/9; category totals 5, 10, 2, 1 of 18 → P̄ₑ = 130/324 → κ = 122/194.
    expect(report.overall.fleissKappa).toBeCloseTo(122 / 194, 10)
    // Krippendorff: two units with one dissenter, each adds 4/2 → D = 4; α = 1 − 17·4/(324 − 130) = 126/194.
    expect(report.overall.krippendorffAlpha).toBeCloseTo(126 / 194, 10)

    const table = await run(['agreement', '--db', db])
    expect(table.code).toBe(0)
    expect(table.out).toMatch(/alice × bob\s+1\s+0\.667\s+0\.667\s+1\.000\s+0\.739/)
    expect(table.out).toContain("Fleiss' κ           0.629")
    expect(table.out).toContain("Krippendorff's α    0.649")

    // Filters: two annotators, one label; a single label everywhere is null with its reason.
    const person = JSON.parse((await run(['agreement', '--db', db, '--annotators', 'alice,bob', '--labels', 'PERSON', '--json'])).out)
    expect(person.annotators).toEqual(['alice', 'bob'])
    expect(person.pairs[0]).toMatchObject({ spanF1Exact: 1, cohenKappa: 1, relationF1: 1 })
    const gpe = JSON.parse((await run(['agreement', '--db', db, '--annotators', 'bob,carol', '--labels', 'GPE', '--json'])).out)
    expect(gpe.pairs[0].spanF1Exact).toBe(0)
    const orgOnly = JSON.parse((await run(['agreement', '--db', db, '--labels', 'ORG', '--json'])).out)
    expect(orgOnly.pairs[0].cohenKappa).toBeNull()
    expect(orgOnly.pairs[0].reasons.cohenKappa).toMatch(/expected agreement is 1/)
    expect(orgOnly.overall.fleissKappa).toBeNull()
    expect(orgOnly.overall.reasons.fleissKappa).toMatch(/single category/)
  })

  it('names an unknown annotator or label and exits 1; --help lists the command', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    openStore(db).close() // reading commands never create a workspace: make an empty one
    const bad = await run(['agreement', '--db', db, '--annotators', 'alice,zed'])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('no annotator named "alice"')
    const label = await run(['agreement', '--db', db, '--labels', 'WIDGET'])
    expect(label.code).toBe(1)
    expect(label.err).toContain('no entity label named "WIDGET"')
    expect((await run(['--help'])).out).toContain('agreement [--db FILE] [--annotators a,b,c] [--labels A,B] [--json]')
  })
})
