import { z } from 'zod'
import type { LabelType } from '../../domain/model'
import { def, returns } from '../define'

export const schemaMethods = {
  'schema.list': def(z.strictObject({}), returns<LabelType[]>()),
}
