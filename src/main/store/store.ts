import type Database from 'better-sqlite3'
import { AnnotatorStore } from './annotatorStore'
import { openDatabase } from './database'
import type { OpenOptions } from './database'
import { DocumentStore } from './documentStore'
import { LabelStore } from './labelStore'
import { RelationStore } from './relationStore'
import { SettingsStore } from './settingsStore'
import { SpanStore } from './spanStore'

/** One open workspace: the database and a repository per table group. */
export class Store {
  readonly settings: SettingsStore
  readonly annotators: AnnotatorStore
  readonly labels: LabelStore
  readonly documents: DocumentStore
  readonly spans: SpanStore
  readonly relations: RelationStore

  constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.settings = new SettingsStore(db)
    this.annotators = new AnnotatorStore(db)
    this.labels = new LabelStore(db)
    this.documents = new DocumentStore(db)
    this.spans = new SpanStore(db)
    this.relations = new RelationStore(db)
  }

  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

export function openStore(file: string, opts?: OpenOptions): Store {
  return new Store(openDatabase(file, opts), file)
}
