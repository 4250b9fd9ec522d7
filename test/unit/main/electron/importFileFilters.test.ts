import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFileFilters } from '../../../../src/main/electron/fileFilters'

/**
 * Every file other tools wrote that the import reads (test/fixtures/peers) can
 * be picked in the Import dialog's first filter, without switching to "All
 * files": Label Studio's CSV export was readable but not offered.
 */

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

describe('the Import dialog offers what the import reads', () => {
  it('each extension of the peers fixtures is in the first filter', () => {
    const offered = new Set(importFileFilters()[0].extensions)
    const peers = path.join(__dirname, '../../../fixtures/peers')
    // Not data: the notes on where the files came from, and the scripts that wrote the ones no tool could be run for.
    const exts = new Set(filesUnder(peers).filter((f) => !/\.(md|py)$/u.test(f)).map((f) => path.extname(f).slice(1).toLowerCase()))
    expect([...exts].filter((e) => !offered.has(e)).sort()).toEqual([])
  })
})
