// A bidi override in a path or an id (allowed in ids: names in RTL scripts use bidi marks) reaches the terminal
// escaped: raw, `a\u202egnp.exe` shows as "aexe.png" (Trojan Source's trick).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../../src/main/cli/main'
import { printable } from '../../../../src/main/cli/printable'
import { tempDir } from '../../../helpers/tempWorkspace'

const TRICKS = /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

describe('bidi overrides and isolates in terminal lines', () => {
  it('a path with U+202E in an error line, and an id printed by printable, are shown escaped', async () => {
    const dir = tempDir()
    const err: string[] = []
    await main(['import', path.join(dir, 'a\u202egnp.exe'), '--db', path.join(dir, 'w.spanwright')], { log: () => {}, error: (l) => err.push(l) })
    expect(err.join('\n')).toContain(`${path.join(dir, 'a\\u202egnp.exe')}: no such file or folder`)
    expect(err.join('\n')).not.toMatch(TRICKS)
    expect(printable('x\u2066y\u2069\u2028z')).toBe('x\\u2066y\\u2069\\u2028z')
    // Bidi marks (LRM, RLM) and joiners stay: they order nothing on their own and belong to RTL and Indic names.
    expect(printable('שלום\u200f क्\u200dष')).toBe('שלום\u200f क्\u200dष')
  })
})
