import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import type { Store } from '../../src/main/store/store'
import { SAMPLES_DIR, tempStore } from '../helpers/tempWorkspace'

const documentsOf = (store: Store) =>
  store.db.prepare<[], { id: number; externalId: string; title: string }>('SELECT id, external_id AS externalId, title FROM documents ORDER BY external_id').all()

describe('plain-text export', () => {
  it('writes one .txt per document that the .txt import reads back to the same documents, and says what it left out', async () => {
    const a = tempStore()
    await importFiles(a.store, [SAMPLES_DIR], { annotator: null })
    const docs = documentsOf(a.store)
    createSpan(a.store, { documentId: docs[0].id, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    createSpan(a.store, { documentId: docs[0].id, annotator: 'bob', label: 'ORG', start: 0, end: 5 })

    const out = path.join(a.dir, 'corpus-txt')
    const report = await exportDataset(a.store, out, { format: 'txt' })
    const files = fs.readdirSync(out).sort()
    // Beside the texts, the manifest of exact ids (which the .txt import reads and never imports as a document).
    expect(files).toEqual([...docs.map((d) => `${d.externalId}.txt`), 'spanwright-manifest.tsv'].sort())
    expect(report.files[0].written).toEqual({ count: docs.length, noun: 'document', each: 'a .txt each' })
    // Two layers of the first document, one file: each document is written once.
    expect(report.warnings.join('\n')).toContain('2 spans and relations were left out')

    const b = tempStore()
    await importFiles(b.store, [out], { annotator: null })
    const back = documentsOf(b.store)
    expect(back.map((d) => d.externalId).sort()).toEqual(docs.map((d) => d.externalId).sort())
    for (const d of docs) {
      const again = b.store.documents.byExternalId(d.externalId)!
      expect(again.text).toBe(a.store.documents.byId(d.id)!.text)
      expect(again.title).toBe(d.title)
    }
  })
})
