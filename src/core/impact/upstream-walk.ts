// What a set of CIs stands on, walked over the failure adjacency reversed: X is upstream of C
// when a failure of X can travel to C (either strength, redundancy not applied), as in
// dependencies. The reversed adjacency is built once per GraphIndexes, so the walk reads one
// array per CI instead of filtering both of its edge lists by type.
import type { GraphIndexes } from '../graph/csr-index';

interface ReverseFailure {
  /** The CIs whose failure reaches CI i directly: ends[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  ends: Int32Array;
}

const cache = new WeakMap<GraphIndexes, ReverseFailure>();

function reverseFailureOf(ix: GraphIndexes): ReverseFailure {
  let rev = cache.get(ix);
  if (rev) return rev;
  const { n, failOffsets, failEnds } = ix;
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < failEnds.length; p++) offsets[failEnds[p] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const ends = new Int32Array(failEnds.length);
  for (let u = 0; u < n; u++) for (let p = failOffsets[u]; p < failOffsets[u + 1]; p++) ends[fill[failEnds[p]]++] = u;
  rev = { offsets, ends };
  cache.set(ix, rev);
  return rev;
}

export interface UpstreamWalk {
  /** Per CI, its distance to the nearest root, -1 when not upstream. */
  distance: Int32Array;
  /** Per CI reached, the next CI on its way to that root (-1 at a root). */
  next: Int32Array;
}

/** Breadth-first from every root at once (distinct CI indexes). */
export function upstreamWalk(ix: GraphIndexes, roots: readonly number[]): UpstreamWalk {
  const { offsets, ends } = reverseFailureOf(ix);
  const distance = new Int32Array(ix.n).fill(-1);
  const next = new Int32Array(ix.n);
  const queue = new Int32Array(ix.n);
  let tail = 0;
  for (const r of roots) {
    if (distance[r] >= 0) continue;
    distance[r] = 0;
    next[r] = -1;
    queue[tail++] = r;
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    const d = distance[v] + 1;
    for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
      const u = ends[p];
      if (distance[u] >= 0) continue;
      distance[u] = d;
      next[u] = v;
      queue[tail++] = u;
    }
  }
  return { distance, next };
}
