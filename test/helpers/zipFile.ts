// A ZIP archive written in the test, as Python's zipfile (doccano's shutil.make_archive) writes one: deflated
// entries with UTF-8 names, a central directory, no ZIP64. An entry may lie about its size (a ZIP bomb's lie).
import zlib from 'node:zlib'

export interface Entry {
  name: string
  data: string | Buffer
  /** Overrides the size the central directory declares (a ZIP bomb's lie). */
  size?: number
}

/** A ZIP archive as Python's zipfile (doccano's shutil.make_archive) writes one: deflated entries, a central directory. */
export function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data)
    const packed = zlib.deflateRawSync(data)
    const name = Buffer.from(e.name)
    const head = (sig: number, len: number) => {
      const b = Buffer.alloc(len)
      b.writeUInt32LE(sig, 0)
      return b
    }
    const local = head(0x04034b50, 30)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6) // names in UTF-8
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(zlib.crc32(data), 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(e.size ?? data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const dir = head(0x02014b50, 46)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x800, 8)
    dir.writeUInt16LE(8, 10)
    dir.writeUInt32LE(zlib.crc32(data), 16)
    dir.writeUInt32LE(packed.length, 20)
    dir.writeUInt32LE(e.size ?? data.length, 24)
    dir.writeUInt16LE(name.length, 28)
    dir.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    central.push(dir, name)
    offset += 30 + name.length + packed.length
  }
  const dirBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dirBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dirBytes, end])
}
