import type pg from 'pg'
import { SERVER_MIGRATIONS } from '../../../src/main/team/serverMigrations'

/**
 * Brings an empty database to an old team schema with the migrations' own
 * frozen SQL, as `team init` of that release left it, so upgrade tests start
 * from what a lab's server really holds.
 */
export async function teamDatabaseAtSchema(client: pg.Client, version: number): Promise<void> {
  await client.query('CREATE TABLE spanwright_schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
  for (const m of SERVER_MIGRATIONS.filter((x) => x.version <= version)) {
    await client.query(m.up)
    await client.query('INSERT INTO spanwright_schema_version (version) VALUES ($1)', [m.version])
  }
}
