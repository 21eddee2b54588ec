export { RecordSet } from './record-set';
export {
  defineStoredKind,
  findRecordKind,
  recordKind,
  recordKinds,
  registerRecordKind,
  storedKinds,
  type AnyRecordKind,
  type CmdbState,
  type RecordContext,
  type RecordKind,
  type RecordReference,
  type StoredKindDefinition,
} from './registry';
export { checkDocumentRecords, checkKindRecord, parseJournalRecord, type Checked } from './validate';
export { describeReferrers, referrersOf, type Referrer } from './references';
export { ciChanges, recordChanges, relationshipChanges, type DiffOptions } from './field-changes';
