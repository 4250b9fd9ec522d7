// The ZIP reader behind XMI imports of INCEpTION exports, on an archive Info-ZIP wrote (with a nested archive whose
// entry has a data descriptor, as Java's ZipOutputStream writes them) and on damaged copies of it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { looksZip, zipEntries, zipEntryData } from '../../../../../src/main/services/import/zipArchive'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'

const ZIP = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi', 'inception_export_made_with_infozip.zip')
const XMI = (f: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi', f))

/** The offset of a central directory entry by its name (to damage it). */
function centralEntry(buf: Buffer, name: string): number {
  const at = buf.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), 0)
  for (let p = at; p >= 0; p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
    if (buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)) === name) return p
  }
  throw new Error(`no ${name}`)
}

describe('zip archives', () => {
  it('lists entries and inflates them byte for byte, through a nested archive with a data descriptor', () => {
    const buf = fs.readFileSync(ZIP)
    expect(looksZip(buf)).toBe(true)
    const entries = zipEntries(buf)
    expect(entries.map((e) => e.name)).toEqual(['annotation/test.txt/alice.xmi', 'annotation/test.txt/bob.zip', 'annotation/test.txt/carol.zip', 'source/test.txt'])
    expect(zipEntryData(buf, entries[0]).equals(XMI('testTokenBoundedSpanWithFeatureValue.xmi'))).toBe(true)
    const carol = zipEntryData(buf, entries[2])
    const inner = zipEntries(carol)
    // Info-ZIP writing to a pipe: the local header has flag 8 and no compressed size; the central directory has it.
    expect(carol.readUInt16LE(6) & 8).toBe(8)
    expect(carol.readUInt32LE(18)).toBe(0)
    expect(zipEntryData(carol, inner[0]).equals(XMI('testMultiTokenStackedSpanWithoutFeatureValue.xmi'))).toBe(true)
  })

  it.each([
    ['a size smaller than the data (an archive that would inflate past what it declares)', (b: Buffer, p: number) => b.writeUInt32LE(100, p + 24), /damaged ZIP entry/],
    ['an unknown compression method', (b: Buffer, p: number) => b.writeUInt16LE(12, p + 10), /compression method 12 is not read/],
    ['an encrypted entry', (b: Buffer, p: number) => b.writeUInt16LE(b.readUInt16LE(p + 8) | 1, p + 8), /encrypted ZIP entries are not read/],
    ['a local header offset past the end', (b: Buffer, p: number) => b.writeUInt32LE(0xfffff, p + 42), /damaged ZIP archive/],
  ])('refuses %s', (_what, damage, reason) => {
    const buf = Buffer.from(fs.readFileSync(ZIP))
    damage(buf, centralEntry(buf, 'annotation/test.txt/alice.xmi'))
    const entry = zipEntries(buf).find((e) => e.name === 'annotation/test.txt/alice.xmi')!
    expect(() => zipEntryData(buf, entry)).toThrow(reason)
  })

  it('refuses a cut archive and a ZIP64 one', () => {
    const buf = fs.readFileSync(ZIP)
    expect(() => zipEntries(buf.subarray(0, buf.length - 30))).toThrow(/no end of central directory/)
    const z64 = Buffer.from(buf)
    z64.writeUInt32LE(0xffffffff, z64.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16)
    expect(() => zipEntries(z64)).toThrow(/ZIP64 archives are not read/)
  })
})
