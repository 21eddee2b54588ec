// The reversed-adjacency walk probable causes use must reach what dependencies reports, at the same distances.
import { describe, expect, it } from 'vitest';
import { cmdbFromDocument } from '../../../../src/core/graph/load';
import { dependencies } from '../../../../src/core/impact';
import { upstreamWalk } from '../../../../src/core/impact/upstream-walk';
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
});
