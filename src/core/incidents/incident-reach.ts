// What each CI's failure could explain of a set of incidents, for every CI at once: the bound
// common cause orders its candidates by, before any blast radius is computed.
//
// A CI could explain an incident when one of the incident's CIs is reached over hard edges, or
// over hard edges, one soft edge and hard edges again (a soft edge turns down into degraded, and
// degraded does not cross a soft edge). Two bit rows per component (a bit per incident) hold
// that: over hard edges only (`hard` condensation), and with one soft edge (`all` condensation).
// Both are filled in one sweep of the `all` components in order (each after all it reaches), with
// the hard components inside each in their own order: a hard component lies within one `all`
// component, so the rows a component reads are final when it is reached. Each CI's bound is read
// in the same sweep, while its rows are still in cache.
import type { GraphIndexes } from '../graph/csr-index';
import { condensationOf, rowPopcount, type Condensation } from '../impact/condensation';
import { FAIL_QUORUM, FAIL_SOFT, scratchFor } from '../impact/scratch';

export interface ExplainableCis {
  /** The CIs whose failure could explain at least one incident, and that many at most. */
  cis: Int32Array;
  most: Int32Array;
}

interface Rows {
  all: Condensation;
  bits: Uint32Array;
  hard: Condensation;
  hardBits: Uint32Array;
  width: number;
}

const rowIsOwn = new WeakMap<GraphIndexes, Uint8Array>();

/**
 * Per CI, 1 when its component's row is what its own failure could explain: it is alone in its
 * component and a member of no redundancy group (mostExplained would OR the same rows). Fixed for
 * a revision; most CIs are, and skip mostExplained's walk of their edges.
 */
function rowIsOwnOf(ix: GraphIndexes, all: Condensation): Uint8Array {
  let flags = rowIsOwn.get(ix);
  if (flags) return flags;
  flags = new Uint8Array(ix.n);
  const { failKind } = scratchFor(ix);
  for (let i = 0; i < ix.n; i++) {
    const k = all.comp[i];
    if (all.start[k + 1] - all.start[k] !== 1) continue;
    let member = false;
    for (let p = ix.failOffsets[i]; p < ix.failOffsets[i + 1] && !member; p++) member = failKind[p] === FAIL_QUORUM;
    if (!member) flags[i] = 1;
  }
  rowIsOwn.set(ix, flags);
  return flags;
}

/** Builds the tables explainableCis reads for these indexes (the condensations and rowIsOwnOf), ahead of a query. */
export function prepareExplainable(ix: GraphIndexes): void {
  condensationOf(ix, 'hard');
  rowIsOwnOf(ix, condensationOf(ix, 'all'));
}

/** The incidents (indexes into `affected`) each CI is one of the affected CIs of. */
function ownIncidents(affected: readonly number[][]): Map<number, number[]> {
  const own = new Map<number, number[]>();
  affected.forEach((cis, j) => {
    for (const a of cis) own.set(a, [...(own.get(a) ?? []), j]);
  });
  return own;
}

/** The `hard` components of `all` component k (those it holds), each after the ones it reaches. */
function hardComponentsWithin(r: Rows, k: number): number[] {
  const found = new Set<number>();
  for (let q = r.all.start[k]; q < r.all.start[k + 1]; q++) found.add(r.hard.comp[r.all.nodes[q]]);
  return [...found].sort((a, b) => a - b);
}

/** Fills the rows of `all` component k (several CIs: a cycle) from the final rows of what it reaches. */
function fillCycle(ix: GraphIndexes, r: Rows, k: number, failKind: Uint8Array): void {
  const { failOffsets, failEnds } = ix;
  const { all, bits, hard, hardBits, width } = r;
  for (const h of hardComponentsWithin(r, k)) {
    const row = h * width;
    for (let q = hard.start[h]; q < hard.start[h + 1]; q++) {
      const v = hard.nodes[q];
      for (let p = failOffsets[v], end = failOffsets[v + 1]; p < end; p++) {
        if (failKind[p] === FAIL_SOFT) continue;
        const c = hard.comp[failEnds[p]];
        if (c === h) continue;
        for (let x = 0; x < width; x++) hardBits[row + x] |= hardBits[c * width + x];
      }
    }
  }
  const row = k * width;
  for (let q = all.start[k]; q < all.start[k + 1]; q++) {
    const v = all.nodes[q];
    for (let p = failOffsets[v], end = failOffsets[v + 1]; p < end; p++) {
      const w = failEnds[p];
      const from = failKind[p] === FAIL_SOFT ? hardBits : bits;
      const at = failKind[p] === FAIL_SOFT ? hard.comp[w] * width : all.comp[w] === k ? -1 : all.comp[w] * width;
      if (at < 0) continue;
      for (let x = 0; x < width; x++) bits[row + x] |= from[at + x];
    }
  }
}

/**
 * The most incidents CI i's own failure could explain: its rows are shared with what stands on it,
 * so they count a redundancy group it is a member of; but its failure alone loses one member, and
 * a group left with exactly its minimum is only at risk (explains nothing), one left above it is
 * degraded (explains only what hard edges reach from it), unless i reaches the group by another
 * way too (that way's row then counts the group as down).
 */
function mostExplained(ix: GraphIndexes, r: Rows, own: Map<number, number[]>, i: number, row: Uint32Array): number {
  const { failOffsets, failEnds } = ix;
  const { failKind, memberTotal, minHealthy } = scratchFor(ix);
  const { all, bits, hard, hardBits, width } = r;
  row.fill(0);
  for (const j of own.get(i) ?? []) row[j >>> 5] |= 1 << (j & 31);
  for (let p = failOffsets[i], end = failOffsets[i + 1]; p < end; p++) {
    const w = failEnds[p];
    const kind = failKind[p];
    // Losing one member: the group goes down below its minimum, is only at risk at it, and degraded above it.
    const spare = kind === FAIL_QUORUM ? memberTotal[w] - 1 - minHealthy[w] : -1;
    if (spare === 0) continue;
    const degraded = kind === FAIL_SOFT || spare > 0;
    const from = degraded ? hardBits : bits;
    const at = degraded ? hard.comp[w] * width : all.comp[w] * width;
    for (let x = 0; x < width; x++) row[x] |= from[at + x];
  }
  return rowPopcount(row, 0, width);
}

/** Every CI whose failure could explain one of the incidents (`affected`: each incident's CI indexes), with the most it could. */
export function explainableCis(ix: GraphIndexes, affected: readonly number[][]): ExplainableCis {
  const width = Math.max(1, Math.ceil(affected.length / 32));
  const hard = condensationOf(ix, 'hard');
  const all = condensationOf(ix, 'all');
  const r: Rows = { all, bits: new Uint32Array(all.count * width), hard, hardBits: new Uint32Array(hard.count * width), width };
  const { bits, hardBits } = r;
  affected.forEach((cis, j) => {
    for (const a of cis) {
      hardBits[hard.comp[a] * width + (j >>> 5)] |= 1 << (j & 31);
      bits[all.comp[a] * width + (j >>> 5)] |= 1 << (j & 31);
    }
  });
  const own = ownIncidents(affected);
  const isOwn = rowIsOwnOf(ix, all);
  const { failOffsets, failEnds } = ix;
  const { failKind } = scratchFor(ix);
  const scratchRow = new Uint32Array(width);
  const cis = new Int32Array(ix.n);
  const most = new Int32Array(ix.n);
  let count = 0;
  for (let k = 0; k < all.count; k++) {
    const first = all.start[k];
    const row = k * width;
    if (all.start[k + 1] - first === 1) {
      // The common case, one CI: both of its rows from one walk of its edges.
      const v = all.nodes[first];
      const hardRow = hard.comp[v] * width;
      for (let p = failOffsets[v], end = failOffsets[v + 1]; p < end; p++) {
        const w = failEnds[p];
        if (w === v) continue;
        const hardFrom = hard.comp[w] * width;
        if (failKind[p] === FAIL_SOFT) {
          for (let x = 0; x < width; x++) bits[row + x] |= hardBits[hardFrom + x];
        } else {
          const from = all.comp[w] * width;
          for (let x = 0; x < width; x++) {
            bits[row + x] |= bits[from + x];
            hardBits[hardRow + x] |= hardBits[hardFrom + x];
          }
        }
      }
    } else {
      fillCycle(ix, r, k, failKind);
    }
    const shared = rowPopcount(bits, row, width);
    if (shared === 0) continue;
    for (let q = first; q < all.start[k + 1]; q++) {
      const v = all.nodes[q];
      const m = isOwn[v] === 1 ? shared : mostExplained(ix, r, own, v, scratchRow);
      if (m === 0) continue;
      cis[count] = v;
      most[count++] = m;
    }
  }
  return { cis: cis.slice(0, count), most: most.slice(0, count) };
}
