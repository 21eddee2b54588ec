export {
  diffCmdb,
  diffIsEmpty,
  diffMarks,
  ciChanges,
  relationshipChanges,
  type CmdbDiff,
  type DiffCounts,
  type DiffMark,
  type DiffOptions,
  type DiffSide,
  type EntityChange,
  type EntityDiff,
  type FieldChange,
  type FieldValue,
} from './diff';
export { diffToCsv, diffToJson, diffTable, DIFF_CSV_COLUMNS } from './diff-output';
export { documentAsOf, AsOfError, type AsOfErrorCode, type AsOfResult } from './as-of';
export { snapshotMeta, type SnapshotMeta } from './snapshot-types';
