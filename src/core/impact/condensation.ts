// The failure graph condensed into strongly connected components, in an order where every
// component comes after all the components its failure can reach. Reach questions asked of every
// CI at once ("which incidents could its failure explain?", "which services must its failure
// reach?") then take one pass over the edges: a component's answer is its own, OR-ed with the
// answers of the components it points to, already final. Built once per GraphIndexes (which the
// CmdbGraph keeps until the next edit) for each set of edges asked: all failure edges, the hard
// ones, or the hard ones that always pass `down` on (not a member's edge into a redundancy group).
import type { GraphIndexes } from '../graph/csr-index';
import { FAIL_HARD, FAIL_SOFT, scratchFor } from './scratch';

/** Which failure edges a condensation follows. */
export type FailEdges = 'all' | 'hard' | 'down';

/** Whether failure-adjacency slot p of kind `kind` belongs to `edges`. */
export function follows(edges: FailEdges, kind: number): boolean {
  return edges === 'all' || (edges === 'hard' ? kind !== FAIL_SOFT : kind === FAIL_HARD);
}

export interface Condensation {
  /** Number of components. */
  readonly count: number;
  /** Each CI's component; a component's number is larger than that of any component it reaches. */
  readonly comp: Int32Array;
  /** The CIs of component k: nodes[start[k] .. start[k + 1]). */
  readonly start: Int32Array;
  readonly nodes: Int32Array;
  readonly edges: FailEdges;
}

const cache = new WeakMap<GraphIndexes, Partial<Record<FailEdges, Condensation>>>();

export function condensationOf(ix: GraphIndexes, edges: FailEdges): Condensation {
  let entry = cache.get(ix);
  if (!entry) cache.set(ix, (entry = {}));
  let cond = entry[edges];
  if (!cond) entry[edges] = cond = condense(ix, edges);
  return cond;
}

/** Tarjan's algorithm without recursion (a chain of 100k CIs must not overflow the call stack). */
function condense(ix: GraphIndexes, edges: FailEdges): Condensation {
  const { n, failOffsets, failEnds } = ix;
  const failKind = scratchFor(ix).failKind;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const comp = new Int32Array(n);
  let counter = 0;
  let stackTop = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let top = 0;
    order[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    callNode[0] = root;
    callEdge[0] = failOffsets[root];
    while (top >= 0) {
      const v = callNode[top];
      const p = callEdge[top];
      if (p < failOffsets[v + 1]) {
        callEdge[top] = p + 1;
        if (!follows(edges, failKind[p])) continue;
        const w = failEnds[p];
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          top++;
          callNode[top] = w;
          callEdge[top] = failOffsets[w];
        } else if (onStack[w] === 1 && order[w] < low[v]) low[v] = order[w];
        continue;
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--stackTop];
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      top--;
      if (top >= 0) {
        const u = callNode[top];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[comp[i] + 1]++;
  for (let k = 0; k < count; k++) start[k + 1] += start[k];
  const fill = start.slice(0, count);
  const nodes = new Int32Array(n);
  for (let i = 0; i < n; i++) nodes[fill[comp[i]]++] = i;
  return { count, comp, start, nodes, edges };
}

/**
 * Spreads bit rows over the condensation: on return, row k (words [k·width, (k+1)·width) of
 * `bits`) holds its own bits OR-ed with those of every component component k's failure reaches.
 * The caller fills each component's own bits first.
 */
export function spreadBits(ix: GraphIndexes, cond: Condensation, bits: Uint32Array, width: number): void {
  const { failOffsets, failEnds } = ix;
  const failKind = scratchFor(ix).failKind;
  const { comp, start, nodes, edges } = cond;
  for (let k = 0; k < cond.count; k++) {
    const row = k * width;
    for (let q = start[k]; q < start[k + 1]; q++) {
      const v = nodes[q];
      for (let p = failOffsets[v], end = failOffsets[v + 1]; p < end; p++) {
        if (!follows(edges, failKind[p])) continue;
        const c = comp[failEnds[p]];
        if (c === k) continue;
        const from = c * width;
        for (let x = 0; x < width; x++) bits[row + x] |= bits[from + x];
      }
    }
  }
}

/** Set bits in a row of `width` words at `offset`, masked by `mask` words when given (bits set in mask are left out). */
export function rowPopcount(bits: Uint32Array, offset: number, width: number, without?: Uint32Array): number {
  let total = 0;
  for (let x = 0; x < width; x++) {
    let v = bits[offset + x];
    if (without) v &= ~without[x];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return total;
}
