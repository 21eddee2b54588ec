// Per-graph working memory for traversals. Allocated once per GraphIndexes object (which the
// CmdbGraph caches until the next edit) and reused by every call: a node's slots are valid only
// when its stamp equals the current epoch, so a call never clears O(n) memory and its cost
// grows with the part of the graph it touches, not with the CMDB.
import type { GraphIndexes } from '../graph/csr-index';
import { RELATIONSHIP_CODE, STRENGTH_HARD } from '../graph/relationship-rules';
import { CI_CLASSES } from '../../shared/model';
import { compareText } from './order';

export const MEMBER_OF_CODE = RELATIONSHIP_CODE.member_of;

/** failKind codes: how a failure crosses failure-adjacency slot p (see Scratch.failKind). */
export const FAIL_HARD = 0;
export const FAIL_SOFT = 1;
/** A hard member_of into a CI with a redundancy rule: the member counts towards its quorum. */
export const FAIL_QUORUM = 2;

/** Internal level codes; higher is worse. */
export const NONE = 0;
export const AT_RISK = 1;
export const DEGRADED = 2;
export const DOWN = 3;

export interface Scratch {
  readonly ix: GraphIndexes;
  /** `redundancy.minHealthy` of each CI, 0 when it has no redundancy rule. */
  readonly minHealthy: Int32Array;
  /** How many hard member_of relationships end at each CI (its counted members, n in "lost m of n"). */
  readonly memberTotal: Int32Array;
  /** Index of each CI's class in CI_CLASSES (for counting by class without string keys). */
  readonly classCode: Uint8Array;
  /**
   * CI names, criticalities and relationship ids in flat arrays: building a result reads these
   * instead of visiting one Ci / Relationship object per entry.
   */
  readonly names: readonly string[];
  readonly criticality: Uint8Array;
  readonly relIds: readonly string[];
  /**
   * For each slot p of the failure adjacency (ix.failEdges[p]), FAIL_HARD, FAIL_SOFT or
   * FAIL_QUORUM: read in the same order as failEnds, so a traversal never looks up the edge's
   * type and strength (or the far end's redundancy rule) at a random place in memory.
   */
  readonly failKind: Uint8Array;
  /** Each CI's place in id order (UTF-16 code units): the tie-break compares integers, not strings. */
  readonly idRank: Int32Array;
  epoch: number;
  readonly stamp: Uint32Array;
  readonly level: Uint8Array;
  readonly depth: Int32Array;
  /** Parent pointer of the explanation path for the node's current level: node and edge, -1 at a target. */
  readonly parent: Int32Array;
  readonly parentEdge: Int32Array;
  /**
   * The phase (2 or 3) in which a node was expanded; 0 when not yet. Reset whenever a node's level is
   * raised to degraded or at_risk (offer, spreadPass), the only levels whose phases read it.
   */
  readonly expanded: Uint8Array;
  /** Redundancy bookkeeping: members lost, and the lost member that explains the first and the last loss. */
  readonly lost: Int32Array;
  /** Equal to `epoch` when `lost` holds this traversal's count (see lostOf): only groups pay for resetting it. */
  readonly lostEpoch: Uint32Array;
  readonly firstLost: Int32Array;
  readonly firstLostEdge: Int32Array;
  readonly lastLost: Int32Array;
  readonly lastLostEdge: Int32Array;
  /** FIFO queue; each phase pushes a node at most once. */
  readonly queue: Int32Array;
  /** Nodes touched in the current epoch, in first-touch order: touched[0 .. touchedCount). */
  readonly touched: Int32Array;
  touchedCount: number;
  /** Work arrays for ordering results (see sort.ts); sortBuf also holds the seeds of a spreading pass, ordered by depth. */
  readonly sortNodes: Int32Array;
  readonly sortBuf: Int32Array;
  readonly sortKey: Int32Array;
  /** Lower-cased CI names for sorting, filled on demand (a CI's name is fixed for these indexes). */
  readonly lowerName: (string | undefined)[];
  /**
   * Every CI's place in (lower-cased name, name, id) order and its inverse, built on the first
   * large result (sort.ts) and kept for these indexes; null until then.
   */
  nameRank: Int32Array | null;
  rankNode: Int32Array | null;
  /** Equal to `epoch` on the targets of the current blast radius (which its result does not list). */
  readonly targetStamp: Uint32Array;
  /** A second stamp marking the nodes a restricted traversal may enter (SPOF). */
  allowEpoch: number;
  readonly allowStamp: Uint32Array;
}

const cache = new WeakMap<GraphIndexes, Scratch>();

export function scratchFor(ix: GraphIndexes): Scratch {
  let s = cache.get(ix);
  if (!s) {
    s = createScratch(ix);
    cache.set(ix, s);
  }
  return s;
}

function createScratch(ix: GraphIndexes): Scratch {
  const n = ix.n;
  const minHealthy = new Int32Array(n);
  const classCode = new Uint8Array(n);
  const names = new Array<string>(n);
  const criticality = new Uint8Array(n);
  const codeOf = new Map<string, number>(CI_CLASSES.map((c, k) => [c, k]));
  for (let i = 0; i < n; i++) {
    const ci = ix.cis[i];
    minHealthy[i] = ci.redundancy?.minHealthy ?? 0;
    classCode[i] = codeOf.get(ci.class) ?? 0;
    names[i] = ci.name;
    criticality[i] = ci.criticality;
  }
  const byId = Array.from({ length: n }, (_, i) => i);
  byId.sort((a, b) => compareText(ix.ciIds[a], ix.ciIds[b]));
  const idRank = new Int32Array(n);
  for (let r = 0; r < n; r++) idRank[byId[r]] = r;
  const relIds = new Array<string>(ix.m);
  for (let e = 0; e < ix.m; e++) relIds[e] = ix.relationships[e].id;
  const memberTotal = new Int32Array(n);
  for (let e = 0; e < ix.m; e++) {
    if (ix.relType[e] === MEMBER_OF_CODE && ix.relStrength[e] === STRENGTH_HARD) memberTotal[ix.relTarget[e]]++;
  }
  const failKind = new Uint8Array(ix.m);
  for (let p = 0; p < ix.m; p++) {
    const e = ix.failEdges[p];
    if (ix.relStrength[e] !== STRENGTH_HARD) failKind[p] = FAIL_SOFT;
    else if (ix.relType[e] === MEMBER_OF_CODE && minHealthy[ix.failEnds[p]] > 0) failKind[p] = FAIL_QUORUM;
  }
  return {
    ix,
    minHealthy,
    failKind,
    memberTotal,
    classCode,
    names,
    criticality,
    relIds,
    idRank,
    epoch: 0,
    stamp: new Uint32Array(n),
    level: new Uint8Array(n),
    depth: new Int32Array(n),
    parent: new Int32Array(n),
    parentEdge: new Int32Array(n),
    expanded: new Uint8Array(n),
    lost: new Int32Array(n),
    lostEpoch: new Uint32Array(n),
    firstLost: new Int32Array(n),
    firstLostEdge: new Int32Array(n),
    lastLost: new Int32Array(n),
    lastLostEdge: new Int32Array(n),
    queue: new Int32Array(n),
    touched: new Int32Array(n),
    touchedCount: 0,
    sortNodes: new Int32Array(n),
    sortBuf: new Int32Array(n),
    sortKey: new Int32Array(n),
    lowerName: new Array<string | undefined>(n),
    nameRank: null,
    rankNode: null,
    targetStamp: new Uint32Array(n),
    allowEpoch: 0,
    allowStamp: new Uint32Array(n),
  };
}

/** Starts a new traversal: every node becomes untouched in O(1). */
export function beginEpoch(s: Scratch): void {
  if (s.epoch >= 0xfffffffe) {
    s.stamp.fill(0);
    s.targetStamp.fill(0);
    s.lostEpoch.fill(0);
    s.epoch = 0;
  }
  s.epoch++;
  s.touchedCount = 0;
}

/** Makes node i's slots valid for this epoch (resetting them on first touch). */
export function touch(s: Scratch, i: number): void {
  if (s.stamp[i] === s.epoch) return;
  s.stamp[i] = s.epoch;
  s.level[i] = NONE;
  s.depth[i] = 0;
  s.parent[i] = -1;
  s.parentEdge[i] = -1;
  s.touched[s.touchedCount++] = i;
}

/** Members redundancy group g has lost in this traversal. */
export function lostOf(s: Scratch, g: number): number {
  return s.lostEpoch[g] === s.epoch ? s.lost[g] : 0;
}

export function isTouched(s: Scratch, i: number): boolean {
  return s.stamp[i] === s.epoch;
}

/** Starts a new allowed set for restricted traversals. */
export function beginAllowed(s: Scratch): void {
  if (s.allowEpoch >= 0xfffffffe) {
    s.allowStamp.fill(0);
    s.allowEpoch = 0;
  }
  s.allowEpoch++;
}

/**
 * Deterministic tie-break between two explanations of equal length: the one whose parent CI id,
 * then relationship id, sorts first. Makes paths independent of the insertion order of CIs and
 * relationships (which decides the CSR edge order).
 */
export function preferCandidate(s: Scratch, candParent: number, candEdge: number, curParent: number, curEdge: number): boolean {
  if (curParent < 0) return false;
  if (candParent < 0) return true;
  if (candParent !== curParent) return s.idRank[candParent] < s.idRank[curParent];
  return s.relIds[candEdge] < s.relIds[curEdge];
}

/**
 * A comparator of node indexes by name (case-insensitive, then exact) then id, for `nodes`:
 * lower-cased names are cached per indexes, so a comparison allocates nothing.
 */
export function byNameComparator(s: Scratch, nodes: ArrayLike<number>): (a: number, b: number) => number {
  const lower = s.lowerName;
  const { cis, ciIds } = s.ix;
  for (let k = 0; k < nodes.length; k++) {
    const i = nodes[k];
    if (lower[i] === undefined) lower[i] = cis[i].name.toLowerCase();
  }
  return (a, b) =>
    compareText(lower[a] as string, lower[b] as string) || compareText(cis[a].name, cis[b].name) || compareText(ciIds[a], ciIds[b]);
}
