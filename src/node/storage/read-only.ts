// Reading a document without opening it for writing: no lock, nothing created, moved or cut,
// so `faultline list` works on read-only media and while the app has the document open.
//
// A consistent state while a writer may be appending or compacting: the checkpoint is read
// first (it is replaced atomically), then the journal files in the direction they move — the
// live journal, then the sealed segments, then the history folder. A file renamed onward
// between two reads is then seen at least once (records are taken once per seq), and every
// record after the checkpoint is in one of them, since the history keeps every segment. A
// tail the writer has not finished is not read.
import { basename, join } from 'node:path';
import type { Cmdb, CmdbEnvironment } from '../../core/graph/cmdb';
import { cmdbFromDocument } from '../../core/graph/load';
import type { JournalRecord } from '../../shared/model';
import { readCheckpoint } from './checkpoint';
import { CorruptFileError, errnoCode, StoreOpenError } from './errors';
import { documentPaths, listSegments } from './file-storage';
import { readJournal } from './journal';
import { readRecoveryNote } from './recovery';
import type { CmdbStore } from './store';

export interface ReadOnlyDocument {
  readonly path: string;
  readonly cmdb: Cmdb;
  /** What the reader should know: an unfinished tail not read, records missing, an earlier recovery. */
  readonly warnings: string[];
}

async function segmentsIn(pathInDir: string, afterSeq: number): Promise<string[]> {
  try {
    return (await listSegments(pathInDir)).filter((s) => s.lastSeq > afterSeq).map((s) => s.path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** The document at `path` as of now, read without its lock. Throws StoreOpenError, changing nothing. */
export async function readDocumentReadOnly(path: string, env: CmdbEnvironment): Promise<ReadOnlyDocument> {
  const paths = documentPaths(path);
  const untouched = 'Nothing was changed (it was read without opening it for writing); open it in Faultline to recover what precedes the damage.';
  try {
    const read = await readCheckpoint(path);
    if (!read) throw new StoreOpenError('io', path, `There is no Faultline document at ${path}.`);
    const { document, columns } = read;
    const warnings: string[] = [];
    const note = await readRecoveryNote(paths.recoveryNote);
    if (note !== null) warnings.push(`When ${path} was last opened its journal was damaged: ${note}`);

    const bySeq = new Map<number, JournalRecord>();
    const take = (records: readonly JournalRecord[]): void => {
      for (const record of records) if (record.seq > document.journalSeq && !bySeq.has(record.seq)) bySeq.set(record.seq, record);
    };
    const live = await readJournal(paths.journal, { allowTornTail: true });
    if (live?.dropped) warnings.push(`${paths.journal}: an unfinished tail (from line ${live.dropped.line}, ${live.dropped.reason}) was not read; it holds no acknowledged edit.`);
    take(live?.records ?? []);
    // A segment gone between listing and reading was moved into the history, listed after.
    for (const file of await segmentsIn(path, document.journalSeq)) take((await readJournal(file, { allowTornTail: false }))?.records ?? []);
    for (const file of await segmentsIn(join(paths.history, basename(path)), document.journalSeq)) {
      take((await readJournal(file, { allowTornTail: false }))?.records ?? []);
    }

    const journal: JournalRecord[] = [];
    for (let seq = document.journalSeq + 1; bySeq.has(seq); seq++) journal.push(bySeq.get(seq) as JournalRecord);
    if (journal.length < bySeq.size) {
      warnings.push(`${path}: the journal has records after seq ${document.journalSeq + journal.length} but not the one that follows; read up to there.`);
    }
    let cmdb: Cmdb;
    try {
      cmdb = cmdbFromDocument(document, journal, env, columns);
    } catch (error) {
      throw new StoreOpenError('corrupt', paths.journal, `${path}: its journal cannot be replayed (${(error as Error).message}). ${untouched}`);
    }
    return { path, cmdb, warnings };
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    if (error instanceof CorruptFileError) throw new StoreOpenError('corrupt', error.path, `${error.message}. ${untouched}`);
    throw new StoreOpenError('io', path, `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The document read without its lock (readDocumentReadOnly), as a CmdbStore whose saving
 * calls are refused: what a command that only reads opens the service on.
 */
export async function openReadOnlyStore(path: string, env: CmdbEnvironment): Promise<CmdbStore> {
  const started = performance.now();
  const { cmdb, warnings } = await readDocumentReadOnly(path, env);
  const refused = (): Promise<never> => Promise.reject(new Error(`${path} was opened read-only`));
  const totalMs = performance.now() - started;
  return {
    path,
    cmdb,
    warnings,
    openTimings: { readMs: 0, parseMs: 0, validateMs: 0, buildMs: 0, totalMs },
    persist: refused,
    saveCopy: refused,
    compact: refused,
    stats: () => ({ journalRecords: 0, journalBytes: 0, segments: 0, checkpointSeq: 0, durableSeq: cmdb.lastSeq, compactions: 0, compacting: false }),
    close: () => Promise.resolve(),
  };
}
