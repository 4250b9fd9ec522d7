import { z } from 'zod'
import { AttributeDef, Color, LabelName } from '../domain/model'

/** A label schema file (resources/schema/*.json): entity and relation types. */
export const SchemaFile = z.object({
  name: z.string().min(1),
  entities: z.array(
    z.object({
      name: LabelName,
      color: Color,
      hotkey: z.string().length(1).nullable().optional(),
      description: z.string().default(''),
      attributes: z.array(AttributeDef).default([]),
    }),
  ),
  relations: z.array(
    z.object({
      name: LabelName,
      color: Color,
      head: z.array(LabelName).default([]),
      tail: z.array(LabelName).default([]),
      description: z.string().default(''),
    }),
  ),
})
export type SchemaFile = z.infer<typeof SchemaFile>
