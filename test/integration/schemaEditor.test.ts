import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { createRelation, createSpan } from '../../src/main/services/annotate/annotationService'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import type { LabelType } from '../../src/shared/domain/model'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempStore } from '../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels after the attack.'

/** A workspace with the news schema and one document carrying alice's spans and a relation. */
function workspace() {
  const ws = tempStore()
  const h = createHandlers({ store: ws.store, version: 't', transport: 'http' })
  const documentId = ws.store.documents.insert({ externalId: 'd1', title: 'Kerry in Brussels', text: TEXT, meta: {} })
  const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length })
  const base = { documentId, annotator: 'alice', attributes: {}, note: '' }
  const kerry = createSpan(ws.store, { ...base, label: 'PERSON', ...at('Kerry') })
  const michel = createSpan(ws.store, { ...base, label: 'PERSON', ...at('Michel') })
  const brussels = createSpan(ws.store, { ...base, label: 'GPE', ...at('Brussels') })
  const attack = createSpan(ws.store, { ...base, label: 'EVENT', ...at('attack') })
  createRelation(ws.store, { documentId, annotator: 'alice', label: 'LOCATED_IN', headId: attack.id, tailId: brussels.id })
  createRelation(ws.store, { documentId, annotator: 'alice', label: 'PART_OF', headId: kerry.id, tailId: michel.id })
  createRelation(ws.store, { documentId, annotator: 'alice', label: 'PERPETRATOR_OF', headId: michel.id, tailId: attack.id })
  return { ...ws, h, documentId, alice: ws.store.annotators.byName('alice')! }
}

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(`expected success, got: ${r.error?.message}`)
  return r.value as T
}

async function fails(p: Promise<{ ok: boolean; error?: { code: string; message: string } }>): Promise<{ code: string; message: string }> {
  const r = await p
  expect(r.ok).toBe(false)
  return r.error!
}

const label = (store: Store, kind: 'entity' | 'relation', name: string) => store.labels.byName(kind, name)!

describe('schema editor API', () => {
  it('creates entity and relation labels with attributes, constraints and a hotkey', async () => {
    const { store, h } = workspace()
    const drug = await ok<LabelType>(
      dispatch(h, 'schema.createLabel', {
        kind: 'entity',
        name: 'DRUG',
        color: '#AA00CC',
        hotkey: 'k',
        description: 'A medication',
        attributes: [
          { name: 'negated', type: 'boolean' },
          { name: 'certainty', type: 'enum', values: ['low', 'high'] },
        ],
      }),
    )
    expect(drug).toMatchObject({ kind: 'entity', name: 'DRUG', color: '#aa00cc', hotkey: 'k', headTypes: [], tailTypes: [] })
    const treats = await ok<LabelType>(
      dispatch(h, 'schema.createLabel', { kind: 'relation', name: 'TREATS', color: '#123456', headTypes: ['DRUG'], tailTypes: ['PERSON'] }),
    )
    expect(treats.headTypes).toEqual(['DRUG'])
    // Survives reopening the file.
    store.close()
    const again = openStore(store.file)
    expect(again.labels.byName('entity', 'DRUG')!.attributes).toEqual(drug.attributes)
    expect(again.labels.byName('relation', 'TREATS')!.tailTypes).toEqual(['PERSON'])
    again.close()
  })

  it('refuses duplicates, taken or reserved keys, bad colours and unknown constraint types, changing nothing', async () => {
    const { store, h } = workspace()
    const person = label(store, 'entity', 'PERSON')
    const before = snapshotStore(store)
    const cases: [string, unknown, string, RegExp][] = [
      ['schema.createLabel', { kind: 'entity', name: 'ORG', color: '#000000' }, 'conflict', /already an entity label named ORG/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: 'p' }, 'conflict', /taken by PERSON/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: 'P' }, 'conflict', /taken by PERSON/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: 'r' }, 'conflict', /reserved/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: '/' }, 'conflict', /reserved/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: '7' }, 'conflict', /reserved/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: 'x' }, 'conflict', /reserved by the editor \(reserved: r s x \[ \] \? \/ Tab and the digits\)/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#000000', hotkey: 'Tab' }, 'bad_request', /one visible character/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: 'red' }, 'bad_request', /#rrggbb/],
      ['schema.createLabel', { kind: 'entity', name: 'NEW', color: '#12345' }, 'bad_request', /#rrggbb/],
      ['schema.createLabel', { kind: 'entity', name: 'TWO WORDS', color: '#123456' }, 'bad_request', /whitespace/],
      ['schema.createLabel', { kind: 'relation', name: 'R', color: '#123456', headTypes: ['NOPE'] }, 'bad_request', /head types name no entity label: NOPE/],
      ['schema.createLabel', { kind: 'entity', name: 'E', color: '#123456', headTypes: ['PERSON'] }, 'bad_request', /only relation labels/],
      ['schema.updateLabel', { id: person.id, name: 'ORG' }, 'conflict', /already an entity label named ORG/],
      ['schema.updateLabel', { id: person.id, hotkey: 'o' }, 'conflict', /taken by ORG/],
      ['schema.updateLabel', { id: person.id, hotkey: '?' }, 'conflict', /reserved/],
      ['schema.updateLabel', { id: person.id, color: '#ggg000' }, 'bad_request', /#rrggbb/],
      ['schema.updateLabel', { id: 99999, name: 'X' }, 'not_found', /no label with id 99999/],
      ['schema.deleteLabel', { id: 99999, confirm: true }, 'not_found', /no label/],
    ]
    for (const [m, args, code, message] of cases) {
      const e = await fails(dispatch(h, m, args))
      expect(e.code, `${m} ${JSON.stringify(args)}`).toBe(code)
      expect(e.message, `${m} ${JSON.stringify(args)}`).toMatch(message)
    }
    expect(snapshotStore(store)).toEqual(before)
  })

  it('renames an entity label: spans keep it under the new name, and relation constraints follow', async () => {
    const { store, h, documentId, alice } = workspace()
    const person = label(store, 'entity', 'PERSON')
    const updated = await ok<LabelType>(
      dispatch(h, 'schema.updateLabel', { id: person.id, name: 'PER', color: '#010203', hotkey: 'k', description: 'People' }),
    )
    expect(updated).toMatchObject({ id: person.id, name: 'PER', color: '#010203', hotkey: 'k', description: 'People' })
    const spans = store.spans.layer(documentId, alice.id)
    expect(spans.map((s) => s.label).sort()).toEqual(['EVENT', 'GPE', 'PER', 'PER'])
    expect(store.labels.byName('relation', 'AFFILIATED_WITH')!.headTypes).toEqual(['PER'])
    expect(store.labels.byName('relation', 'PERPETRATOR_OF')!.headTypes).toEqual(['PER', 'ORG'])
    expect(store.relations.layer(documentId, alice.id)).toHaveLength(3)
    // The freed key can be taken by another label; the old name can be reused.
    await ok(dispatch(h, 'schema.updateLabel', { id: label(store, 'entity', 'ORG').id, hotkey: 'p' }))
    await ok(dispatch(h, 'schema.createLabel', { kind: 'entity', name: 'PERSON', color: '#333333' }))
  })

  it('re-keys to none, edits relation constraints and attributes, and keeps unchanged fields', async () => {
    const { store, h } = workspace()
    const located = label(store, 'relation', 'LOCATED_IN')
    const r = await ok<LabelType>(
      dispatch(h, 'schema.updateLabel', {
        id: located.id,
        headTypes: ['FAC', 'FAC', 'ORG'],
        attributes: [{ name: 'certainty', type: 'enum', values: ['low', 'high'] }],
      }),
    )
    expect(r).toMatchObject({ name: 'LOCATED_IN', color: located.color, headTypes: ['FAC', 'ORG'], tailTypes: ['GPE', 'LOC'] })
    expect(r.attributes).toEqual([{ name: 'certainty', type: 'enum', values: ['low', 'high'] }])
    const date = await ok<LabelType>(dispatch(h, 'schema.updateLabel', { id: label(store, 'entity', 'DATE').id, hotkey: null }))
    expect(date.hotkey).toBeNull()
    const e = await fails(dispatch(h, 'schema.updateLabel', { id: located.id, attributes: [{ name: 'a', type: 'boolean' }, { name: 'a', type: 'boolean' }] }))
    expect(e.message).toMatch(/attribute names must be unique/)
  })

  it('deleting a label in use: the preview counts and removes nothing; confirm removes it all in one go', async () => {
    const { store, h, documentId, alice } = workspace()
    const person = label(store, 'entity', 'PERSON')
    const before = snapshotStore(store)
    const preview = await ok(dispatch(h, 'schema.deleteLabel', { id: person.id }))
    // Two PERSON spans; PART_OF (Kerry→Michel) and PERPETRATOR_OF (Michel→attack) touch them; LOCATED_IN does not.
    expect(preview).toEqual({
      label: 'PERSON',
      kind: 'entity',
      deleted: false,
      spans: 2,
      relations: 2,
      constraintsIn: ['AFFILIATED_WITH', 'PERPETRATOR_OF'],
    })
    expect(snapshotStore(store)).toEqual(before)

    const done = await ok(dispatch(h, 'schema.deleteLabel', { id: person.id, confirm: true }))
    expect(done).toMatchObject({ deleted: true, spans: 2, relations: 2 })
    expect(store.labels.byId(person.id)).toBeNull()
    expect(store.spans.layer(documentId, alice.id).map((s) => s.label).sort()).toEqual(['EVENT', 'GPE'])
    expect(store.relations.layer(documentId, alice.id).map((r) => r.label)).toEqual(['LOCATED_IN'])
    expect(store.labels.byName('relation', 'PERPETRATOR_OF')!.headTypes).toEqual(['ORG'])
    expect(store.labels.byName('relation', 'AFFILIATED_WITH')!.headTypes).toEqual([])
  })

  it('deleting a relation label removes only its relations; an unused label goes with zero counts', async () => {
    const { store, h, documentId, alice } = workspace()
    const preview = await ok(dispatch(h, 'schema.deleteLabel', { id: label(store, 'relation', 'LOCATED_IN').id }))
    expect(preview).toMatchObject({ spans: 0, relations: 1, deleted: false, constraintsIn: [] })
    await ok(dispatch(h, 'schema.deleteLabel', { id: label(store, 'relation', 'LOCATED_IN').id, confirm: true }))
    expect(store.spans.layer(documentId, alice.id)).toHaveLength(4)
    expect(store.relations.layer(documentId, alice.id).map((r) => r.label).sort()).toEqual(['PART_OF', 'PERPETRATOR_OF'])
    const unused = await ok(dispatch(h, 'schema.deleteLabel', { id: label(store, 'entity', 'NORP').id, confirm: true }))
    expect(unused).toMatchObject({ label: 'NORP', deleted: true, spans: 0, relations: 0 })
  })
})
