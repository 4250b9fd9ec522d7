import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../../../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../../../../src/main/store/store'
import type { Store } from '../../../../../src/main/store/store'
import { tempDir } from '../../../../helpers/tempWorkspace'

let store: Store | null = null
afterEach(() => {
  store?.close()
  store = null
})

/** The README's first-run table: what a new workspace holds before anything is imported. */
describe('a first run seeds the default news schema and five sample articles', () => {
  it('entity keys, relation head → tail constraints and the attributes of PERSON and EVENT are those the README lists', async () => {
    store = openStore(path.join(tempDir(), 'first.spanwright'), { rollingBackups: false })
    await seedWorkspace(store, { samples: true })
    const labels = store.labels.list()
    const entities = labels.filter((l) => l.kind === 'entity')
    expect(Object.fromEntries(entities.map((l) => [l.name, l.hotkey]))).toEqual({ PERSON: 'p', ORG: 'o', GPE: 'g', LOC: 'l', FAC: 'f', DATE: 'd', NORP: 'n', EVENT: 'e' })
    const relations = labels.filter((l) => l.kind === 'relation')
    expect(Object.fromEntries(relations.map((l) => [l.name, `${l.headTypes.join(', ') || 'any'} → ${l.tailTypes.join(', ') || 'any'}`]))).toEqual({
      AFFILIATED_WITH: 'PERSON → ORG',
      LOCATED_IN: 'ORG, FAC, EVENT → GPE, LOC',
      PERPETRATOR_OF: 'PERSON, ORG → EVENT',
      PART_OF: 'any → any',
    })
    const withAttributes = entities.filter((l) => l.attributes.length)
    expect(withAttributes.map((l) => l.name)).toEqual(['PERSON', 'EVENT'])
    for (const l of withAttributes) {
      expect(l.attributes).toEqual([
        { name: 'negated', type: 'boolean' },
        { name: 'certainty', type: 'enum', values: ['low', 'high'] },
      ])
    }
    expect(store.documents.count()).toBe(5)
  })
})
