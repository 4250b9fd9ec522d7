import fs from 'node:fs'
import path from 'node:path'

export type BratExtension = '.txt' | '.ann'

/**
 * Of `names`, the one that is `stem` with the extension `ext` in any case (`DOC.TXT`'s `DOC.ANN`, `doc.txt`'s
 * `doc.Ann`), as brat files copied from Windows or old archives spell them: the lower-case spelling first, then
 * the spelling in the case of `like` (the other half's own extension), then any. Null when there is none.
 */
export function siblingName(names: ReadonlySet<string> | ReadonlyMap<string, unknown>, stem: string, ext: BratExtension, like: string = ext): string | null {
  for (const e of [ext, like === like.toUpperCase() ? ext.toUpperCase() : ext]) if (names.has(stem + e)) return stem + e
  for (const name of names.keys()) if (name.length === stem.length + ext.length && name.startsWith(stem) && name.slice(stem.length).toLowerCase() === ext) return name
  return null
}

/**
 * Finds a brat file's other half beside it on disk (see siblingName). A folder is listed once per finder, and
 * only when the usual spellings are not there, so a folder of lower-case pairs is never listed.
 */
export function bratSiblingFinder(): (file: string, ext: BratExtension) => string | null {
  const listed = new Map<string, Set<string>>()
  return (file, ext) => {
    const own = path.extname(file)
    const stem = file.slice(0, file.length - own.length)
    const usual = [stem + ext, stem + ext.toUpperCase()]
    for (const p of usual) if (fs.existsSync(p)) return p
    const dir = path.dirname(file)
    let names = listed.get(dir)
    if (!names) {
      try {
        names = new Set(fs.readdirSync(dir))
      } catch {
        names = new Set()
      }
      listed.set(dir, names)
    }
    const found = siblingName(names, path.basename(stem), ext, own)
    return found === null ? null : path.join(dir, found)
  }
}
