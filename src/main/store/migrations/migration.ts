/** One schema version: SQL run inside a transaction that ends by setting user_version. */
export interface Migration {
  version: number
  name: string
  up: string
}
