// Ordering result lists by a small integer key (level and depth), then by name, without a
// comparison sort over the whole list. Name order (case-insensitive name, then exact name, then
// id — never insertion order) comes from a rank of every CI, built once per GraphIndexes the first
// time a large list needs it. Three paths, by list size:
//   - large lists: each CI becomes the integer key · n + name rank, sorted by a linear radix sort;
//   - once the rank exists, lists below RADIX_MIN (where the radix sort's fixed cost would
//     dominate) or with keys too large for its 31 bits (chains of tens of thousands of hops):
//     a counting sort by key, each bucket of ranks sorted natively;
//   - small lists before any large one: buckets sorted with a name comparator, so a small query
//     never pays for ranking the whole CMDB.
import { byNameComparator, type Scratch } from './scratch';

/** Lists at least this long (or n/32, whichever is larger) build the name rank. */
const RANK_MIN = 512;

/** Largest key · n + rank the radix path sorts (an Int32Array holds it). */
const MAX_COMPOSITE = 0x7fffffff;
/** Lists at least this long take the radix path (its fixed cost is a few thousand counters). */
const RADIX_MIN = 1024;
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

/**
 * Sorts `nodes[0 .. count)` in place by `s.sortKey[node]` (integers 0 .. maxKey), then by name.
 * Uses `s.sortBuf` as work space (`nodes` may be `s.sortNodes`, never `s.sortBuf`).
 */
export function sortByKeyThenName(s: Scratch, nodes: Int32Array, count: number, maxKey: number): void {
  if (count < 2) return;
  const useRank = s.nameRank !== null || count >= Math.max(RANK_MIN, s.ix.n >> 5);
  if (useRank && count >= RADIX_MIN && (maxKey + 1) * s.ix.n <= MAX_COMPOSITE) {
    radixByKeyThenRank(s, nodes, count, maxKey);
    return;
  }
  const key = s.sortKey;
  const buf = s.sortBuf;
  const starts = new Int32Array(maxKey + 2);
  for (let k = 0; k < count; k++) starts[key[nodes[k]] + 1]++;
  for (let b = 0; b <= maxKey; b++) starts[b + 1] += starts[b];
  const fill = starts.slice(0, maxKey + 1);
  if (useRank) {
    const { nameRank, rankNode } = nameRanks(s);
    // Buckets of ranks: a typed array sorts numerically in native code, no comparator calls.
    for (let k = 0; k < count; k++) {
      const i = nodes[k];
      buf[fill[key[i]]++] = nameRank[i];
    }
    for (let b = 0; b <= maxKey; b++) if (starts[b + 1] - starts[b] > 1) buf.subarray(starts[b], starts[b + 1]).sort();
    for (let k = 0; k < count; k++) nodes[k] = rankNode[buf[k]];
    return;
  }
  for (let k = 0; k < count; k++) {
    const i = nodes[k];
    buf[fill[key[i]]++] = i;
  }
  nodes.set(buf.subarray(0, count));
  const byName = byNameComparator(s, nodes.subarray(0, count));
  for (let b = 0; b <= maxKey; b++) {
    if (starts[b + 1] - starts[b] < 2) continue;
    const bucket = Array.from(nodes.subarray(starts[b], starts[b + 1]));
    bucket.sort(byName);
    nodes.set(bucket, starts[b]);
  }
}

/** Every CI's place in name order and its inverse, built on first use and kept in `s` for its indexes. */
export function nameRanks(s: Scratch): { nameRank: Int32Array; rankNode: Int32Array } {
  if (s.nameRank && s.rankNode) return { nameRank: s.nameRank, rankNode: s.rankNode };
  const n = s.ix.n;
  const all: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) all[i] = i;
  all.sort(byNameComparator(s, all));
  const nameRank = new Int32Array(n);
  const rankNode = new Int32Array(all);
  for (let r = 0; r < n; r++) nameRank[rankNode[r]] = r;
  s.nameRank = nameRank;
  s.rankNode = rankNode;
  return { nameRank, rankNode };
}

/**
 * The large-list path: each node becomes the integer key · n + nameRank (unique, since ranks are),
 * sorted by a least-significant-digit radix sort in two or three linear passes, then mapped back
 * to nodes through rankNode. Cheaper than bucketing and sorting each bucket when the list holds
 * tens of thousands of CIs.
 */
function radixByKeyThenRank(s: Scratch, nodes: Int32Array, count: number, maxKey: number): void {
  const { nameRank, rankNode } = nameRanks(s);
  const n = s.ix.n;
  const key = s.sortKey;
  let from = s.sortBuf;
  let to = nodes;
  for (let k = 0; k < count; k++) {
    const i = nodes[k];
    from[k] = key[i] * n + nameRank[i];
  }
  const passes = Math.ceil(Math.log2((maxKey + 1) * n + 1) / DIGIT_BITS);
  const counts = new Int32Array(DIGIT_MASK + 2);
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += DIGIT_BITS) {
    counts.fill(0);
    for (let k = 0; k < count; k++) counts[((from[k] >>> shift) & DIGIT_MASK) + 1]++;
    for (let d = 0; d < DIGIT_MASK; d++) counts[d + 1] += counts[d];
    for (let k = 0; k < count; k++) {
      const v = from[k];
      to[counts[(v >>> shift) & DIGIT_MASK]++] = v;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  // `from` holds the sorted composites (nodes or sortBuf, depending on the number of passes).
  for (let k = 0; k < count; k++) nodes[k] = rankNode[from[k] % n];
}
