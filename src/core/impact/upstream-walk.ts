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
  /** False once a later walk on the same indexes has reused the arrays (read them before walking again). */
  current(): boolean;
}

interface WalkBuffers {
  distance: Int32Array;
  next: Int32Array;
  queue: Int32Array;
  /** CIs the last walk reached (queue[0 .. reached)), whose distance it set. */
  reached: number;
  walks: number;
}

/**
 * One set of arrays per GraphIndexes, reused by every walk: at 100k CIs a walk would otherwise
 * leave 1.2 MB of typed arrays behind per query, and that much external memory churning under a
 * large heap brings on full collections mid-query.
 */
const buffers = new WeakMap<GraphIndexes, WalkBuffers>();

function walkBuffersOf(ix: GraphIndexes): WalkBuffers {
  let b = buffers.get(ix);
  if (!b) {
    b = { distance: new Int32Array(ix.n).fill(-1), next: new Int32Array(ix.n), queue: new Int32Array(ix.n), reached: 0, walks: 0 };
    buffers.set(ix, b);
  }
  return b;
}

/** Breadth-first from every root at once (distinct CI indexes). */
export function upstreamWalk(ix: GraphIndexes, roots: readonly number[]): UpstreamWalk {
  const { offsets, ends } = reverseFailureOf(ix);
  const b = walkBuffersOf(ix);
  const { distance, next, queue } = b;
  // Only what the last walk reached needs clearing.
  for (let q = 0; q < b.reached; q++) distance[queue[q]] = -1;
  const walk = ++b.walks;
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
  b.reached = tail;
  return { distance, next, current: () => b.walks === walk };
}
