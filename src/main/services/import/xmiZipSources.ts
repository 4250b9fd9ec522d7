import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { inceptionLayout } from './xmiSource'
import type { XmiFileSource } from './xmiSource'
import { looksZip, readArchive, ZipError, zipEntries, zipEntryData } from './zipArchive'
import type { ZipEntry } from './zipArchive'
import { MAX_NESTED_BYTES } from './zipDataSources'

const stem = (name: string) => name.replace(/\.(xmi|zip)$/iu, '')

/** An XMI entry of an archive; `parts` is the path that says which document and layer it is. */
function entrySource(archive: string, chain: string[], parts: string[]): XmiFileSource {
  const file = `${archive}!/${chain.join('!/')}`
  const layout = inceptionLayout(parts)
  if (layout) return { kind: 'xmi', file, ...layout, idFromPath: true, zip: { archive, chain } }
  return { kind: 'xmi', file, externalId: stem(parts.join('/')), idFromPath: false, zip: { archive, chain } }
}

/**
 * The archives nested in one are inflated here to look for XMI (each up to the 512 MiB an entry may hold), so they
 * share the budget the data archives' walk has (MAX_NESTED_BYTES in all): their declared sizes, which bound what
 * inflating them may give (zipEntryData refuses more), are summed before any is inflated, and an archive past it is
 * refused naming the nested entry that crosses it.
 */
function refuseNestedBomb(file: string, entries: ZipEntry[]): void {
  let bytes = 0
  for (const e of entries) {
    if (!e.name.toLowerCase().endsWith('.zip')) continue
    bytes += e.size
    if (bytes > MAX_NESTED_BYTES) {
      throw new AppError('invalid_input', `${file}!/${e.name}: the archives nested in ${file} inflate to more than ${MAX_NESTED_BYTES / 1024 / 1024} MiB in all (a ZIP bomb?); unzip them and import the folder`)
    }
  }
}

/**
 * The XMI files of a ZIP archive, as import sources: its `.xmi` entries, and
 * those of the archives inside it (INCEpTION's project export holds one
 * `annotation/<document>/<user>.zip` per annotator; its one XMI is that
 * user's layer of that document, and so is such an archive met on its own,
 * in an unzipped export). None when the file is no ZIP archive or holds no
 * XMI: then it is not an XMI source, and the caller decides.
 */
export function xmiZipSources(file: string): XmiFileSource[] {
  try {
    const buf = readArchive(file)
    if (!looksZip(buf)) return []
    const out: XmiFileSource[] = []
    const entries = zipEntries(buf)
    refuseNestedBomb(file, entries)
    for (const e of entries) {
      const lower = e.name.toLowerCase()
      if (lower.endsWith('.xmi')) out.push(entrySource(file, [e.name], e.name.split('/')))
      else if (lower.endsWith('.zip')) {
        let inner: Buffer
        let xmis
        try {
          inner = zipEntryData(buf, e)
          if (!looksZip(inner)) continue
          xmis = zipEntries(inner).filter((x) => x.name.toLowerCase().endsWith('.xmi'))
        } catch (err) {
          // Named as the data archives name a nested entry: `outer.zip!/inner.zip: why`.
          if (err instanceof ZipError) throw new AppError('invalid_input', `${file}!/${e.name}: ${err.message.startsWith(`${e.name}: `) ? err.message.slice(e.name.length + 2) : err.message}`)
          throw err
        }
        const dir = e.name.split('/').slice(0, -1)
        for (const x of xmis) out.push(entrySource(file, [e.name, x.name], xmis.length === 1 ? e.name.split('/') : [...dir, ...x.name.split('/')]))
      }
    }
    // A per-user archive itself (`annotation/<document>/<user>.zip` of an unzipped export): its path names its one XMI.
    const own = path.resolve(file).split(path.sep)
    if (out.length === 1 && out[0].zip!.chain.length === 1 && inceptionLayout(own)) return [entrySource(file, out[0].zip!.chain, own)]
    return out
  } catch (err) {
    if (err instanceof ZipError) throw new AppError('invalid_input', `${file}: ${err.message}`)
    throw err
  }
}
