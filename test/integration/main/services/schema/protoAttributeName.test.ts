// An attribute named `__proto__`: as an object key it is the prototype, so its values could never be stored (the API
// refuses such a key, `obj[name] = v` drops it). It is refused with one sentence wherever an attribute name comes in.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { installSchema } from '../../../../../src/main/services/seed/seedWorkspace'
import { tempStore } from '../../../../helpers/tempWorkspace'

const REASON = /an attribute cannot be named "__proto__" \(as an object key it is the prototype/

describe('an attribute named __proto__', () => {
  it('is refused by schema.createLabel and schema.updateLabel (as JSON text sends it), and nothing is stored', async () => {
    const t = tempStore()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    const before = t.store.labels.list().length
    const created = await dispatch(h, 'schema.createLabel', JSON.parse('{"kind":"entity","name":"X","color":"#112233","attributes":[{"name":"__proto__","type":"boolean"}]}'))
    expect(created.ok).toBe(false)
    expect(JSON.stringify(created)).toMatch(/attributes\.0\.name/)
    expect(!created.ok && created.error.message).toMatch(REASON)
    expect(t.store.labels.list().length).toBe(before)
    const person = t.store.labels.byName('entity', 'PERSON')!
    const updated = await dispatch(h, 'schema.updateLabel', { id: person.id, attributes: [{ name: '__proto__', type: 'enum', values: ['a'] }] })
    expect(!updated.ok && updated.error.message).toMatch(REASON)
    expect(t.store.labels.byName('entity', 'PERSON')!.attributes).toEqual(person.attributes)
    // An enum value of that spelling is only a string, and stays allowed.
    const value = await dispatch(h, 'schema.updateLabel', { id: person.id, attributes: [{ name: 'role', type: 'enum', values: ['__proto__'] }] })
    expect(value.ok).toBe(true)
    t.store.close()
  })

  it('is refused in a schema file, naming the file', () => {
    const t = tempStore({ schema: false })
    const file = join(t.dir, 'schema.json')
    writeFileSync(file, JSON.stringify({ name: 'mine', entities: [{ name: 'X', color: '#112233', attributes: [{ name: '__proto__', type: 'boolean' }] }], relations: [] }))
    expect(() => installSchema(t.store, file)).toThrow(/schema\.json: not a valid label schema: entities\.0\.attributes\.0\.name: an attribute cannot be named "__proto__"/)
    expect(t.store.labels.list()).toEqual([])
    t.store.close()
  })

  it('is refused in an imported span or relation (JSONL and brat), naming file, line and item; nothing is imported', async () => {
    const t = tempStore()
    const jsonl = join(t.dir, 'proto.jsonl')
    writeFileSync(
      jsonl,
      '{"id":"ok","text":"Angela.","annotator":"alice","spans":[{"start":0,"end":6,"label":"PERSON"}]}\n' +
        '{"id":"d1","text":"Kerry met Michel.","annotator":"alice","spans":[{"start":0,"end":5,"label":"PERSON","attributes":{"__proto__":true}}]}\n',
    )
    await expect(importFiles(t.store, [jsonl], { annotator: null })).rejects.toThrow(/proto\.jsonl:2: spans\[0\]\.attributes: an attribute cannot be named "__proto__"/)
    const brat = join(t.dir, 'brat')
    const fs = await import('node:fs')
    fs.mkdirSync(brat)
    writeFileSync(join(brat, 'b1.txt'), 'Kerry met Michel.')
    writeFileSync(join(brat, 'b1.ann'), 'T1\tPERSON 0 5\tKerry\nA1\t__proto__ T1\n')
    await expect(importFiles(t.store, [brat], { annotator: 'alice' })).rejects.toThrow(/b1\.ann.*spans\[0\]\.attributes: an attribute cannot be named "__proto__"/)
    expect(t.store.documents.byExternalId('ok')).toBeNull()
    expect(t.store.documents.byExternalId('d1')).toBeNull()
    t.store.close()
  })
})
