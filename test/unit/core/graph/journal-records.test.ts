// Every mutation produces journal records; replaying them rebuilds the same CMDB.
import { describe, expect, it } from 'vitest';
import { applyRecord, Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { parseJournalRecord, RecordSet } from '../../../../src/core/records';
import type { JournalRecord } from '../../../../src/shared/model';
import { testEnv } from './test-env';

describe('journal records', () => {
  it('records time, actor, operation, entity, before and after for each mutation', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    const { ci, tx } = cmdb.createCi({ name: 'Orders DB', class: 'database', criticality: 1 });
    expect(tx.records).toHaveLength(1);
    const [rec] = tx.records;
    expect(parseJournalRecord(rec)).toEqual({ ok: true, value: rec });
    expect(rec).toMatchObject({ seq: 1, op: 'create', entity: 'ci', id: ci.id, before: null, actor: 'test' });
    expect(rec.after).toEqual(ci);

    const { tx: tx2 } = cmdb.updateCi(ci.id, { owner: 'dba-team' });
    expect(tx2.records[0]).toMatchObject({ seq: 2, op: 'update', before: ci });
    expect(tx2.records[0].after).toMatchObject({ owner: 'dba-team' });
  });

  it('deleting a CI deletes its relationships in the same transaction, and undo restores all', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    const a = cmdb.createCi({ id: 'a', name: 'A', class: 'application' }).ci;
    cmdb.createCi({ id: 'b', name: 'B', class: 'database' });
    cmdb.createCi({ id: 'c', name: 'C', class: 'server' });
    cmdb.createRelationship({ source: 'a', target: 'b', type: 'depends_on' });
    cmdb.createRelationship({ source: 'a', target: 'c', type: 'runs_on' });
    cmdb.createRelationship({ source: 'b', target: 'c', type: 'runs_on' });

    const { deletedRelationships, tx } = cmdb.deleteCi('a');
    expect(deletedRelationships).toBe(2);
    expect(tx.records.map((r) => `${r.op}:${r.entity}`)).toEqual(['delete:relationship', 'delete:relationship', 'delete:ci']);
    expect(new Set(tx.records.map((r) => r.tx)).size).toBe(1);
    expect(cmdb.graph.relationshipCount).toBe(1);

    const undo = cmdb.undo();
    expect(undo?.records.map((r) => `${r.op}:${r.entity}`)).toEqual(['create:ci', 'create:relationship', 'create:relationship']);
    expect(cmdb.graph.getCi('a')).toEqual(a);
    expect(cmdb.graph.relationshipCount).toBe(3);
    expect(cmdb.undoLabel).toBe('Link B runs_on C');
    expect(cmdb.redoLabel).toBe('Delete A');
  });

  it('replaying every record onto an empty graph gives the same CMDB, with seq strictly increasing', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    const journal: JournalRecord[] = [];
    const keep = (tx: { records: JournalRecord[] } | null) => tx && journal.push(...tx.records);
    keep(cmdb.createCi({ id: 'a', name: 'A', class: 'application' }).tx);
    keep(cmdb.createCi({ id: 'b', name: 'B', class: 'database' }).tx);
    keep(cmdb.createRelationship({ id: 'r1', source: 'a', target: 'b', type: 'depends_on' }).tx);
    keep(cmdb.updateRelationship('r1', { strength: 'soft' }).tx);
    keep(cmdb.deleteCi('b').tx);
    keep(cmdb.undo());
    keep(cmdb.undo());
    keep(cmdb.redo());

    const replayed = new CmdbGraph();
    for (const r of journal) applyRecord({ graph: replayed, records: new RecordSet() }, r);
    expect([...replayed.cis()].sort(byId)).toEqual([...cmdb.graph.cis()].sort(byId));
    expect([...replayed.relationships()].sort(byId)).toEqual([...cmdb.graph.relationships()].sort(byId));
    expect(journal.map((r) => r.seq)).toEqual(journal.map((_, i) => i + 1));
  });

  it('revert takes back a transaction that could not be persisted, stacks included', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    cmdb.createCi({ id: 'a', name: 'A', class: 'application' });
    const seq = cmdb.lastSeq;
    const { tx } = cmdb.updateCi('a', { name: 'A2' });
    cmdb.revert(tx);
    expect(cmdb.graph.getCi('a')?.name).toBe('A');
    expect(cmdb.lastSeq).toBe(seq);
    expect(cmdb.undoLabel).toBe('Create A');
  });
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
