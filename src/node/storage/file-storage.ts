// The files of one document and the CmdbStoragePort over them:
//   <doc>                      checkpoint (lowdb document, compact JSON)
//   <doc>.journal              live journal (JSON lines, fsync'd appends)
//   <doc>.journal.<a>-<b>      sealed journal segments (seq a..b) awaiting a checkpoint
//   <doc>.history/             segments already folded into a checkpoint (the audit log)
//   <doc>.lock                 the owner's pid and host
//   <doc>.journal-recovery     what the last recovery of a damaged journal kept and lost (told at the next open)
//   <doc>.v<N>-backup          the original of a version 0 or 2 file migrated and rewritten at open
import { constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import type { CmdbStoragePort, LoadedCmdb } from '../../core/storage-port';
import { CURRENT_SCHEMA_VERSION, OBJECT_FORMAT_VERSION, type CmdbDocument, type JournalRecord } from '../../shared/model';
import { CheckpointAdapter, emptyDocument, type CheckpointReadTimings } from './checkpoint';
import { CorruptFileError, StoreOpenError } from './errors';
import { DIR_MODE, fileTimestamp, freePath, fsyncDir, pathExists, renameNoOverwrite } from './fs-util';
import { journalChunks, JournalDamageError, JournalWriter, readJournal, type RecordRange, type TransactionEnd } from './journal';
import { describeRecovery, readRecoveryNote, removeRecoveryNote, writeRecoveredPrefix, writeRecoveryNote } from './recovery';
import type { SerializeOptions } from './serialize';
import { nodeFs, type StorageFs } from './storage-fs';

export interface DocumentPaths {
  checkpoint: string;
  journal: string;
  lock: string;
  history: string;
  recoveryNote: string;
}

export function documentPaths(path: string): DocumentPaths {
  return { checkpoint: path, journal: `${path}.journal`, lock: `${path}.lock`, history: `${path}.history`, recoveryNote: `${path}.journal-recovery` };
}

export interface Segment {
  path: string;
  firstSeq: number;
  lastSeq: number;
}

/** Sealed journal segments beside the checkpoint, oldest first. */
export async function listSegments(path: string, fs: StorageFs = nodeFs): Promise<Segment[]> {
  const prefix = `${basename(path)}.journal.`;
  const segments: Segment[] = [];
  for (const name of await fs.readdir(dirname(path))) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-(\d+)(?:-\d+)?$/.exec(name.slice(prefix.length));
    if (!match) continue;
    segments.push({ path: join(dirname(path), name), firstSeq: Number(match[1]), lastSeq: Number(match[2]) });
  }
  return segments.sort((a, b) => a.firstSeq - b.firstSeq);
}

/** A journal file read at open, the seqs it contributed, and where its transactions end. */
interface SourceFile {
  path: string;
  firstSeq: number;
  lastSeq: number;
  ends: TransactionEnd[];
}

export interface LoadOptions {
  createIfMissing: boolean;
}

export interface LoadDetails {
  created: boolean;
  migratedFrom?: number;
  timings: CheckpointReadTimings;
}

export class FileStorage implements CmdbStoragePort {
  readonly paths: DocumentPaths;
  private readonly fs: StorageFs;
  private readonly adapter: CheckpointAdapter;
  private readonly db: Low<CmdbDocument>;
  /** The live journal's writer; null after close, or when reopening it after a rotation failed (the next append tries again). */
  private writer: JournalWriter | null = null;
  private closed = false;
  private segments: Segment[] = [];
  private sources: SourceFile[] = [];
  /** The live journal: records, bytes and seq range. */
  private live = { records: 0, bytes: 0, firstSeq: 0, lastSeq: 0 };
  private checkpointSeqValue = 0;
  private checkpointStale = false;
  details: LoadDetails | null = null;

  constructor(path: string, serialize: SerializeOptions = {}, fs: StorageFs = nodeFs) {
    this.paths = documentPaths(path);
    this.fs = fs;
    this.adapter = new CheckpointAdapter(path, serialize, fs);
    this.db = new Low<CmdbDocument>(this.adapter, emptyDocument());
  }

  /** journalSeq of the checkpoint on disk. */
  get checkpointSeq(): number {
    return this.checkpointSeqValue;
  }

  /** True when the checkpoint on disk is older than it should be (migrated in memory from an older schemaVersion). */
  get checkpointNeedsRewrite(): boolean {
    return this.checkpointStale;
  }

  get journalRecords(): number {
    return this.live.records;
  }

  get journalBytes(): number {
    return this.live.bytes;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  async load(options: LoadOptions = { createIfMissing: false }): Promise<LoadedCmdb> {
    const { checkpoint, journal: journalPath } = this.paths;
    const warnings: string[] = [];
    try {
      await this.db.read();
    } catch (error) {
      if (error instanceof CorruptFileError) throw await this.quarantineCheckpoint(error);
      throw error;
    }
    const read = this.adapter.lastRead;
    const note = await readRecoveryNote(this.paths.recoveryNote, this.fs);
    if (note !== null) warnings.push(`When ${checkpoint} was last opened its journal was damaged: ${note}`);
    let created = false;
    this.segments = await listSegments(checkpoint, this.fs);
    if (!read) {
      const orphans = [...(await pathExists(journalPath, this.fs) ? [journalPath] : []), ...this.segments.map((s) => s.path)];
      if (orphans.length > 0) {
        throw new StoreOpenError(
          'io',
          checkpoint,
          `${checkpoint} is missing but its journal is there (${orphans.join(', ')}); restore the checkpoint or move the journal files away.`,
        );
      }
      if (!options.createIfMissing) throw new StoreOpenError('io', checkpoint, `There is no Faultline document at ${checkpoint}.`);
      this.db.data = emptyDocument();
      await this.db.write();
      created = true;
    }
    const document = this.db.data;
    this.checkpointSeqValue = document.journalSeq;
    if (read?.migratedFrom !== undefined) {
      // The object format (schemaVersion 1) is still what JSON snapshot exports and the bundled
      // sample are written in, so opening one is ordinary and it is rewritten at the next
      // compaction. A file in a format Faultline no longer writes is rewritten now, so it does
      // not pay the migration at every open; the original is kept beside it.
      if (read.migratedFrom === OBJECT_FORMAT_VERSION) this.checkpointStale = true;
      else warnings.push(await this.rewriteMigrated(document, read.migratedFrom));
    }
    this.details = {
      created,
      ...(read?.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom }),
      timings: read?.timings ?? { readMs: 0, parseMs: 0, validateMs: 0 },
    };

    // Sealed segments, then the live journal (the only file an interrupted append can have torn).
    const files: { path: string; records: JournalRecord[]; ends: TransactionEnd[] }[] = [];
    for (const segment of this.segments) {
      const result = await this.readJournalOrQuarantine(segment.path, false);
      files.push({ path: segment.path, records: result?.records ?? [], ends: result?.transactionEnds ?? [] });
    }
    const liveResult = await this.readJournalOrQuarantine(journalPath, true);
    let truncateTo: number | undefined;
    if (liveResult?.dropped) {
      const { dropped } = liveResult;
      truncateTo = liveResult.goodBytes;
      warnings.push(
        `${journalPath}: dropped an incomplete tail left by an interrupted write (from line ${dropped.line}, ${dropped.bytes} bytes, ${dropped.reason}); it was never acknowledged, so no saved edit is lost.`,
      );
    }
    const liveRecords = liveResult?.records ?? [];
    files.push({ path: journalPath, records: liveRecords, ends: liveResult?.transactionEnds ?? [] });
    const journalExisted = liveResult !== null;
    this.writer = await JournalWriter.open(journalPath, truncateTo, this.fs);
    if (!journalExisted) await fsyncDir(dirname(journalPath), this.fs);
    this.live = {
      records: liveRecords.length,
      bytes: this.writer.size,
      firstSeq: liveRecords[0]?.seq ?? 0,
      lastSeq: liveRecords.at(-1)?.seq ?? 0,
    };

    // Records after the checkpoint, each once, in seq order.
    const journal: JournalRecord[] = [];
    let lastSeq = document.journalSeq;
    for (const file of files) {
      let first = 0;
      for (const record of file.records) {
        if (record.seq <= lastSeq) continue;
        if (record.seq !== lastSeq + 1) {
          warnings.push(`${file.path}: records ${lastSeq + 1}–${record.seq - 1} are missing from the journal; replaying what is there.`);
        }
        if (first === 0) first = record.seq;
        journal.push(record);
        lastSeq = record.seq;
      }
      if (first !== 0) this.sources.push({ path: file.path, firstSeq: first, lastSeq, ends: file.ends });
    }
    // The recovery note has been told (in these warnings) and the document opened past it.
    if (note !== null) await removeRecoveryNote(this.paths.recoveryNote, this.fs);
    // Finish moving covered segments to the history; if that fails they stay where replay finds them.
    await this.archiveSegments().catch((error: unknown) => {
      warnings.push(`Could not move old journal segments into ${this.paths.history}: ${(error as Error).message}`);
    });
    return { document, ...(read ? { columns: read.columns } : {}), journal, warnings };
  }

  /**
   * Writes the checkpoint just migrated from `fromVersion` in the current version (atomically),
   * after copying the original to `<doc>.v<fromVersion>-backup`; says what it did. When it
   * cannot (read-only media), the document stays open from memory and is rewritten at the next
   * compaction.
   */
  private async rewriteMigrated(document: CmdbDocument, fromVersion: number): Promise<string> {
    const { checkpoint } = this.paths;
    const migrated = `${checkpoint} was written in schemaVersion ${fromVersion} and was migrated to ${CURRENT_SCHEMA_VERSION}`;
    let backup: string;
    try {
      backup = await freePath(`${checkpoint}.v${fromVersion}-backup`, '', this.fs);
      await this.fs.copyFile(checkpoint, backup, fsConstants.COPYFILE_EXCL);
      this.db.data = document;
      await this.db.write();
    } catch (error) {
      this.checkpointStale = true;
      return `${migrated} in memory; it could not be rewritten now (${(error as Error).message}) and is rewritten at the next compaction.`;
    }
    return `${migrated} and rewritten in the new format; the original is kept as ${backup}.`;
  }

  /** Appends one transaction's records durably. */
  async append(records: readonly JournalRecord[]): Promise<void> {
    await this.appendTransactions([records]);
  }

  /** Appends several transactions with one write and one fdatasync (group commit). */
  async appendTransactions(transactions: readonly (readonly JournalRecord[])[]): Promise<void> {
    const writer = await this.liveWriter();
    let count = 0;
    for (const records of transactions) count += records.length;
    if (count === 0) return;
    await writer.append(journalChunks(transactions));
    const nonEmpty = transactions.filter((t) => t.length > 0);
    const first = nonEmpty[0][0].seq;
    const last = (nonEmpty.at(-1) as readonly JournalRecord[]).at(-1)?.seq ?? first;
    if (this.live.records === 0) this.live.firstSeq = first;
    this.live.records += count;
    this.live.lastSeq = last;
    this.live.bytes = writer.size;
  }

  /**
   * Seals the live journal as segment `<doc>.journal.<first>-<last>` and starts an empty
   * one. Callers make sure no append runs meanwhile. Returns the segment, or null when
   * the live journal holds no records.
   */
  async rotateJournal(): Promise<Segment | null> {
    const writer = await this.liveWriter();
    if (this.live.records === 0) return null;
    // A record reported failed must not be sealed into a segment (its seq is used again by the next edit).
    await writer.repair();
    const segment: Segment = {
      path: `${this.paths.journal}.${this.live.firstSeq}-${this.live.lastSeq}`,
      firstSeq: this.live.firstSeq,
      lastSeq: this.live.lastSeq,
    };
    this.writer = null;
    // Every append was fdatasync'd before it was acknowledged, so a failed close loses nothing (and, as
    // close(2) does, releases the descriptor): the rotation goes on.
    await writer.close().catch(() => undefined);
    try {
      segment.path = await freePath(segment.path, '', this.fs);
      await this.fs.rename(this.paths.journal, segment.path);
    } catch (error) {
      // Not sealed: the live journal is still the file it was; appends go on into it.
      await this.reopenWriter().catch(() => undefined);
      throw error;
    }
    // Sealed, whatever fails from here: the segment is where open replays it, and the live journal starts
    // empty (created with a directory fsync, which makes the rename durable too).
    this.segments.push(segment);
    this.live = { records: 0, bytes: 0, firstSeq: 0, lastSeq: 0 };
    await this.reopenWriter();
    return segment;
  }

  /**
   * Writes `document` as the new checkpoint (atomically, off the event loop's back), then
   * moves every segment it covers into the history folder.
   */
  async saveCheckpoint(document: CmdbDocument): Promise<void> {
    this.db.data = document;
    await this.db.write();
    this.checkpointSeqValue = document.journalSeq;
    this.checkpointStale = false;
    await this.archiveSegments();
  }

  /** True when a checkpoint of `journalSeq` would change nothing on disk. */
  isCheckpointCurrent(journalSeq: number): boolean {
    return journalSeq === this.checkpointSeqValue && !this.checkpointStale && !this.segments.some((s) => s.lastSeq <= journalSeq);
  }

  async close(): Promise<void> {
    this.closed = true;
    const writer = this.writer;
    this.writer = null;
    // A last try at cutting back a record reported failed, so the next open does not find it.
    await writer?.repair().catch(() => undefined);
    await writer?.close();
  }

  /**
   * A record that cannot be applied (say, a relationship to a CI that does not exist)
   * makes its journal file corrupt: that file and every later one are moved aside.
   */
  async quarantineForReplayFailure(seq: number, problem: string): Promise<StoreOpenError> {
    const source = this.sources.find((s) => seq >= s.firstSeq && seq <= s.lastSeq) ?? this.sources.at(-1);
    const path = source?.path ?? this.paths.journal;
    // The transactions wholly before the failing record's were replayed: they are recovered.
    const before = source?.ends.filter((end) => end.lastSeq < seq).at(-1);
    const recovered: RecordRange = before
      ? { count: before.records, firstSeq: source?.ends[0]?.firstSeq ?? 0, lastSeq: before.lastSeq }
      : { count: 0, firstSeq: 0, lastSeq: 0 };
    return this.quarantineJournalFrom(path, `${path}: the record with seq ${seq} cannot be replayed: ${problem}`, {
      goodBytes: before?.end ?? 0,
      recovered,
    });
  }

  /** The live journal's writer, opened again if a rotation could not reopen it. */
  private async liveWriter(): Promise<JournalWriter> {
    if (this.closed) throw new Error(`${this.paths.journal} is not open`);
    if (!this.writer) await this.reopenWriter();
    return this.writer as JournalWriter;
  }

  /** Opens the live journal for appending (creating it, durably, if the rotation moved it away). */
  private async reopenWriter(): Promise<void> {
    const existed = await pathExists(this.paths.journal, this.fs);
    const writer = await JournalWriter.open(this.paths.journal, undefined, this.fs);
    try {
      if (!existed) await fsyncDir(dirname(this.paths.journal), this.fs);
    } catch (error) {
      await writer.close().catch(() => undefined);
      throw error;
    }
    this.writer = writer;
    this.live.bytes = writer.size;
  }

  private async readJournalOrQuarantine(path: string, allowTornTail: boolean): ReturnType<typeof readJournal> {
    try {
      return await readJournal(path, { allowTornTail, fs: this.fs });
    } catch (error) {
      if (error instanceof JournalDamageError) throw await this.quarantineJournalFrom(path, error.message, error.damage);
      if (error instanceof CorruptFileError) throw await this.quarantineJournalFrom(path, error.message);
      throw new StoreOpenError('io', path, `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The checkpoint failed to parse or validate: it and its journal files are moved aside together. */
  private async quarantineCheckpoint(error: CorruptFileError): Promise<StoreOpenError> {
    const { checkpoint, journal } = this.paths;
    const base = await freePath(`${checkpoint}.corrupt-${fileTimestamp()}`, '', this.fs);
    const movedTo = await renameNoOverwrite(checkpoint, base, this.fs);
    const moved = [movedTo];
    const segments = await listSegments(checkpoint, this.fs);
    for (const file of [...segments.map((s) => s.path), journal]) {
      if (!(await pathExists(file, this.fs))) continue;
      moved.push(await renameNoOverwrite(file, `${base}${file.slice(checkpoint.length)}`, this.fs));
    }
    const also = moved.length > 1 ? ` Its journal files were moved beside it (${moved.slice(1).join(', ')}).` : '';
    return new StoreOpenError(
      'corrupt',
      checkpoint,
      `${error.message}. The file was moved aside, unchanged, to ${movedTo}.${also}`,
      { movedTo },
    );
  }

  /**
   * A journal file is damaged: it and every later journal file are moved aside unchanged.
   * With `sound` (the bytes before the damage that hold complete transactions), those
   * records are written back where they were, and a note tells the next open what was
   * recovered and what was not.
   */
  private async quarantineJournalFrom(path: string, message: string, sound?: { goodBytes: number; recovered: RecordRange }): Promise<StoreOpenError> {
    const segments = await listSegments(this.paths.checkpoint, this.fs);
    const ordered = [...segments.map((s) => s.path), this.paths.journal];
    const from = Math.max(0, ordered.indexOf(path));
    const stamp = fileTimestamp();
    const moved: string[] = [];
    for (const file of ordered.slice(from)) {
      if (!(await pathExists(file, this.fs))) continue;
      moved.push(await renameNoOverwrite(file, `${file}.corrupt-${stamp}`, this.fs));
    }
    const copy = moved[0];
    const later = moved.length > 1 ? ` (with the ${moved.length - 1} journal file(s) after it: ${moved.slice(1).join(', ')})` : '';
    const options = copy === undefined ? {} : { movedTo: copy };
    if (!sound || copy === undefined) {
      return new StoreOpenError(
        'corrupt',
        path,
        `${message}. The journal was moved aside, unchanged, to ${copy ?? path}${later}; opening again gives the document as of its last checkpoint (seq ${this.checkpointSeqValue}) plus the journal before that file.`,
        options,
      );
    }
    const segment = segments.find((s) => s.path === path);
    const dest = segment && sound.recovered.count > 0 ? `${this.paths.journal}.${segment.firstSeq}-${sound.recovered.lastSeq}` : this.paths.journal;
    const lost = await writeRecoveredPrefix(copy, dest, sound.goodBytes, this.fs);
    const recovery = describeRecovery(sound.recovered, dest, lost, moved.slice(1));
    const where = `The damaged journal was moved aside, unchanged, to ${copy}${later}`;
    await writeRecoveryNote(this.paths.recoveryNote, `${message}. ${recovery}. ${where}.`, this.fs);
    return new StoreOpenError(
      'corrupt',
      path,
      `${message}. ${recovery}. ${where}; opening again gives the document as of its last checkpoint (seq ${this.checkpointSeqValue}) plus the recovered records.`,
      options,
    );
  }

  /** Moves segments the checkpoint covers into `<doc>.history/`, the audit log. */
  private async archiveSegments(): Promise<void> {
    const covered = this.segments.filter((s) => s.lastSeq <= this.checkpointSeqValue);
    if (covered.length === 0) return;
    const historyExisted = await pathExists(this.paths.history, this.fs);
    await this.fs.mkdir(this.paths.history, { recursive: true, mode: DIR_MODE });
    if (!historyExisted) await fsyncDir(dirname(this.paths.history), this.fs);
    for (const segment of covered) {
      const target = await freePath(join(this.paths.history, basename(segment.path)), '', this.fs);
      await this.fs.rename(segment.path, target);
      // Moved: never moved again, even if a later step fails.
      this.segments = this.segments.filter((s) => s !== segment);
    }
    await fsyncDir(this.paths.history, this.fs);
    await fsyncDir(dirname(this.paths.checkpoint), this.fs);
  }
}

