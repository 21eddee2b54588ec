// An import's apply step: many operations as one transaction, all or nothing, one undo.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbError, CmdbGraph } from '../../../../src/core/graph';
import { testEnv } from './test-env';

function base(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'db', name: 'DB', class: 'database' });
  return cmdb;
}

describe('applyBatch', () => {
  it('applies every operation as one transaction and undoes them in one step', () => {
    const cmdb = base();
    const { tx } = cmdb.applyBatch('Import catalog.yaml', [
      { kind: 'createCi', input: { id: 'app', name: 'App', class: 'application' } },
      { kind: 'createRelationship', input: { id: 'r', source: 'app', target: 'db', type: 'depends_on' } },
      { kind: 'updateCi', id: 'db', patch: { owner: 'dba' } },
    ]);
    expect(new Set(tx.records.map((r) => r.tx))).toEqual(new Set([tx.tx]));
    expect(tx.records).toHaveLength(3);
    expect(cmdb.graph.ciCount).toBe(2);
    expect(cmdb.undoLabel).toBe('Import catalog.yaml');
    cmdb.undo();
    expect(cmdb.graph.ciCount).toBe(1);
    expect(cmdb.graph.relationshipCount).toBe(0);
    expect(cmdb.graph.getCi('db')?.owner).toBe('');
  });

  it('changes nothing when one operation fails, and names it', () => {
    const cmdb = base();
    const seq = cmdb.lastSeq;
    let error: unknown;
    try {
      cmdb.applyBatch('Import', [
        { kind: 'createCi', input: { id: 'app', name: 'App', class: 'application' } },
        { kind: 'createRelationship', input: { source: 'app', target: 'ghost', type: 'depends_on' } },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CmdbError);
    expect((error as CmdbError).field).toBe('operations[1].target');
    expect((error as CmdbError).message).toMatch(/operation 2 \(createRelationship\)/);
    expect(cmdb.graph.ciCount).toBe(1);
    expect(cmdb.lastSeq).toBe(seq);
    expect(cmdb.undoLabel).toBe('Create DB');
  });
});
