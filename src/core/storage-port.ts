// The port through which the core reaches storage. src/node implements it with lowdb
// (checkpoint) and an fsync'd journal; tests implement it in memory.
import type { CmdbDocument, JournalRecord } from '../shared/model';
import type { DenseColumns } from './graph/csr-index';

export interface LoadedCmdb {
  /** The checkpoint as objects, whichever schemaVersion its file was written in. */
  document: CmdbDocument;
  /** The relationships by dense index, when the checkpoint stored them so (see cmdbFromDocument). */
  columns?: DenseColumns;
  /** Journal records after `document.journalSeq`, in seq order. */
  journal: JournalRecord[];
  /** What the user should know about the load (a torn journal tail dropped, a file moved aside). */
  warnings: string[];
}

export interface CmdbStoragePort {
  load(): Promise<LoadedCmdb>;
  /** Appends records durably; resolves only once they would survive a crash. */
  append(records: readonly JournalRecord[]): Promise<void>;
  /** Writes a new checkpoint of `document` (whose journalSeq says which records it holds). */
  saveCheckpoint(document: CmdbDocument): Promise<void>;
}
