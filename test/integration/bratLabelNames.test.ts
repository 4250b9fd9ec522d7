import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import type { LabelType } from '../../src/shared/domain/model'
import { SchemaFile } from '../../src/shared/schema/schemaFile'
import { tempStore } from '../helpers/tempWorkspace'

/**
 * Names brat cannot carry (a space, or `:` which brat reads as TYPE:ID) are
 * refused where a schema is made: the schema editor's API and a schema file,
 * with the reason. Names that are Object's own properties are ordinary names.
 */

describe('label and attribute names brat cannot carry', () => {
  const { store } = tempStore()
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const create = (args: Record<string, unknown>) => dispatch(h, 'schema.createLabel', { kind: 'entity', color: '#123456', ...args })

  it.each([
    [{ name: 'Gene product' }, /a label name cannot contain whitespace/],
    [{ name: 'Org:Company' }, /a label name cannot contain ":" \(brat reads TYPE:ID\)/],
    [{ name: 'DRUG', attributes: [{ name: 'is negated', type: 'boolean' }] }, /an attribute name or value cannot contain whitespace or ":"/],
    [{ name: 'DRUG', attributes: [{ name: 'neg:x', type: 'boolean' }] }, /an attribute name or value cannot contain whitespace or ":"/],
    [{ name: 'DRUG', attributes: [{ name: 'Dose', type: 'enum', values: ['high', 'very low'] }] }, /an attribute name or value cannot contain whitespace/],
  ])('the schema editor refuses %j with the reason', async (args, reason) => {
    const r = await create(args)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.error.message).toMatch(reason)
    expect(store.labels.byName('entity', String(args.name))).toBeNull()
  })

  it('renaming to such a name is refused too', async () => {
    const person = store.labels.byName('entity', 'PERSON')!
    const r = await dispatch(h, 'schema.updateLabel', { id: person.id, name: 'PER SON' })
    expect(r.ok).toBe(false)
    expect(store.labels.byName('entity', 'PERSON')).not.toBeNull()
  })

  it('accepts attribute names such as toString and constructor; __proto__ is refused (its values could never be stored)', async () => {
    const r = await create({ name: 'GENE', attributes: [{ name: 'constructor', type: 'boolean' }, { name: 'toString', type: 'enum', values: ['constructor', 'valueOf'] }] })
    expect(r.ok ? (r.value as LabelType).attributes.map((a) => a.name) : r.error.message).toEqual(['constructor', 'toString'])
    const proto = await create({ name: 'GENE2', attributes: [{ name: '__proto__', type: 'boolean' }] })
    expect(proto.ok ? 'accepted' : proto.error.message).toMatch(/cannot be named "__proto__"/u)
  })

  it('a schema file with such names is refused, naming the field and the reason', () => {
    const parsed = SchemaFile.safeParse({ name: 's', entities: [{ name: 'A:B', color: '#000000' }], relations: [{ name: 'part of', color: '#000000' }] })
    expect(parsed.success).toBe(false)
    const issues = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(issues).toEqual(['entities.0.name: a label name cannot contain ":" (brat reads TYPE:ID)', 'relations.0.name: a label name cannot contain whitespace'])
  })
})
