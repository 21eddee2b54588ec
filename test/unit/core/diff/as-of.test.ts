// documentAsOf: replaying the journal onto a base gives the graph as it was at each instant.
import { describe, expect, it } from 'vitest';
import { AsOfError, documentAsOf } from '../../../../src/core/diff';
import { Cmdb, CmdbGraph, documentFromCmdb, type Transaction } from '../../../../src/core/graph';
import type { Ci, CmdbDocument, JournalRecord, Relationship } from '../../../../src/shared/model';
import { testEnv } from '../graph/test-env';

interface State {
  time: string;
  cis: Ci[];
  relationships: Relationship[];
}

function byId<T extends { id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A history of edits: the journal, and the state after each transaction with its time. */
function history(): { journal: JournalRecord[]; states: State[]; cmdb: Cmdb } {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  const journal: JournalRecord[] = [];
  const states: State[] = [];
  const record = (tx: Transaction | null) => {
    if (!tx) throw new Error('expected a transaction');
    journal.push(...tx.records);
    states.push({ time: tx.records[0].time, cis: byId(cmdb.graph.cis()), relationships: byId(cmdb.graph.relationships()) });
  };
  record(cmdb.createCi({ id: 'app', name: 'App', class: 'application' }).tx);
  record(cmdb.createCi({ id: 'db', name: 'DB', class: 'database' }).tx);
  record(cmdb.createRelationship({ id: 'r1', source: 'app', target: 'db', type: 'depends_on' }).tx);
  record(cmdb.updateCi('db', { name: 'Primary DB', criticality: 1 }).tx);
  record(cmdb.createCi({ id: 'host', name: 'Host', class: 'server' }).tx);
  record(cmdb.createRelationship({ id: 'r2', source: 'db', target: 'host', type: 'runs_on', strength: 'soft' }).tx);
  record(cmdb.deleteCi('db').tx); // removes r1 and r2 with it
  record(cmdb.undo()); // and brings all three back
  record(cmdb.updateRelationship('r2', { strength: 'hard' }).tx);
  return { journal, states, cmdb };
}

function msAfter(time: string, ms: number): string {
  return new Date(Date.parse(time) + ms).toISOString();
}

describe('documentAsOf', () => {
  const { journal, states, cmdb } = history();

  it('rebuilds the state after every transaction from the empty base', () => {
    expect(states).toHaveLength(9);
    for (const state of states) {
      const asOf = documentAsOf(null, journal, state.time);
      expect({ cis: asOf.cis, relationships: asOf.relationships }).toEqual({ cis: state.cis, relationships: state.relationships });
      // and nothing changes until the next transaction's time
      const later = documentAsOf(null, journal, msAfter(state.time, 500));
      expect(later.cis).toEqual(state.cis);
      expect(later.relationships).toEqual(state.relationships);
    }
  });

  it('checks a few instants by hand', () => {
    const beforeAll = documentAsOf(null, journal, '2025-12-31T23:59:59.000Z');
    expect(beforeAll).toEqual({ cis: [], relationships: [], records: {}, journalSeq: 0 });

    const afterUpdate = documentAsOf(null, journal, states[3].time);
    expect(afterUpdate.cis.map((c) => [c.id, c.name, c.criticality])).toEqual([
      ['app', 'App', 3],
      ['db', 'Primary DB', 1],
    ]);
    expect(afterUpdate.relationships.map((r) => r.id)).toEqual(['r1']);

    const afterDelete = documentAsOf(null, journal, states[6].time);
    expect(afterDelete.cis.map((c) => c.id)).toEqual(['app', 'host']);
    expect(afterDelete.relationships).toEqual([]);

    const now = documentAsOf(null, journal, '2030-01-01T00:00:00.000Z');
    expect(now.cis).toEqual(byId(cmdb.graph.cis()));
    expect(now.relationships).toEqual(byId(cmdb.graph.relationships()));
    expect(now.relationships.find((r) => r.id === 'r2')?.strength).toBe('hard');
    expect(now.journalSeq).toBe(journal.at(-1)!.seq);
  });

  it('accepts other offsets for the instant and journal out of order', () => {
    const t = states[2].time; // 2026-01-01T00:00:0xZ
    const sameInstant = new Date(Date.parse(t)).toISOString().replace('Z', '+00:00');
    const shifted = documentAsOf(null, [...journal].reverse(), sameInstant);
    expect(shifted.relationships.map((r) => r.id)).toEqual(['r1']);
  });

  it('starts from a checkpoint at or before the instant', () => {
    const base: CmdbDocument = {
      schemaVersion: 1,
      journalSeq: journal.filter((r) => Date.parse(r.time) <= Date.parse(states[2].time)).at(-1)!.seq,
      cis: states[2].cis,
      relationships: states[2].relationships,
      settings: {},
    };
    for (const state of states.slice(2)) {
      // with the whole journal (records up to the base are skipped) and with only the tail
      const full = documentAsOf(base, journal, state.time);
      const tail = documentAsOf(base, journal.filter((r) => r.seq > base.journalSeq), state.time);
      expect(full.cis).toEqual(state.cis);
      expect(full.relationships).toEqual(state.relationships);
      expect(tail).toEqual(full);
    }
  });

  it('refuses a base that is more recent than the instant', () => {
    const base = documentFromCmdb(cmdb);
    const attempt = () => documentAsOf(base, journal, states[1].time);
    expect(attempt).toThrow(AsOfError);
    expect(attempt).toThrow(/use an earlier base/);
    try {
      attempt();
    } catch (error) {
      expect((error as AsOfError).code).toBe('base_too_recent');
    }
  });

  it('refuses a journal with a gap and an instant that is not a time', () => {
    const gapped = journal.filter((r) => r.seq !== 3);
    expect(() => documentAsOf(null, gapped, '2030-01-01T00:00:00.000Z')).toThrow(/jumps from record 2 to 4/);
    // the record that would come right after the instant is missing: refused too
    expect(() => documentAsOf(null, gapped, states[1].time)).toThrow(/jumps from record 2 to 4/);
    // a gap further on does not matter
    expect(documentAsOf(null, gapped, states[0].time).cis.map((c) => c.id)).toEqual(['app']);
    expect(() => documentAsOf(null, journal.slice(1), states[0].time)).toThrow(/jumps from record 0 to 2/);
    expect(() => documentAsOf(null, journal, 'yesterday')).toThrow(expect.objectContaining({ code: 'invalid_time' }));
  });

  it('stops at the first record after the instant even if a later one has an earlier time', () => {
    const skewed = journal.map((r) => (r.seq === journal.length ? { ...r, time: '2025-06-01T00:00:00.000Z' } : r));
    const asOf = documentAsOf(null, skewed, states[0].time);
    expect(asOf.cis.map((c) => c.id)).toEqual(['app']);
    expect(asOf.journalSeq).toBe(1);
  });
});
