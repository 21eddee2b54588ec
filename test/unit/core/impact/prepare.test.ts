// prepareImpact builds ahead of time what the first impact query on a graph would otherwise
// build: the indexes, the engine's scratch space and the name ranks; after an edit it builds
// them again for the new indexes, and results are the same as without it.
import { describe, expect, it } from 'vitest';
import { blastRadius, prepareImpact } from '../../../../src/core/impact';
import { scratchFor } from '../../../../src/core/impact/scratch';
import { impactedIds } from '../../../../src/shared/impact-types';
import { graphOf, makeCi } from './impact-helpers';

// db ⇐ app-b ⇐ web, db ⇐ app-a ⇐ web (names out of id order, so name order is not id order)
const LINES = ['app-a depends_on db', 'app-b depends_on db', 'web depends_on app-a', 'web depends_on app-b'];
const NAMES = { 'app-a': { name: 'Zeta API' }, 'app-b': { name: 'alpha api' }, web: { name: 'Web' }, db: { name: 'Orders DB' } };

describe('prepareImpact', () => {
  it('leaves the indexes, scratch space and name ranks built for the graph as it is', () => {
    const graph = graphOf(LINES, NAMES);
    prepareImpact(graph);
    const ix = graph.indexes();
    const s = scratchFor(ix);
    expect(s.ix).toBe(ix);
    expect(s.nameRank).not.toBeNull();
    // Ranks follow names case-insensitively: alpha api, Orders DB, Web, Zeta API.
    const byRank = Array.from(s.rankNode ?? [], (i) => ix.ciIds[i]);
    expect(byRank).toEqual(['app-b', 'db', 'web', 'app-a']);
  });

  it('prepares again after an edit, for the new indexes, and changes no result', () => {
    const graph = graphOf(LINES, NAMES);
    const before = impactedIds(blastRadius(graph, { targets: [{ ciId: 'db', mode: 'down' }] }).impacted);
    prepareImpact(graph);
    const old = graph.indexes();
    graph.putCi(makeCi('cache', { name: 'Cache' }));
    prepareImpact(graph);
    const ix = graph.indexes();
    expect(ix).not.toBe(old);
    expect(scratchFor(ix).nameRank?.length).toBe(5);
    expect(impactedIds(blastRadius(graph, { targets: [{ ciId: 'db', mode: 'down' }] }).impacted)).toEqual(before);
  });
});
