// The reversed-adjacency walk probable causes use must reach what dependencies reports, at the same distances,
// and, reusing its arrays, clear what the walk before it reached and refuse to be read after a later one.
import { describe, expect, it } from 'vitest';
import { cmdbFromDocument } from '../../../../src/core/graph/load';
import { dependencies } from '../../../../src/core/impact';
import { upstreamWalk } from '../../../../src/core/impact/upstream-walk';
import { upstreamOf } from '../../../../src/core/incidents';
import { generateSyntheticCmdb } from '../../../support/synthetic-cmdb';
import { testEnv } from '../graph/test-env';

describe('the upstream walk', () => {
  it('reaches every dependency at its depth, and each step leads one nearer the root', () => {
    const graph = cmdbFromDocument(generateSyntheticCmdb({ cis: 1500, seed: 9 }), [], testEnv()).graph;
    const ix = graph.indexes();
    for (let root = 0; root < ix.n; root += 37) {
      const walk = upstreamWalk(ix, [root]);
      const expected = new Map(dependencies(graph, ix.ciIds[root]).dependencies.map((d) => [d.id, d.depth]));
      const reached = new Map<string, number>();
      for (let i = 0; i < ix.n; i++) {
        if (walk.distance[i] <= 0) continue;
        reached.set(ix.ciIds[i], walk.distance[i]);
        expect(walk.distance[walk.next[i]]).toBe(walk.distance[i] - 1);
      }
      expect(reached).toEqual(expected);
    }
  });

  it('reuses its arrays: a walk clears what the last one reached, and says when a later walk has taken them', () => {
    const graph = cmdbFromDocument(generateSyntheticCmdb({ cis: 800, seed: 3 }), [], testEnv()).graph;
    const ix = graph.indexes();
    const reachedFrom = (root: number) => {
      const walk = upstreamWalk(ix, [root]);
      return { walk, reached: Array.from(walk.distance, (d, i) => (d >= 0 ? i : -1)).filter((i) => i >= 0) };
    };
    // The CI that stands on the most: its walk leaves the most to clear.
    let widest = 0;
    for (let i = 0; i < ix.n; i++) if (dependencies(graph, ix.ciIds[i]).dependencies.length > dependencies(graph, ix.ciIds[widest]).dependencies.length) widest = i;
    const leaf = ix.n - 1;
    const alone = reachedFrom(leaf).reached;
    const wide = reachedFrom(widest);
    expect(wide.walk.current()).toBe(true);
    const after = reachedFrom(leaf);
    expect(after.reached).toEqual(alone);
    expect(wide.walk.current()).toBe(false);
    expect(after.walk.current()).toBe(true);
    const upstream = upstreamOf(graph, [ix.ciIds[widest]]);
    upstreamWalk(ix, [leaf]);
    expect(() => upstream.get(ix.ciIds[widest])).toThrow(/later walk/);
  });
});
