// Each rejection the core owes the user: a CmdbError naming the field, and nothing changed.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbError, CmdbGraph } from '../../../../src/core/graph';
import { testEnv } from './test-env';

function twoCis(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'web', name: 'Web', class: 'application' });
  cmdb.createCi({ id: 'db', name: 'DB', class: 'database' });
  return cmdb;
}

function rejection(fn: () => unknown): CmdbError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CmdbError) return e;
    throw e;
  }
  throw new Error('expected a CmdbError, nothing was thrown');
}

describe('validation', () => {
  it('rejects an unknown class, naming the field', () => {
    const cmdb = twoCis();
    const err = rejection(() => cmdb.createCi({ name: 'X', class: 'mainframe' }));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe('class');
    expect(cmdb.graph.ciCount).toBe(2);
  });

  it('rejects an empty name (also after trimming)', () => {
    const cmdb = twoCis();
    const err = rejection(() => cmdb.createCi({ name: '   ', class: 'server' }));
    expect(err.field).toBe('name');
    expect(err.message).toMatch(/name: must not be empty/);
    expect(rejection(() => cmdb.updateCi('web', { name: '' })).field).toBe('name');
    expect(cmdb.graph.getCi('web')?.name).toBe('Web');
  });

  it('rejects a malformed id', () => {
    const cmdb = twoCis();
    expect(rejection(() => cmdb.createCi({ id: 'has space', name: 'X', class: 'server' })).field).toBe('id');
    expect(rejection(() => cmdb.createCi({ id: '../etc', name: 'X', class: 'server' })).field).toBe('id');
    expect(rejection(() => cmdb.createRelationship({ source: 'web', target: 'not valid!', type: 'depends_on' })).field).toBe('target');
  });

  it('rejects an unknown relationship type', () => {
    const cmdb = twoCis();
    const err = rejection(() => cmdb.createRelationship({ source: 'web', target: 'db', type: 'likes' }));
    expect(err.field).toBe('type');
    expect(cmdb.graph.relationshipCount).toBe(0);
  });

  it('rejects a relationship end that does not exist', () => {
    const cmdb = twoCis();
    const err = rejection(() => cmdb.createRelationship({ source: 'web', target: 'ghost', type: 'depends_on' }));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe('target');
    expect(rejection(() => cmdb.createRelationship({ source: 'ghost', target: 'db', type: 'depends_on' })).field).toBe('source');
  });

  it('rejects a duplicate relationship (same source, target and type)', () => {
    const cmdb = twoCis();
    cmdb.createRelationship({ source: 'web', target: 'db', type: 'depends_on' });
    const err = rejection(() => cmdb.createRelationship({ source: 'web', target: 'db', type: 'depends_on', strength: 'soft' }));
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('type');
    // A different type between the same CIs is a different relationship.
    cmdb.createRelationship({ source: 'web', target: 'db', type: 'connects_to' });
    expect(cmdb.graph.relationshipCount).toBe(2);
    // Changing a relationship's type onto an existing one is a duplicate too.
    const rel = cmdb.graph.findRelationship('web', 'db', 'connects_to') as string;
    expect(rejection(() => cmdb.updateRelationship(rel, { type: 'depends_on' })).code).toBe('conflict');
  });

  it('rejects a self-loop', () => {
    const cmdb = twoCis();
    const err = rejection(() => cmdb.createRelationship({ source: 'web', target: 'web', type: 'depends_on' }));
    expect(err.field).toBe('target');
    expect(err.message).toMatch(/itself/);
  });

  it('rejects a criticality outside 1–4 and a redundancy rule below 1', () => {
    const cmdb = twoCis();
    expect(rejection(() => cmdb.createCi({ name: 'X', class: 'server', criticality: 5 })).field).toBe('criticality');
    expect(rejection(() => cmdb.updateCi('db', { redundancy: { minHealthy: 0 } })).field).toBe('redundancy.minHealthy');
  });

  it('rejects a duplicate CI id and edits of a missing CI', () => {
    const cmdb = twoCis();
    expect(rejection(() => cmdb.createCi({ id: 'web', name: 'Again', class: 'server' })).code).toBe('conflict');
    expect(rejection(() => cmdb.updateCi('ghost', { name: 'x' })).code).toBe('not_found');
    expect(rejection(() => cmdb.deleteCi('ghost')).code).toBe('not_found');
  });
});
