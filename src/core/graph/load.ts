// Builds the in-memory CMDB from a checkpoint plus the journal records after it.
import { OBJECT_FORMAT_VERSION, type CmdbDocument, type JournalRecord } from '../../shared/model';
import type { KindRecord } from '../../shared/record-kinds';
import { compareIds } from '../formats/export/scope';
import { RecordSet } from '../records/record-set';
import { storedKinds, type CmdbState } from '../records/registry';
import { applyRecord, Cmdb, type CmdbEnvironment } from './cmdb';
import { CmdbGraph } from './cmdb-graph';
import { buildIndexesFromColumns, type DenseColumns } from './csr-index';

/**
 * `columns`, when the checkpoint came with them (a columnar file), must describe
 * `document` exactly (decodeCheckpoint gives both): the graph then takes its indexes from them
 * instead of looking every relationship's ends up by id. `document.records` must have been
 * checked against their kinds (checkDocumentRecords).
 */
export function cmdbFromDocument(document: CmdbDocument, journal: readonly JournalRecord[], env: CmdbEnvironment, columns?: DenseColumns): Cmdb {
  const graph = columns
    ? CmdbGraph.fromIndexes(buildIndexesFromColumns(document.cis, document.relationships, columns), columns.relationshipIndex)
    : new CmdbGraph(document.cis, document.relationships);
  const state: CmdbState = { graph, records: new RecordSet((document.records ?? {}) as Record<string, KindRecord[]>) };
  let lastSeq = document.journalSeq;
  for (const record of journal) {
    if (record.seq <= lastSeq) continue;
    applyRecord(state, record);
    lastSeq = record.seq;
  }
  return new Cmdb(graph, env, lastSeq, state.records);
}

/** The stored records of a state by kind, each list sorted by id; kinds with none are left out. */
export function recordsOf(state: CmdbState): Record<string, KindRecord[]> {
  const out: Record<string, KindRecord[]> = {};
  for (const kind of storedKinds()) {
    if (kind.count(state) === 0) continue;
    const items = [...kind.list(state)].sort((a, b) => compareIds(a.id, b.id));
    Object.defineProperty(out, kind.name, { value: items, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The current state as a checkpoint document. Records are never mutated in place, so sharing them is safe. */
export function documentFromCmdb(cmdb: Cmdb, settings: Record<string, unknown> = {}): CmdbDocument {
  return {
    schemaVersion: OBJECT_FORMAT_VERSION,
    journalSeq: cmdb.lastSeq,
    cis: Array.from(cmdb.graph.cis()),
    relationships: Array.from(cmdb.graph.relationships()),
    records: recordsOf(cmdb),
    settings,
  };
}
