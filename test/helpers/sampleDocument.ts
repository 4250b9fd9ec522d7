import fs from 'node:fs'
import path from 'node:path'
import type { Store } from '../../src/main/store/store'
import { SAMPLES_DIR } from './tempWorkspace'

export type StoredDocument = NonNullable<ReturnType<Store['documents']['byId']>>

/**
 * Stores one of the sample articles, its first line the title (as the .txt
 * import reads it). `at` gives a piece of its text's offsets, for spans.
 */
export function insertSampleDocument(store: Store, externalId: string): { doc: StoredDocument; at: (needle: string) => { start: number; end: number } } {
  const [title, ...body] = fs.readFileSync(path.join(SAMPLES_DIR, `${externalId}.txt`), 'utf8').split('\n')
  const doc = store.documents.byId(store.documents.insert({ externalId, title, text: body.join('\n'), meta: {} }))!
  const at = (needle: string) => {
    const start = doc.text.indexOf(needle)
    if (start < 0) throw new Error(`not in the sample: ${needle}`)
    return { start, end: start + needle.length }
  }
  return { doc, at }
}
