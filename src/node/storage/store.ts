// The CMDB store: a Cmdb in memory over the journal + checkpoint files. Edits are
// acknowledged once their journal records are fsync'd; the journal is folded into a new
// checkpoint in the background when it grows; a crash at any moment replays to the last
// acknowledged edit.
//
// Compaction protocol (each step leaves files that open to every acknowledged edit):
//   1. At rest — every edit in memory is durable (cmdb.lastSeq === durableSeq) and no
//      append is running — take a snapshot: documentFromCmdb shares the immutable CI and
//      relationship objects, so this is a shallow copy of two arrays.
//   2. Still inside the append queue: seal `<doc>.journal` as `<doc>.journal.<a>-<b>`
//      (b = the snapshot's journalSeq) and start an empty journal; fsync the directory.
//      Appends resume at once, into the new journal.
//   3. In the background: write the snapshot as the checkpoint (chunked JSON, temp file,
//      fsync, rename, fsync dir).
//   4. Move every segment the checkpoint covers into `<doc>.history/`.
// Open replays every segment still beside the checkpoint and then the live journal,
// skipping records the checkpoint already holds.
import { Low } from 'lowdb';
import { dirname, resolve } from 'node:path';
import { applyRecord, type Cmdb, type CmdbEnvironment, type Transaction } from '../../core/graph/cmdb';
import { CmdbGraph } from '../../core/graph/cmdb-graph';
import { cmdbFromDocument, documentFromCmdb } from '../../core/graph/load';
import { RecordSet } from '../../core/records/record-set';
import type { CmdbDocument, JournalRecord } from '../../shared/model';
import { CheckpointAdapter, type CheckpointReadTimings } from './checkpoint';
import { errnoCode, StoreOpenError } from './errors';
import { documentPaths, FileStorage, listSegments } from './file-storage';
import { UncertainAppendError } from './journal';
import { DIR_MODE, fileTimestamp, freePath, fsyncDir, pathExists, removeStaleTempFiles } from './fs-util';
import { acquireLock, type DocumentLock } from './lock';
import type { SerializeOptions } from './serialize';
import { nodeFs, type StorageFs } from './storage-fs';

export interface CompactionOptions {
  /** Compact when the live journal holds this many records (default 5,000). */
  maxRecords?: number;
  /** … or this many bytes (default 8 MB). */
  maxBytes?: number;
}

export const DEFAULT_COMPACTION: Required<CompactionOptions> = { maxRecords: 5_000, maxBytes: 8 * 1024 * 1024 };

export interface OpenCmdbStoreOptions {
  env: CmdbEnvironment;
  /** Create an empty document when there is none at `path`. */
  createIfMissing?: boolean;
  /** When to compact in the background; false: only when compact() is called. */
  compaction?: CompactionOptions | false;
  /** Chunk sizes of checkpoint serialization. */
  serialize?: SerializeOptions;
  /** Told when a background compaction fails (the journal still holds every edit; it is retried later). */
  onBackgroundError?: (error: Error) => void;
  /** The file-system calls the store makes (node:fs/promises; the I/O-fault test passes a failing one). */
  fs?: StorageFs;
}

export interface CmdbStoreStats {
  /** Records and bytes in the live journal. */
  journalRecords: number;
  journalBytes: number;
  /** Sealed segments not yet folded into a checkpoint. */
  segments: number;
  /** journalSeq of the checkpoint on disk. */
  checkpointSeq: number;
  /** The last seq known durable. */
  durableSeq: number;
  /** Compactions finished since open. */
  compactions: number;
  compacting: boolean;
}

export interface CmdbOpenTimings extends CheckpointReadTimings {
  /** Building the graph from the checkpoint and replaying the journal. */
  buildMs: number;
  totalMs: number;
}

export interface CmdbStore {
  readonly path: string;
  readonly cmdb: Cmdb;
  /** What the user should know about the open (a torn journal tail dropped, a migration) and later background failures. */
  readonly warnings: string[];
  readonly openTimings: CmdbOpenTimings;
  /** Appends the transaction's records to the journal and fsyncs; resolves when durable. */
  persist(tx: Transaction): Promise<void>;
  /** Writes a compact checkpoint of the current state to `destPath` atomically (no journal). */
  saveCopy(destPath: string): Promise<void>;
  /** Folds the journal into a new checkpoint now; resolves once it is written. */
  compact(): Promise<void>;
  stats(): CmdbStoreStats;
  close(): Promise<void>;
}

interface PendingAppend {
  records: readonly JournalRecord[];
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export async function openCmdbStore(path: string, options: OpenCmdbStoreOptions): Promise<CmdbStore> {
  const started = performance.now();
  const docPath = resolve(path);
  const fs = options.fs ?? nodeFs;
  const exists = await pathExists(docPath, fs).catch((error: unknown) => {
    throw new StoreOpenError('io', docPath, `Cannot reach ${docPath}: ${(error as Error).message}`, { cause: error });
  });
  if (!exists && !options.createIfMissing) {
    throw new StoreOpenError('io', docPath, `There is no Faultline document at ${docPath}.`);
  }
  if (!exists) {
    await fs.mkdir(dirname(docPath), { recursive: true, mode: DIR_MODE }).catch((error: unknown) => {
      throw new StoreOpenError('io', docPath, `Cannot create the folder for ${docPath}: ${(error as Error).message}`, { cause: error });
    });
  }
  const lock = await acquireLock(documentPaths(docPath).lock, fs);
  const storage = new FileStorage(docPath, options.serialize, fs);
  try {
    await removeStaleTempFiles(docPath, fs);
    const loaded = await storage.load({ createIfMissing: options.createIfMissing ?? false });
    const buildStarted = performance.now();
    let cmdb: Cmdb;
    try {
      cmdb = cmdbFromDocument(loaded.document, loaded.journal, options.env, loaded.columns);
    } catch (error) {
      const failure = findReplayFailure(loaded.document, loaded.journal);
      if (!failure) throw error;
      throw await storage.quarantineForReplayFailure(failure.seq, failure.message);
    }
    const buildMs = performance.now() - buildStarted;
    const timings: CmdbOpenTimings = {
      ...(storage.details?.timings ?? { readMs: 0, parseMs: 0, validateMs: 0 }),
      buildMs,
      totalMs: performance.now() - started,
    };
    return new FileCmdbStore(docPath, cmdb, storage, lock, loaded.document.settings, loaded.warnings, timings, options);
  } catch (error) {
    await storage.close().catch(() => undefined);
    await lock.release().catch(() => undefined);
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError('io', docPath, `Cannot open ${docPath}: ${(error as Error).message}`, { cause: error });
  }
}

/** Replays record by record to find the first one that cannot be applied (only run after a failed replay). */
function findReplayFailure(document: CmdbDocument, journal: readonly JournalRecord[]): { seq: number; message: string } | null {
  const state = { graph: new CmdbGraph(document.cis, document.relationships), records: new RecordSet(document.records ?? {}) };
  for (const record of journal) {
    if (record.seq <= document.journalSeq) continue;
    try {
      applyRecord(state, record);
    } catch (error) {
      return { seq: record.seq, message: `${record.op} ${record.entity} ${record.id}: ${(error as Error).message}` };
    }
  }
  return null;
}

class FileCmdbStore implements CmdbStore {
  readonly path: string;
  readonly cmdb: Cmdb;
  readonly warnings: string[];
  readonly openTimings: CmdbOpenTimings;
  private readonly storage: FileStorage;
  private readonly lock: DocumentLock;
  private readonly settings: Record<string, unknown>;
  private readonly compaction: Required<CompactionOptions> | null;
  private readonly serialize: SerializeOptions;
  private readonly fs: StorageFs;
  private readonly onBackgroundError?: (error: Error) => void;

  private pending: PendingAppend[] = [];
  private writer: Promise<void> | null = null;
  private durableSeq: number;
  private queuedSeq: number;
  private rotationWanted = false;
  private rotationWaiters: Waiter<void>[] = [];
  private snapshotWaiters: Waiter<CmdbDocument>[] = [];
  private checkpointTask: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  private compactions = 0;

  constructor(
    path: string,
    cmdb: Cmdb,
    storage: FileStorage,
    lock: DocumentLock,
    settings: Record<string, unknown>,
    warnings: string[],
    openTimings: CmdbOpenTimings,
    options: OpenCmdbStoreOptions,
  ) {
    this.path = path;
    this.cmdb = cmdb;
    this.storage = storage;
    this.lock = lock;
    this.settings = settings;
    this.warnings = warnings;
    this.openTimings = openTimings;
    this.compaction = options.compaction === false ? null : { ...DEFAULT_COMPACTION, ...options.compaction };
    this.serialize = options.serialize ?? {};
    this.fs = options.fs ?? nodeFs;
    if (options.onBackgroundError) this.onBackgroundError = options.onBackgroundError;
    this.durableSeq = cmdb.lastSeq;
    this.queuedSeq = cmdb.lastSeq;
    // Finish what an interrupted compaction left (sealed segments), or compact a journal that is already full.
    if (this.compaction && (this.journalIsFull() || storage.segmentCount > 0)) this.requestRotation();
  }

  persist(tx: Transaction): Promise<void> {
    if (this.closing) return Promise.reject(new Error(`${this.path} is closed`));
    const records = tx.records;
    if (records.length === 0) return Promise.resolve();
    const first = records[0].seq;
    if (first <= this.queuedSeq) {
      return Promise.reject(new Error(`Transaction ${tx.tx} starts at seq ${first}, not after seq ${this.queuedSeq} which is already persisted`));
    }
    this.queuedSeq = (records.at(-1) as JournalRecord).seq;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.kick();
    });
  }

  async compact(): Promise<void> {
    if (this.closing) throw new Error(`${this.path} is closed`);
    const done = new Promise<void>((resolve, reject) => this.rotationWaiters.push({ resolve, reject }));
    this.requestRotation();
    await done;
  }

  async saveCopy(destPath: string): Promise<void> {
    if (this.closing) throw new Error(`${this.path} is closed`);
    const dest = resolve(destPath);
    const own = documentPaths(this.path);
    if ([own.checkpoint, own.journal, own.lock].includes(dest)) {
      throw new Error(`Cannot save a copy over the open document itself (${dest}); choose another file.`);
    }
    const snapshot = await this.snapshotAtRest();
    await writeStandaloneDocument(dest, snapshot, this.serialize, this.fs);
  }

  stats(): CmdbStoreStats {
    return {
      journalRecords: this.storage.journalRecords,
      journalBytes: this.storage.journalBytes,
      segments: this.storage.segmentCount,
      checkpointSeq: this.storage.checkpointSeq,
      durableSeq: this.durableSeq,
      compactions: this.compactions,
      compacting: this.checkpointTask !== null,
    };
  }

  close(): Promise<void> {
    if (!this.closing) this.closing = this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    while (this.writer) await this.writer;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const closed = new Error(`${this.path} was closed`);
    for (const waiter of this.snapshotWaiters.splice(0)) waiter.reject(closed);
    while (this.checkpointTask) await this.checkpointTask;
    for (const waiter of this.rotationWaiters.splice(0)) waiter.reject(closed);
    try {
      await this.storage.close();
    } finally {
      await this.lock.release();
    }
  }

  /** Every edit in memory is durable and nothing is queued. */
  private atRest(): boolean {
    return this.pending.length === 0 && this.cmdb.lastSeq === this.durableSeq;
  }

  private journalIsFull(): boolean {
    const limits = this.compaction;
    return limits !== null && (this.storage.journalRecords >= limits.maxRecords || this.storage.journalBytes >= limits.maxBytes);
  }

  private requestRotation(): void {
    this.rotationWanted = true;
    this.kick();
  }

  private snapshotAtRest(): Promise<CmdbDocument> {
    if (!this.writer && this.atRest()) return Promise.resolve(this.snapshot());
    const snapshot = new Promise<CmdbDocument>((resolve, reject) => this.snapshotWaiters.push({ resolve, reject }));
    this.kick();
    return snapshot;
  }

  private snapshot(): CmdbDocument {
    return documentFromCmdb(this.cmdb, this.settings);
  }

  private kick(): void {
    if (this.writer) return;
    const run = this.drain()
      .catch((error: unknown) => this.backgroundFailure(error as Error, []))
      .finally(() => {
        if (this.writer === run) this.writer = null;
        this.afterDrain();
      });
    this.writer = run;
  }

  /** The append queue: group-commits pending transactions, and rotates the journal at rest. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.atRest()) {
        if (this.snapshotWaiters.length > 0) {
          const snapshot = this.snapshot();
          for (const waiter of this.snapshotWaiters.splice(0)) waiter.resolve(snapshot);
        }
        if (this.rotationWanted && !this.checkpointTask && !this.closing) {
          this.rotationWanted = false;
          await this.rotateAndCheckpoint();
          continue;
        }
        return;
      }
      if (this.pending.length === 0) return; // edits in memory whose persist() has not been called yet
      const batch = this.pending.splice(0);
      try {
        await this.storage.appendTransactions(batch.map((p) => p.records));
        this.durableSeq = (batch[batch.length - 1].records.at(-1) as JournalRecord).seq;
        for (const p of batch) p.resolve();
      } catch (error) {
        // The journal was cut back to before this batch (or will be, before the next append); later
        // transactions build on it, so they fail too. Only the batch's bytes may be in the file.
        this.queuedSeq = this.durableSeq;
        const failed = error as Error;
        const notWritten = failed instanceof UncertainAppendError && failed.cause instanceof Error ? failed.cause : failed;
        for (const p of batch) p.reject(failed);
        for (const p of this.pending.splice(0)) p.reject(notWritten);
      }
      if (this.journalIsFull()) this.rotationWanted = true;
    }
  }

  /** Appends that arrived as the drain ended go now; work that needs the store at rest (a snapshot, a rotation) is looked at again shortly. */
  private afterDrain(): void {
    // Appends queued while the drain was finishing.
    if (this.pending.length > 0) {
      this.kick();
      return;
    }
    if (this.closing || this.retryTimer) return;
    const waiting = this.snapshotWaiters.length > 0 || (this.rotationWanted && !this.checkpointTask);
    if (!waiting) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, 5);
  }

  private async rotateAndCheckpoint(): Promise<void> {
    const snapshot = this.snapshot();
    const waiters = this.rotationWaiters.splice(0);
    if (this.storage.isCheckpointCurrent(snapshot.journalSeq) && this.storage.journalRecords === 0) {
      for (const waiter of waiters) waiter.resolve();
      return;
    }
    try {
      await this.storage.rotateJournal();
    } catch (error) {
      this.backgroundFailure(error as Error, waiters);
      return;
    }
    const task = (async () => {
      try {
        await this.storage.saveCheckpoint(snapshot);
        this.compactions++;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.backgroundFailure(error as Error, waiters);
      }
    })();
    this.checkpointTask = task;
    void task.finally(() => {
      if (this.checkpointTask === task) this.checkpointTask = null;
      if (this.closing) return;
      if (this.journalIsFull() || this.rotationWaiters.length > 0) this.rotationWanted = true;
      if (this.rotationWanted || this.snapshotWaiters.length > 0) this.kick();
    });
  }

  private backgroundFailure(error: Error, waiters: Waiter<void>[]): void {
    this.warnings.push(`Compaction failed (${error.message}); the journal still holds every edit and compaction will be tried again.`);
    if (waiters.length > 0) {
      for (const waiter of waiters) waiter.reject(error);
    } else {
      this.onBackgroundError?.(error);
    }
  }
}

/**
 * Writes `document` as a standalone checkpoint at `dest`. A document already there is
 * replaced, its lock taken for the duration. The new checkpoint's rename is the one moment the
 * document changes: until then every file of the old one is as it was; from then on its journal
 * files cannot change the copy, since the copy's `journalSeq` is raised past every seq they hold
 * (open skips records a checkpoint covers). Only then are they removed and the history folder
 * kept aside as `<dest>.history.replaced-<time>`, so a failure at any step leaves the old
 * document or the copy, never the old checkpoint without its journal.
 */
export async function writeStandaloneDocument(
  dest: string,
  document: CmdbDocument,
  serialize: SerializeOptions = {},
  fs: StorageFs = nodeFs,
): Promise<void> {
  const paths = documentPaths(dest);
  const lock = await acquireLock(paths.lock, fs);
  try {
    await removeStaleTempFiles(dest, fs);
    const segments = await listSegments(dest, fs);
    const journals = [...segments.map((s) => s.path), paths.journal];
    let covered = document.journalSeq;
    for (const segment of segments) covered = Math.max(covered, segment.lastSeq);
    for (const file of journals) covered = Math.max(covered, await highestSeqIn(file, fs));
    const copy = covered === document.journalSeq ? document : { ...document, journalSeq: covered };
    await new Low<CmdbDocument>(new CheckpointAdapter(dest, serialize, fs), copy).write();
    try {
      await removeReplaced(dest, journals, fs);
    } catch (error) {
      throw new Error(`The copy was saved to ${dest}, but the old document's journal or history could not be put away (${(error as Error).message}); the copy opens as saved.`, { cause: error });
    }
  } finally {
    await lock.release();
  }
}

/** Removes the journal files and recovery note of the document a copy replaced, and keeps its history aside. */
async function removeReplaced(dest: string, journals: readonly string[], fs: StorageFs): Promise<void> {
  const paths = documentPaths(dest);
  let removed = false;
  for (const file of [...journals, paths.recoveryNote]) {
    try {
      await fs.unlink(file);
      removed = true;
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
    }
  }
  if (await pathExists(paths.history, fs)) {
    await fs.rename(paths.history, await freePath(`${paths.history}.replaced-${fileTimestamp()}`, '', fs));
    removed = true;
  }
  if (removed) await fsyncDir(dirname(dest), fs);
}

/**
 * The highest number after a `"seq":` in a journal file (0 when it is missing): at least the
 * highest seq of its records, whatever state the file is in. Read as text, since a damaged
 * journal must not stop a copy from replacing it.
 */
async function highestSeqIn(file: string, fs: StorageFs): Promise<number> {
  let text: string;
  try {
    text = (await fs.readFile(file)).toString('utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return 0;
    throw error;
  }
  let highest = 0;
  for (const match of text.matchAll(/"seq":(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}
