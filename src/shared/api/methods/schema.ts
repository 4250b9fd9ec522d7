import { z } from 'zod'
import { AttributeDef, Color, LabelKind, LabelName } from '../../domain/model'
import type { LabelType } from '../../domain/model'
import { def, returns, RowId } from '../define'

/**
 * Keys the document editor keeps for itself, so no label may take them:
 * `r` starts a relation, `?` opens help, `/` searches, Tab moves between spans,
 * `s` toggles token snapping, digits pick relation types, `x` rejects a suggestion and `]`/`[` step through them.
 */
export const RESERVED_HOTKEYS: readonly string[] = ['r', 's', 'x', '[', ']', '?', '/', 'Tab', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

/** A label hotkey: one visible character (compared case-insensitively), or null for none. */
export const Hotkey = z
  .string()
  .regex(/^\S$/u, 'a hotkey is one visible character')
  .nullable()

const Description = z.string().max(2000, 'a description is at most 2000 characters')
const TypeList = z.array(LabelName).max(200)
const AttributeDefs = z
  .array(AttributeDef)
  .max(50)
  .refine((defs) => new Set(defs.map((d) => d.name)).size === defs.length, 'attribute names must be unique')

export const NewLabelArgs = z.strictObject({
  kind: LabelKind,
  name: LabelName,
  color: Color,
  hotkey: Hotkey.optional(),
  description: Description.optional(),
  headTypes: TypeList.optional(),
  tailTypes: TypeList.optional(),
  attributes: AttributeDefs.optional(),
})
export type NewLabelArgs = z.infer<typeof NewLabelArgs>

/** Only the fields given change; `id` names the label. */
export const LabelPatch = z.strictObject({
  id: RowId,
  name: LabelName.optional(),
  color: Color.optional(),
  hotkey: Hotkey.optional(),
  description: Description.optional(),
  headTypes: TypeList.optional(),
  tailTypes: TypeList.optional(),
  attributes: AttributeDefs.optional(),
})
export type LabelPatch = z.infer<typeof LabelPatch>

/** What deleting a label removes (or, without `confirm`, would remove). */
export interface LabelDeletion {
  label: string
  kind: LabelType['kind']
  /** False when this was only the preview: nothing was removed. */
  deleted: boolean
  spans: number
  relations: number
  /** Relation labels whose head/tail constraint lists name this entity label (and lose it). */
  constraintsIn: string[]
}

/** How many spans (entity labels) or relations (relation labels) carry each label, across all layers. */
export interface LabelUsage {
  id: number
  count: number
}

export const schemaMethods = {
  'schema.list': def(z.strictObject({}), returns<LabelType[]>()),
  'schema.usage': def(z.strictObject({}), returns<LabelUsage[]>()),
  'schema.createLabel': def(NewLabelArgs, returns<LabelType>()),
  'schema.updateLabel': def(LabelPatch, returns<LabelType>()),
  'schema.deleteLabel': def(z.strictObject({ id: RowId, confirm: z.boolean().optional() }), returns<LabelDeletion>()),
}
