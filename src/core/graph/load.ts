// Builds the in-memory CMDB from a checkpoint plus the journal records after it.
import type { CmdbDocument, JournalRecord } from '../../shared/model';
import { applyRecord, Cmdb, type CmdbEnvironment } from './cmdb';
import { CmdbGraph } from './cmdb-graph';

export function cmdbFromDocument(document: CmdbDocument, journal: readonly JournalRecord[], env: CmdbEnvironment): Cmdb {
  const graph = new CmdbGraph(document.cis, document.relationships);
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
    schemaVersion: 1,
    journalSeq: cmdb.lastSeq,
    cis: Array.from(cmdb.graph.cis()),
    relationships: Array.from(cmdb.graph.relationships()),
    settings,
  };
}
