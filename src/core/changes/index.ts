export { CHANGE_KIND, CHANGE_KIND_NAME, nextChangeNumber } from './change-kind';
export { allowedTransitions, describeAllowed, isClosedChange, isEditable } from './lifecycle';
export { requireChange, transitionChange, voteOnChange } from './transition';
export { compareSnapshots, impactSnapshot, type SnapshotComparison } from './impact-snapshot';
export { cmdbHash } from './cmdb-hash';
export { ChangeImportSchema, ImportedChangeFieldsSchema, importedChange } from './change-import';
