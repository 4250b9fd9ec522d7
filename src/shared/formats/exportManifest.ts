import { RecordError } from './importRecord'

/**
 * The manifest a folder export (brat, txt) writes beside its files: each
 * file's exact document id (and, where the folder has a subfolder per
 * annotator, whose layer it is), so a re-import restores ids that file names
 * could not carry (`x:1`, a 300-character id, `CON`). One line a file, fields
 * as JSON strings (so a tab or newline in an id stays inside its field),
 * tab-separated. brat and our importer's folder walk ignore `.tsv` files.
 */
export const MANIFEST_FILE = 'spanwright-manifest.tsv'

export interface ManifestEntry {
  /** The file's path below the manifest's folder, `/`-separated, without extension. */
  file: string
  id: string
  /** The layer's annotator, when the folder holds several annotators' layers. */
  annotator: string | null
}

const HEADER = '# Spanwright export manifest: file (path without extension), document id, annotator; JSON strings, tab-separated'

export function formatManifest(entries: ManifestEntry[]): string {
  const lines = entries.map((e) => [e.file, e.id, ...(e.annotator === null ? [] : [e.annotator])].map((x) => JSON.stringify(x)).join('\t'))
  return `${[HEADER, ...lines].join('\n')}\n`
}

/** The key a file's path is looked up by: NFC, since some file systems hand names back decomposed. */
export const manifestKey = (file: string): string => file.normalize('NFC')

/** Reads a manifest; a bad line throws a RecordError naming it. */
export function parseManifest(text: string): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>()
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return
    let fields: unknown[]
    try {
      fields = raw.split('\t').map((f) => JSON.parse(f) as unknown)
    } catch {
      throw new RecordError('manifest line is not tab-separated JSON strings', i + 1)
    }
    if (fields.length < 2 || fields.length > 3 || fields.some((f) => typeof f !== 'string')) {
      throw new RecordError('manifest line needs a file and a document id (and optionally an annotator), each a JSON string', i + 1)
    }
    const [file, id, annotator] = fields as string[]
    if (id === '') throw new RecordError('manifest line has an empty document id', i + 1)
    const key = manifestKey(file)
    if (out.has(key)) throw new RecordError(`manifest names the file ${JSON.stringify(file)} twice`, i + 1)
    out.set(key, { file, id, annotator: annotator ?? null })
  })
  return out
}
