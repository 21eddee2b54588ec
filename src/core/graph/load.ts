// Builds the in-memory CMDB from a checkpoint plus the journal records after it.
import { OBJECT_FORMAT_VERSION, type CmdbDocument, type JournalRecord } from '../../shared/model';
import { applyRecord, Cmdb, type CmdbEnvironment } from './cmdb';
import { CmdbGraph } from './cmdb-graph';
import { buildIndexesFromColumns, type DenseColumns } from './csr-index';

/**
 * `columns`, when the checkpoint came with them (a schemaVersion 2 file), must describe
 * `document` exactly (decodeCheckpoint gives both): the graph then takes its indexes from them
 * instead of looking every relationship's ends up by id.
 */
export function cmdbFromDocument(document: CmdbDocument, journal: readonly JournalRecord[], env: CmdbEnvironment, columns?: DenseColumns): Cmdb {
  const graph = columns
    ? CmdbGraph.fromIndexes(buildIndexesFromColumns(document.cis, document.relationships, columns), columns.relationshipIndex)
    : new CmdbGraph(document.cis, document.relationships);
  let lastSeq = document.journalSeq;
  for (const record of journal) {
    if (record.seq <= lastSeq) continue;
    applyRecord(graph, record);
    lastSeq = record.seq;
  }
  return new Cmdb(graph, env, lastSeq);
}

/** The current state as a checkpoint document. CI and relationship objects are never mutated in place, so sharing them is safe. */
export function documentFromCmdb(cmdb: Cmdb, settings: Record<string, unknown> = {}): CmdbDocument {
  return {
    schemaVersion: OBJECT_FORMAT_VERSION,
    journalSeq: cmdb.lastSeq,
    cis: Array.from(cmdb.graph.cis()),
    relationships: Array.from(cmdb.graph.relationships()),
    settings,
  };
}
