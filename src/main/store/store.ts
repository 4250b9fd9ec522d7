import type Database from 'better-sqlite3'
import { AgreementLayerReader } from './agreementLayerReader'
import { AnnotatorStore } from './annotatorStore'
import { forgetCleanClose, recordCleanClose } from './cleanClose'
import { isDamageError } from './damagedDatabase'
import { createBackup, createBackupSync, readBackupSettings, startBackupTimer } from './backups'
import type { BackupReason, BackupSettings, BackupTimer } from './backups'
import { openDatabase } from './database'
import { withDeferredIndexing } from './deferredIndexing'
import type { OpenOptions } from './database'
import { DocumentStore } from './documentStore'
import { ExportLayerStore } from './exportLayerStore'
import { GoldStore } from './goldStore'
import { HistoryStore } from './historyStore'
import { LabelStore } from './labelStore'
import { LibraryStore } from './libraryStore'
import { RecommendStore } from './recommendStore'
import { RelationStore } from './relationStore'
import { ReviewDoneLayerStore } from './reviewDoneLayerStore'
import { SettingsStore } from './settingsStore'
import { SpanStore } from './spanStore'
import { TeamStore } from './teamStore'
import { acquireWorkspaceLock } from './workspaceLock'
import { assertWorkspacePath } from './workspacePath'
import type { WorkspaceLock } from './workspaceLock'

export interface StoreOpenOptions extends OpenOptions {
  /** Take the single-writer lock beside the file (default: yes, unless read-only). */
  lock?: boolean
  /** How long to wait for another writer's lock before refusing (default 3 s). */
  lockWaitMs?: number
  /** Rolling online backups while open (default: yes, unless read-only); interval and count from settings. */
  rollingBackups?: boolean | { intervalMs: number; keep: number }
}

/** One open workspace: the database and a repository per table group. */
export class Store {
  readonly settings: SettingsStore
  readonly annotators: AnnotatorStore
  readonly labels: LabelStore
  readonly documents: DocumentStore
  readonly library: LibraryStore
  readonly spans: SpanStore
  readonly relations: RelationStore
  readonly exportLayers: ExportLayerStore
  private historyStore: HistoryStore | null = null
  private goldStore: GoldStore | null = null
  private reviewDoneLayerStore: ReviewDoneLayerStore | null = null
  private recommendStore: RecommendStore | null = null
  private teamStore: TeamStore | null = null
  private lock: WorkspaceLock | null = null
  private backupTimer: BackupTimer | null = null
  private recordsCleanClose = false

  constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.settings = new SettingsStore(db)
    this.annotators = new AnnotatorStore(db)
    this.labels = new LabelStore(db)
    this.documents = new DocumentStore(db)
    this.library = new LibraryStore(db)
    this.spans = new SpanStore(db)
    this.relations = new RelationStore(db)
    this.exportLayers = new ExportLayerStore(db)
  }

  /** The undo history (built on first use: a read-only reader of an old file may never need its table). */
  get history(): HistoryStore {
    return (this.historyStore ??= new HistoryStore(this.db))
  }

  /** The review's status and rejections beside the gold layer (built on first use, as history). */
  get gold(): GoldStore {
    return (this.goldStore ??= new GoldStore(this.db))
  }

  /** The annotators' layers kept when each review was marked done, beside them now (built on first use, as history). */
  get reviewDoneLayers(): ReviewDoneLayerStore {
    return (this.reviewDoneLayerStore ??= new ReviewDoneLayerStore(this.db))
  }

  /** Whether this connection was opened read-only. */
  get readonly(): boolean {
    return this.db.readonly
  }

  /** The file's format version (SQLite's user_version; 0 for a database Spanwright never wrote). */
  formatVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number
  }

  /** Whether the database has a table of this name (a foreign SQLite file may not). */
  hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  }

  /** Copies the whole database to `file` with SQLite's online backup (the open file is left as it is). */
  copyTo(file: string): Promise<unknown> {
    return this.db.backup(file)
  }

  /**
   * Runs `fn` in one deferred read transaction (a consistent snapshot, and many
   * look-ups without a WAL read lock each); inside a transaction already, it simply runs.
   */
  reading<T>(fn: () => T): T {
    return this.noticingDamage(() => (this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()))
  }

  /** A reader of these annotators' layers, one document at a time (for agreement over a large corpus). */
  agreementLayers(annotatorIds: readonly number[]): AgreementLayerReader {
    return new AgreementLayerReader(this.db, annotatorIds)
  }

  /** Recommender settings, scores, rejections and suggestion provenance (built on first use, as history). */
  get recommend(): RecommendStore {
    return (this.recommendStore ??= new RecommendStore(this.db))
  }

  /** Team sync's local side: outbox, synced versions, pull cursors, conflicts (built on first use, as history). */
  get team(): TeamStore {
    return (this.teamStore ??= new TeamStore(this.db))
  }

  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.noticingDamage(() => this.db.transaction(fn).immediate())
  }

  /**
   * SQLite reporting damage mid-session (a page it could not read) means the file is not sound, whatever the open
   * found: this session then ends without a clean-close record, so the next open reads every page and moves a
   * damaged file aside with a plain message instead of opening it quickly.
   */
  private noticingDamage<T>(fn: () => T): T {
    try {
      return fn()
    } catch (e) {
      if (isDamageError(e)) {
        this.recordsCleanClose = false
        if (this.file !== ':memory:') forgetCleanClose(this.file)
      }
      throw e
    }
  }

  /**
   * Runs a bulk write in one transaction (inside a caller's: in it, with no
   * savepoint, so a throw must end the caller's transaction) with the search
   * index and span counts of the documents it creates filled once at its end
   * (see deferredIndexing.ts): for imports.
   */
  bulkWrite<T>(fn: () => T): T {
    return this.noticingDamage(() => withDeferredIndexing(this.db, fn))
  }

  /** An online backup now (the `backups/` folder beside the file), keeping the configured number. */
  backup(reason: BackupReason = 'manual'): Promise<string> {
    return createBackup(this.db, this.file, reason, readBackupSettings(this.db).keep)
  }

  /** The same, synchronously: for just before an import's transaction. */
  backupSync(reason: BackupReason = 'before-import'): string {
    return createBackupSync(this.db, this.file, reason, readBackupSettings(this.db).keep)
  }

  /** The rolling backups' interval and count, as stored in the workspace's settings. */
  backupSettings(): BackupSettings {
    return readBackupSettings(this.db)
  }

  close(): void {
    this.backupTimer?.stop()
    this.backupTimer = null
    if (this.db.open) {
      this.db.close()
      // Before the lock goes, so no other writer can have touched the file in between.
      if (this.recordsCleanClose) recordCleanClose(this.file)
    }
    this.lock?.release()
    this.lock = null
  }

  /** Resolves once a rolling backup in flight (if any) has finished. */
  backupsSettled(): Promise<void> {
    return this.backupTimer?.settled() ?? Promise.resolve()
  }

  /** @internal openStore hands the store its lock and timer, so close() ends both, and says whether close() records a clean close. */
  attach(lock: WorkspaceLock | null, timer: BackupTimer | null, recordsCleanClose = false): void {
    this.lock = lock
    this.backupTimer = timer
    this.recordsCleanClose = recordsCleanClose
  }
}

/**
 * Opens a workspace for this process: refuses what cannot be one (a FIFO, a
 * device, /proc), takes the single-writer lock (so a damaged file is never moved
 * while someone else has it open), then the database (shape check, the whole-file
 * check only when the last session did not close cleanly, backup before migration,
 * migrations), then starts the rolling backups.
 */
export function openStore(file: string, opts: StoreOpenOptions = {}): Store {
  const onDisk = file !== ':memory:'
  assertWorkspacePath(file)
  const lock = onDisk && !opts.readonly && opts.lock !== false ? acquireWorkspaceLock(file, { waitMs: opts.lockWaitMs }) : null
  let store: Store
  try {
    store = new Store(openDatabase(file, lock ? { openByLiveWriter: lock.heldBefore, ...opts } : opts), file)
  } catch (e) {
    lock?.release()
    throw e
  }
  let timer: BackupTimer | null = null
  if (onDisk && !opts.readonly && opts.rollingBackups !== false) {
    const cfg = typeof opts.rollingBackups === 'object' ? opts.rollingBackups : null
    const settings = readBackupSettings(store.db)
    timer = startBackupTimer(store.db, file, {
      intervalMs: cfg?.intervalMs ?? settings.intervalMinutes * 60_000,
      keep: cfg?.keep ?? settings.keep,
    })
  }
  store.attach(lock, timer, onDisk && !opts.readonly && opts.checkIntegrity !== false)
  return store
}
