// The plain baseline: reachability along the failure direction with a typed-array BFS over the
// same failure adjacency (CSR) the impact engine uses, recording parent pointers (so a path could be read
// back) but ignoring strength and redundancy. No allocation per call.
import type { GraphIndexes } from '../../src/core/graph/csr-index';

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
    const { failOffsets, failEdges, failEnds } = this.ix;
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
      for (let p = failOffsets[u], end = failOffsets[u + 1]; p < end; p++) {
        const v = failEnds[p];
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        parent[v] = u;
        parentEdge[v] = failEdges[p];
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
  for (let i = 0; i < ix.n; i++) fan[i] = ix.failOffsets[i + 1] - ix.failOffsets[i];
  return fan;
}
