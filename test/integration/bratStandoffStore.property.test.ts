import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { importRecords } from '../../src/main/services/import/importRecords'
import { decodeBratDocument } from '../../src/shared/formats/brat/decodeBratDocument'
import { encodeBratDocument } from '../../src/shared/formats/brat/encodeBratDocument'
import { formatLineError } from '../../src/shared/formats/importRecord'
import { compareAnn } from '../helpers/bratCompare'
import { bratDocument } from '../helpers/bratStandoffGen'
import { tempStore } from '../helpers/tempWorkspace'

/**
 * Generated brat documents (every line kind mixed) through a real workspace:
 * decoded, imported, read back from SQLite and encoded, each must come back
 * line for line; importing it again adds nothing.
 */
describe('brat standoff through the store, generated', () => {
  const { store } = tempStore()
  afterAll(() => store.close())
  let n = 0

  it('every valid document comes back line for line, and a second import adds nothing', () => {
    fc.assert(
      fc.property(bratDocument, ({ text, ann }) => {
        const id = `g${++n}`
        const { record, errors } = decodeBratDocument(text, ann, { file: `${id}.ann`, externalId: id })
        expect(errors.map(formatLineError)).toEqual([])
        const sourced = { ...record!, file: `${id}.ann` }
        importRecords(store, [sourced], { annotator: 'brat', addLabels: true, backup: false })
        const again = importRecords(store, [sourced], { annotator: 'brat', addLabels: true, backup: false })
        expect([again.spansAdded, again.relationsAdded]).toEqual([0, 0])
        const doc = store.documents.byExternalId(id)!
        const a = store.annotators.byName('brat')!.id
        const out = encodeBratDocument({
          externalId: id, title: doc.title, text: doc.text, meta: doc.meta, annotator: 'brat', status: null,
          spans: store.spans.layer(doc.id, a), relations: store.relations.layer(doc.id, a),
        })
        expect(out.txt).toBe(text)
        const { missing, extra } = compareAnn(ann, out.ann)
        expect({ ann, missing, extra }).toEqual({ ann, missing: [], extra: [] })
      }),
      { numRuns: 150 },
    )
  })
})
