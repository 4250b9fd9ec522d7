import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { MANIFEST_FILE, manifestKey, parseManifest } from '../../../shared/formats/exportManifest'
import type { ManifestEntry } from '../../../shared/formats/exportManifest'
import { RecordError } from '../../../shared/formats/importRecord'

/** What applyManifests reads and sets of an import source (InputSource, without importing it: no cycle). */
interface DocumentSource {
  kind: string
  file: string
  externalId?: string
  annotator?: string
}

/**
 * Gives documents read from a folder export (brat, txt) the exact ids (and,
 * from a folder per annotator, the annotators) its manifest recorded, which
 * file names could not carry. The nearest manifest at or above a file, up to
 * the folder the user named, decides; a file it does not list keeps the id
 * its path gives.
 */
export function applyManifests(sources: DocumentSource[], from: number, base: string): void {
  const manifests = new Map<string, Map<string, ManifestEntry> | null>()
  const manifestIn = (dir: string): Map<string, ManifestEntry> | null => {
    if (!manifests.has(dir)) {
      const file = path.join(dir, MANIFEST_FILE)
      manifests.set(dir, fs.existsSync(file) ? readManifest(file) : null)
    }
    return manifests.get(dir)!
  }
  const root = path.resolve(base)
  for (let i = from; i < sources.length; i++) {
    const s = sources[i]
    if (s.kind === 'stream') continue
    for (let dir = path.dirname(path.resolve(s.file)); ; dir = path.dirname(dir)) {
      const m = manifestIn(dir)
      if (m) {
        const rel = path.relative(dir, path.resolve(s.file)).split(path.sep).join('/').replace(/\.txt$/i, '')
        const entry = m.get(manifestKey(rel))
        if (entry) {
          s.externalId = entry.id
          if (entry.annotator !== null) s.annotator = entry.annotator
        }
        break
      }
      if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) break
    }
  }
}

function readManifest(file: string): Map<string, ManifestEntry> {
  try {
    return parseManifest(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    if (e instanceof RecordError) throw new AppError('invalid_input', `${file}:${e.line ?? 1}: ${e.message}`)
    throw e
  }
}
