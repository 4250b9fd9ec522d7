// WebAnno TSV 1/2 files (WebAnno 1.x/2.x, WebannoTsv2Writer's layout: test/fixtures/peers/webanno-tsv-older) import
// through the CLI by detection, each span's text slice equal to its tokens; they were refused before. A damaged file
// is refused with file:line: reason for each bad line and nothing is imported, also beside a good one.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store/store'
import { REPO_ROOT, tempDir, tempStore } from '../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test/fixtures/peers/webanno-tsv-older')
const at = (f: string) => path.join(DIR, f)
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 })

function contents(db: string) {
  const store = openStore(db)
  try {
    const spans = store.db
      .prepare('SELECT d.external_id AS doc, l.name AS label, substr(d.text, s.start + 1, s."end" - s.start) AS covered FROM spans s JOIN documents d ON d.id = s.document_id JOIN label_types l ON l.id = s.label_id ORDER BY d.external_id, s.start, s.id')
      .all() as { doc: string; label: string; covered: string }[]
    const relations = store.db
      .prepare('SELECT l.name AS label, substr(d.text, h.start + 1, h."end" - h.start) AS head, substr(d.text, t.start + 1, t."end" - t.start) AS tail FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id JOIN documents d ON d.id = h.document_id JOIN label_types l ON l.id = r.label_id ORDER BY r.id')
      .all()
    const documents = store.db.prepare('SELECT external_id AS id, text FROM documents ORDER BY external_id').all()
    return { documents, spans: spans.map((s) => [s.doc, s.label, s.covered]), relations }
  } finally {
    store.close()
  }
}

describe('WebAnno TSV 1/2 import through the CLI', () => {
  it('both fixtures by detection: spans at their tokens, relations, structure layers counted', () => {
    const { store, file: db } = tempStore()
    store.close()
    const r = cli('import', at('webanno2_tsv2writer_layout.tsv'), at('webanno2_layers_relations.tsv'), '--db', db, '--annotator', 'alice', '--add-labels')
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('imported 2 of 2 records (0 rejected): 2 new documents, 2 new layers, 11 spans (0 already present), 2 relations')
    expect(r.stdout).toContain('note: 13 WebAnno POS annotations (document structure), not imported')
    expect(contents(db)).toEqual({
      documents: [
        { id: 'webanno2_layers_relations', text: 'Ms. Haag plays Elianne in New York City .\nShe  likes  it.' },
        { id: 'webanno2_tsv2writer_layout', text: 'Ms. Haag plays Elianne in Paris .' },
      ],
      spans: [
        ['webanno2_layers_relations', 'PER', 'Ms. Haag'],
        ['webanno2_layers_relations', 'PER', 'Elianne'],
        ['webanno2_layers_relations', 'OTH', 'Elianne'],
        ['webanno2_layers_relations', 'LOC', 'New York'],
        ['webanno2_layers_relations', 'ORG', 'York City'],
        ['webanno2_layers_relations', 'NamedEntity', 'She'],
        ['webanno2_layers_relations', 'positive', 'likes'],
        ['webanno2_layers_relations', 'positive', 'it'],
        ['webanno2_tsv2writer_layout', 'PER', 'Haag'],
        ['webanno2_tsv2writer_layout', 'PER', 'Elianne'],
        ['webanno2_tsv2writer_layout', 'LOC', 'Paris'],
      ],
      relations: [
        { label: 'Rel', head: 'Ms. Haag', tail: 'Elianne' },
        { label: 'visits', head: 'Ms. Haag', tail: 'New York' },
      ],
    })
  })

  it('a damaged file beside a good one: each bad line named, nothing imported', () => {
    const { store, file: db } = tempStore()
    store.close()
    const dir = tempDir()
    const bad = path.join(dir, 'bad.tsv')
    fs.writeFileSync(bad, ' # de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity | value\n#id=1\n#text=a b c\n1-1\ta\tI-PER\t\n1-2\tB\tO\t\n1-3\tc\tO\textra\t\n')
    const r = cli('import', at('webanno2_tsv2writer_layout.tsv'), bad, '--db', db, '--annotator', 'alice', '--add-labels')
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('nothing was imported')
    expect(r.stderr).toContain(`${bad}:4: NamedEntity | value: "I-PER" (stack position 1) continues no annotation`)
    expect(r.stderr).toContain(`${bad}:5: token 1-2 "B" is not the next word of its sentence's #text= (line 3)`)
    expect(r.stderr).toContain(`${bad}:6: 4 tab-separated fields, but the header declares 3`)
    expect(contents(db)).toEqual({ documents: [], spans: [], relations: [] })
  })
})
