// The node storage layer: a CMDB store over a lowdb checkpoint and an fsync'd journal.
export { openCmdbStore, writeStandaloneDocument, DEFAULT_COMPACTION } from './store';
export type { CmdbStore, CmdbStoreStats, CmdbOpenTimings, CompactionOptions, OpenCmdbStoreOptions } from './store';
export { StoreOpenError, CorruptFileError } from './errors';
export type { StoreOpenErrorKind } from './errors';
export { nodeEnvironment } from './environment';
export { CheckpointAdapter, readCheckpoint, emptyDocument, jsonErrorOffset, looksLikeFaultlineDocument } from './checkpoint';
export type { CheckpointReadResult, CheckpointReadTimings } from './checkpoint';
export { FileStorage, documentPaths, listSegments } from './file-storage';
export type { DocumentPaths, Segment } from './file-storage';
export { JournalWriter, readJournal, encodeTransaction } from './journal';
export type { JournalReadResult } from './journal';
export { migrations, migrateDocument } from './migrations';
export { serializeDocument, serializeDocumentToString, DEFAULT_CI_CHUNK, DEFAULT_RELATIONSHIP_CHUNK, FORMAT_MARKER } from './serialize';
export type { SerializeOptions } from './serialize';
export { validateDocument, validateVersion1, isCanonicalCi, isCanonicalRelationship, formatIssuePath } from './validate';
export { acquireLock } from './lock';
export type { DocumentLock } from './lock';
export { writeFileAtomic } from './fs-util';
