import { useHashIs } from '../../app/useHashRoute'

export const SCHEMA_HREF = '#/schema'

/** True while the address is #/schema (the schema editor). */
export function useSchemaRoute(): boolean {
  return useHashIs(SCHEMA_HREF)
}
