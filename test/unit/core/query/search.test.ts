import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { ciDetails, facets, searchCis } from '../../../../src/core/query';
import { testEnv } from '../graph/test-env';

function sample(): CmdbGraph {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'a', name: 'Orders DB primary', class: 'database', owner: 'dba-team', tags: ['pci'], criticality: 1 });
  cmdb.createCi({ id: 'b', name: 'Orders API', class: 'application', attributes: { version: '4.2.1' } });
  cmdb.createCi({ id: 'c', name: 'Search', class: 'business_service', externalIds: { servicenow: 'abc123' } });
  cmdb.createRelationship({ source: 'b', target: 'a', type: 'depends_on' });
  cmdb.createRelationship({ source: 'c', target: 'b', type: 'depends_on', strength: 'soft' });
  return cmdb.graph;
}

describe('searchCis', () => {
  it('ranks name matches first and reports which field matched', () => {
    const g = sample();
    expect(searchCis(g, 'orders', 10).map((h) => h.ci.id)).toEqual(['a', 'b']);
    expect(searchCis(g, 'search', 10)[0]).toMatchObject({ field: 'name', ci: { id: 'c' } });
    expect(searchCis(g, 'dba', 10)[0]).toMatchObject({ field: 'owner', match: 'dba-team' });
    expect(searchCis(g, 'pci', 10)[0]).toMatchObject({ field: 'tag', match: 'pci' });
    expect(searchCis(g, '4.2', 10)[0]).toMatchObject({ field: 'attribute:version' });
    expect(searchCis(g, 'business service', 10)[0]).toMatchObject({ field: 'class', ci: { id: 'c' } });
    expect(searchCis(g, 'abc1', 10)[0]).toMatchObject({ field: 'externalId:servicenow' });
    expect(searchCis(g, '   ', 10)).toEqual([]);
    expect(searchCis(g, 'o', 1)).toHaveLength(1);
  });
});

describe('facets and details', () => {
  it('counts filterable values', () => {
    const f = facets(sample());
    expect(f.classes).toEqual([
      { value: 'application', count: 1 },
      { value: 'business_service', count: 1 },
      { value: 'database', count: 1 },
    ]);
    expect(f.relationshipTypes).toEqual([{ value: 'depends_on', count: 2 }]);
    expect(f.tags).toEqual([{ value: 'pci', count: 1 }]);
  });

  it('lists incoming and outgoing relationships with their peers', () => {
    const d = ciDetails(sample(), 'b');
    expect(d.outgoing.map((r) => r.peer.name)).toEqual(['Orders DB primary']);
    expect(d.incoming.map((r) => [r.peer.name, r.relationship.strength])).toEqual([['Search', 'soft']]);
    expect(() => ciDetails(sample(), 'zzz')).toThrow(/no CI with id zzz/);
  });
});
