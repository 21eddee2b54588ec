// view.subgraph: given CIs in priority order, plus one hop of context, within the caps.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { subgraphView } from '../../../../src/core/query';
import { SubgraphInputSchema } from '../../../../src/shared/operations';
import { testEnv } from '../graph/test-env';

// svc ─depends_on→ app ─runs_on→ vm ─hosted_on→ host ;  app ─depends_on→ db ;  db ─runs_on→ host ;  lone
function sample(): CmdbGraph {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  for (const [id, cls] of [
    ['svc', 'business_service'],
    ['app', 'application'],
    ['vm', 'virtual_machine'],
    ['host', 'server'],
    ['db', 'database'],
    ['lone', 'server'],
  ] as const) {
    cmdb.createCi({ id, name: id, class: cls });
  }
  cmdb.createRelationship({ source: 'svc', target: 'app', type: 'depends_on' });
  cmdb.createRelationship({ source: 'app', target: 'vm', type: 'runs_on' });
  cmdb.createRelationship({ source: 'vm', target: 'host', type: 'hosted_on' });
  cmdb.createRelationship({ source: 'app', target: 'db', type: 'depends_on' });
  cmdb.createRelationship({ source: 'db', target: 'host', type: 'runs_on' });
  return cmdb.graph;
}

const ids = (v: { nodes: { id: string }[] }) => v.nodes.map((n) => n.id).sort();
const sub = (g: CmdbGraph, input: unknown) => subgraphView(g, SubgraphInputSchema.parse(input));
const pairs = (v: { edges: { source: string; target: string }[] }) => v.edges.map((e) => `${e.source}>${e.target}`).sort();

describe('subgraphView', () => {
  it('without context shows exactly the asked CIs and the relationships among them', () => {
    const v = sub(sample(), { ciIds: ['db', 'app'], contextHops: 0 });
    expect(ids(v)).toEqual(['app', 'db']);
    expect(pairs(v)).toEqual(['app>db']);
    expect(v).toMatchObject({ truncated: false, notice: null, totalCis: 6, matchingCis: 2, mode: 'neighbourhood' });
  });

  it('one hop of context adds the direct neighbours in both directions, not two hops', () => {
    // db's neighbours: app (in), host (out); not svc or vm (two hops away).
    const v = sub(sample(), { ciIds: ['db'], contextHops: 1 });
    expect(ids(v)).toEqual(['app', 'db', 'host']);
    expect(pairs(v)).toEqual(['app>db', 'db>host']);
  });

  it('context is the default and unknown or repeated ids are skipped', () => {
    const v = sub(sample(), { ciIds: ['lone', 'ghost', 'lone'] });
    expect(ids(v)).toEqual(['lone']);
    expect(v.matchingCis).toBe(1);
  });

  it('over the cap keeps the first asked CIs (priority order) and says so', () => {
    const v = sub(sample(), { ciIds: ['host', 'vm', 'db', 'svc'], contextHops: 1, nodeCap: 2 });
    expect(v.nodes.map((n) => n.id)).toEqual(['host', 'vm']);
    expect(v.truncated).toBe(true);
    expect(v.notice).toMatch(/4 CIs asked for, more than the view cap of 2: showing the first 2/);
  });

  it('context fills only the room left under the cap, nearest to the first CIs first', () => {
    // host's neighbours come first (vm, db); the cap of 3 leaves room for one of them only.
    const v = sub(sample(), { ciIds: ['host', 'svc'], contextHops: 1, nodeCap: 3 });
    expect(v.nodes.map((n) => n.id).slice(0, 2)).toEqual(['host', 'svc']);
    expect(v.nodes).toHaveLength(3);
    expect(['vm', 'db']).toContain(v.nodes[2].id);
    expect(v.truncated).toBe(true);
    expect(v.notice).toMatch(/Not all neighbours fit under the view cap of 3/);
  });

  it('cuts relationships at the edge cap', () => {
    const v = sub(sample(), { ciIds: ['svc', 'app', 'vm', 'host', 'db'], contextHops: 0, edgeCap: 2 });
    expect(v.nodes).toHaveLength(5);
    expect(v.edges).toHaveLength(2);
    expect(v.truncated).toBe(true);
    expect(v.notice).toMatch(/More than 2 relationships/);
  });

  it('rejects a context of two hops at the boundary', () => {
    expect(SubgraphInputSchema.safeParse({ ciIds: ['db'], contextHops: 2 }).success).toBe(false);
  });
});
