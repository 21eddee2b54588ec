// The plain baseline: reachability along the failure direction with a typed-array BFS over the
// same CSR indexes the impact engine uses, recording parent pointers (so a path could be read
// back) but ignoring strength and redundancy. No allocation per call.
import type { GraphIndexes } from '../../src/core/graph/csr-index';
import { FAILS_TARGET_TO_SOURCE } from '../../src/core/graph/relationship-rules';

export class PlainReach {
  readonly queue: Int32Array;
  readonly parent: Int32Array;
  readonly parentEdge: Int32Array;
  private readonly seen: Int32Array;
  private epoch = 0;

  constructor(private readonly ix: GraphIndexes) {
    this.queue = new Int32Array(ix.n);
    this.parent = new Int32Array(ix.n);
    this.parentEdge = new Int32Array(ix.n);
    this.seen = new Int32Array(ix.n);
  }

  /** Visits everything reachable from `starts`; returns how many CIs (starts included) are in `queue`. */
  run(starts: readonly number[]): number {
    const { outOffsets, outEdges, inOffsets, inEdges, relType, relSource, relTarget } = this.ix;
    const { queue, parent, parentEdge, seen } = this;
    const epoch = ++this.epoch;
    let tail = 0;
    for (const s of starts) {
      if (seen[s] === epoch) continue;
      seen[s] = epoch;
      parent[s] = -1;
      parentEdge[s] = -1;
      queue[tail++] = s;
    }
    let head = 0;
    while (head < tail) {
      const u = queue[head++];
      for (let j = outOffsets[u], end = outOffsets[u + 1]; j < end; j++) {
        const e = outEdges[j];
        if (FAILS_TARGET_TO_SOURCE[relType[e]] === 1) continue;
        const v = relTarget[e];
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        parent[v] = u;
        parentEdge[v] = e;
        queue[tail++] = v;
      }
      for (let j = inOffsets[u], end = inOffsets[u + 1]; j < end; j++) {
        const e = inEdges[j];
        if (FAILS_TARGET_TO_SOURCE[relType[e]] === 0) continue;
        const v = relSource[e];
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        parent[v] = u;
        parentEdge[v] = e;
        queue[tail++] = v;
      }
    }
    return tail;
  }

  /** Whether CI `i` was reached by the last run. */
  reached(i: number): boolean {
    return this.seen[i] === this.epoch;
  }
}

/** For each CI, how many CIs its failure reaches directly (its fan-out along the failure direction). */
export function failureFanOut(ix: GraphIndexes): Int32Array {
  const fan = new Int32Array(ix.n);
  for (let e = 0; e < ix.m; e++) fan[FAILS_TARGET_TO_SOURCE[ix.relType[e]] === 1 ? ix.relTarget[e] : ix.relSource[e]]++;
  return fan;
}
