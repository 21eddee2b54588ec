// The Explore screen's view: filters, neighbourhoods in each direction, and the caps.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { graphView } from '../../../../src/core/query';
import { ViewInputSchema, type ViewFilters } from '../../../../src/shared/operations';
import { testEnv } from '../graph/test-env';

// svc ─depends_on→ app ─runs_on→ vm ─hosted_on→ host ;  app ─depends_on→ db(staging) ; db ─runs_on→ host
function sample(): CmdbGraph {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'svc', name: 'Checkout', class: 'business_service', criticality: 1, tags: ['pci'] });
  cmdb.createCi({ id: 'app', name: 'Cart API', class: 'application', criticality: 2 });
  cmdb.createCi({ id: 'vm', name: 'vm-01', class: 'virtual_machine' });
  cmdb.createCi({ id: 'host', name: 'esx-01', class: 'server', status: 'retired' });
  cmdb.createCi({ id: 'db', name: 'Orders DB', class: 'database', environment: 'staging', tags: ['pci'] });
  cmdb.createRelationship({ source: 'svc', target: 'app', type: 'depends_on' });
  cmdb.createRelationship({ source: 'app', target: 'vm', type: 'runs_on' });
  cmdb.createRelationship({ source: 'vm', target: 'host', type: 'hosted_on' });
  cmdb.createRelationship({ source: 'app', target: 'db', type: 'depends_on' });
  cmdb.createRelationship({ source: 'db', target: 'host', type: 'runs_on' });
  return cmdb.graph;
}

const ids = (v: { nodes: { id: string }[] }) => v.nodes.map((n) => n.id).sort();
const view = (g: CmdbGraph, input: unknown) => graphView(g, ViewInputSchema.parse(input));

describe('graphView', () => {
  it('shows everything under the cap', () => {
    const v = view(sample(), {});
    expect(ids(v)).toEqual(['app', 'db', 'host', 'svc', 'vm']);
    expect(v.edges).toHaveLength(5);
    expect(v).toMatchObject({ mode: 'all', truncated: false, notice: null, totalCis: 5, matchingCis: 5 });
  });

  it.each<[ViewFilters, string[]]>([
    [{ classes: ['server', 'virtual_machine'] }, ['host', 'vm']],
    [{ environments: ['staging'] }, ['db']],
    [{ statuses: ['retired'] }, ['host']],
    [{ criticalities: [1, 2] }, ['app', 'svc']],
    [{ tags: ['pci'] }, ['db', 'svc']],
  ])('filters %j', (filters, expected) => {
    const v = view(sample(), { filters });
    expect(ids(v)).toEqual(expected);
    // Hidden CIs take their edges with them.
    const shown = new Set(expected);
    expect(v.edges.every((e) => shown.has(e.source) && shown.has(e.target))).toBe(true);
  });

  it('neighbourhood follows the asked direction and depth', () => {
    const g = sample();
    expect(ids(view(g, { focus: { ciId: 'app', depth: 1, direction: 'out' } }))).toEqual(['app', 'db', 'vm']);
    expect(ids(view(g, { focus: { ciId: 'app', depth: 1, direction: 'in' } }))).toEqual(['app', 'svc']);
    expect(ids(view(g, { focus: { ciId: 'app', depth: 1, direction: 'both' } }))).toEqual(['app', 'db', 'svc', 'vm']);
    expect(ids(view(g, { focus: { ciId: 'app', depth: 2, direction: 'out' } }))).toEqual(['app', 'db', 'host', 'vm']);
    expect(ids(view(g, { focus: { ciId: 'host', depth: 6, direction: 'in' } }))).toEqual(['app', 'db', 'host', 'svc', 'vm']);
  });

  it('a neighbourhood only walks through CIs that pass the filters', () => {
    const v = view(sample(), { focus: { ciId: 'svc', depth: 3, direction: 'out' }, filters: { classes: ['business_service', 'database'] } });
    expect(ids(v)).toEqual(['svc']);
  });

  it('over the cap, opens on a neighbourhood and says why', () => {
    const v = view(sample(), { nodeCap: 3 });
    expect(v.mode).toBe('neighbourhood');
    expect(v.focusCiId).toBe('svc');
    expect(v.nodes.length).toBeLessThanOrEqual(3);
    expect(v.notice).toMatch(/5 CIs match, more than the view cap of 3/);
    expect(v.nodes[0].id).toBe('svc');
  });

  it('cuts edges at the edge cap and says so', () => {
    const v = view(sample(), { edgeCap: 2 });
    expect(v.edges).toHaveLength(2);
    expect(v.truncated).toBe(true);
    expect(v.notice).toMatch(/only the first 2 are drawn/);
  });

  it('refuses a focus on a missing CI', () => {
    expect(() => view(sample(), { focus: { ciId: 'ghost', depth: 1, direction: 'both' } })).toThrow(/no CI with id ghost/);
  });
});
