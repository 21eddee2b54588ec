// dependencies: the upstream view — everything a CI needs in order to work. It is failure
// propagation read backwards: X is a dependency of C when a failure of X can travel to C over
// some chain of relationships (of either strength; redundancy is not applied, since a cluster
// member is still something the CI stands on). One BFS over the reversed failure direction:
//   - out-edges of C whose failure runs target → source (C depends_on / runs_on / hosted_on /
//     connects_to X): X is needed;
//   - in-edges of C whose failure runs source → target (X member_of / part_of C): X is needed.
import type { DependenciesResult, DependencyEntry } from '../../shared/impact-types';
import { CI_CLASSES } from '../../shared/model';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { CmdbError } from '../graph/errors';
import { FAILS_TARGET_TO_SOURCE, STRENGTH_SOFT } from '../graph/relationship-rules';
import { elapsedSince, nowMs } from './clock';
import { viaOf } from './paths';
import { beginEpoch, isTouched, preferCandidate, scratchFor, touch, type Scratch } from './scratch';
import { sortByKeyThenName } from './sort';

/**
 * Runs the upstream BFS from `root` in the scratch's current epoch (callers call beginEpoch);
 * `hardOnly` follows hard relationships only (what can make `root` down).
 * Returns the number of nodes in `s.queue` (root first, then dependencies in BFS order).
 */
export function upstreamPass(s: Scratch, root: number, maxDepth: number, hardOnly = false): number {
  const ix = s.ix;
  const { outOffsets, outEdges, inOffsets, inEdges, relSource, relTarget, relType, relStrength } = ix;
  const { depth, parent, parentEdge, queue } = s;
  touch(s, root);
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  while (head < tail) {
    const u = queue[head++];
    const d = depth[u];
    if (d >= maxDepth) continue;
    for (let dir = 0; dir < 2; dir++) {
      // Out-edges of types failing target → source, then in-edges of types failing source → target.
      const offsets = dir === 0 ? outOffsets : inOffsets;
      const edges = dir === 0 ? outEdges : inEdges;
      const ends = dir === 0 ? relTarget : relSource;
      const wanted = dir === 0 ? 1 : 0;
      for (let p = offsets[u], end = offsets[u + 1]; p < end; p++) {
        const e = edges[p];
        if (FAILS_TARGET_TO_SOURCE[relType[e]] !== wanted || (hardOnly && relStrength[e] === STRENGTH_SOFT)) continue;
        const w = ends[e];
        if (!isTouched(s, w)) {
          touch(s, w);
          depth[w] = d + 1;
          parent[w] = u;
          parentEdge[w] = e;
          queue[tail++] = w;
        } else if (depth[w] === d + 1 && preferCandidate(s, u, e, parent[w], parentEdge[w])) {
          parent[w] = u;
          parentEdge[w] = e;
        }
      }
    }
  }
  return tail;
}

export function indexOrThrow(ix: GraphIndexes, id: string, field: string): number {
  const idx = ix.indexOf.get(id);
  if (idx === undefined) throw new CmdbError('not_found', `CI ${id} does not exist`, field);
  return idx;
}

export function dependencies(graph: CmdbGraph, ciId: string, maxDepth?: number): DependenciesResult {
  const start = nowMs();
  const ix = graph.indexes();
  const root = indexOrThrow(ix, ciId, 'ciId');
  const s = scratchFor(ix);
  beginEpoch(s);
  const count = upstreamPass(s, root, maxDepth ?? Number.MAX_SAFE_INTEGER) - 1;
  // The queue holds the dependencies in BFS order, so depths never decrease: the last is the deepest.
  const { depth, parent, parentEdge, sortKey, sortNodes } = s;
  sortNodes.set(s.queue.subarray(1, count + 1));
  for (let k = 0; k < count; k++) sortKey[sortNodes[k]] = depth[sortNodes[k]];
  sortByKeyThenName(s, sortNodes, count, count > 0 ? depth[s.queue[count]] : 0);
  const { names, classCode } = s;
  const ciIds = ix.ciIds;
  const entries: DependencyEntry[] = new Array<DependencyEntry>(count);
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    entries[k] = { id: ciIds[i], name: names[i], class: CI_CLASSES[classCode[i]], depth: depth[i], via: viaOf(s, parent[i], parentEdge[i]) };
  }
  return { ciId, dependencies: entries, elapsedMs: elapsedSince(start) };
}
