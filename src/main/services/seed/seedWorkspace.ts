import fs from 'node:fs'
import path from 'node:path'
import { describeIssues } from '../../../shared/api/validate'
import { SchemaFile } from '../../../shared/schema/schemaFile'
import type { Store } from '../../store/store'
import { resourcesDir } from '../../workspace/paths'
import { importRecords } from '../import/importRecords'
import { readDocumentFiles } from '../import/readFiles'

/** Loads a schema file's labels into the store (skipping labels that exist). */
export function installSchema(store: Store, file: string): number {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown
  const parsed = SchemaFile.safeParse(raw)
  if (!parsed.success) throw new Error(`${file}: not a valid label schema: ${describeIssues(parsed.error.issues)}`)
  let added = 0
  store.transaction(() => {
    for (const e of parsed.data.entities) {
      if (store.labels.byName('entity', e.name)) continue
      store.labels.insert({
        kind: 'entity',
        name: e.name,
        color: e.color,
        hotkey: e.hotkey ?? null,
        description: e.description,
        headTypes: [],
        tailTypes: [],
        attributes: e.attributes,
      })
      added++
    }
    for (const r of parsed.data.relations) {
      if (store.labels.byName('relation', r.name)) continue
      store.labels.insert({
        kind: 'relation',
        name: r.name,
        color: r.color,
        hotkey: null,
        description: r.description,
        headTypes: r.head,
        tailTypes: r.tail,
        attributes: [],
      })
      added++
    }
  })
  return added
}

export interface SeedOptions {
  /** Also import the bundled sample articles (the app does; the CLI does not). */
  samples: boolean
}

/**
 * First-run setup of a workspace: the default news schema and, for the app, the
 * five sample articles. Runs once per workspace (remembered in settings), so a
 * user who deletes the samples does not get them back.
 */
export async function seedWorkspace(store: Store, opts: SeedOptions): Promise<void> {
  const res = resourcesDir()
  if (!store.settings.get('seeded.schema')) {
    if (store.labels.list().length === 0) installSchema(store, path.join(res, 'schema', 'news.json'))
    store.settings.set('seeded.schema', new Date().toISOString())
  }
  if (opts.samples && !store.settings.get('seeded.samples')) {
    if (store.documents.count() === 0) {
      const records = await readDocumentFiles([path.join(res, 'samples')])
      importRecords(store, records, { annotator: null })
    }
    store.settings.set('seeded.samples', new Date().toISOString())
  }
}
