// Named snapshots beside a document and the history base that "as of" views replay from.
export {
  createSnapshot,
  listSnapshots,
  readSnapshot,
  newSnapshotId,
  snapshotPath,
  snapshotsDir,
  SnapshotError,
  SNAPSHOT_INDEX,
} from './snapshots';
export {
  ensureHistoryBase,
  historyBasePath,
  readHistoryRecords,
  readDocumentState,
  documentAsOfTime,
  baseTime,
  HISTORY_BASE,
} from './history-base';
export { diffView, type DiffView, type DiffSideContent } from './diff-view';
