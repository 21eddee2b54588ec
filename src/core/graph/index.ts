export { CmdbGraph } from './cmdb-graph';
export { Cmdb, applyRecord, type BatchOperation, type CmdbEnvironment, type Transaction } from './cmdb';
export { CmdbError, type CmdbErrorCode } from './errors';
export { buildIndexes, buildIndexesFromColumns, type DenseColumns, type GraphIndexes } from './csr-index';
export { cmdbFromDocument, documentFromCmdb } from './load';
export { FAILURE_DIRECTION, FAILS_TARGET_TO_SOURCE, RELATIONSHIP_CODE, RELATIONSHIP_TYPE_CODES } from './relationship-rules';
