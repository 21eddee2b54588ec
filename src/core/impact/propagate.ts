// The propagation rules of ARCHITECTURE.md ("Relationship", "Impact levels") over the CSR indexes.
//
// Failure direction per type code (FAILS_TARGET_TO_SOURCE): when CI v fails,
//   - for depends_on / runs_on / hosted_on / connects_to the sources of v's IN-edges are hurt;
//   - for member_of / part_of the targets of v's OUT-edges are hurt.
//
// Levels (down > degraded > at_risk) are settled in three passes, worst level first, so every
// node's level only ever rises and each pass finalises its level before the next one starts:
//   1. down     — from `down` targets over hard edges; a redundancy group (a CI with
//                 redundancy.minHealthy = k) goes down when fewer than k of its members are healthy.
//                 Nothing weaker than down can make anything down, so this pass needs nothing else.
//   2. degraded — seeds: `degraded` targets, CIs one soft edge away from a down CI (a soft edge
//                 turns down into degraded), and redundancy groups that lost members but keep more
//                 than k healthy. Passes on over hard edges, stops at soft ones.
//   3. at_risk  — seeds: redundancy groups left with exactly k healthy members. Passes on over hard
//                 edges as at_risk and stops at soft ones, like degraded (see DECISIONS below).
// Each pass is a breadth-first search that pops nodes in order of depth (multi-source seeds are
// merged by depth), so depths are shortest for the final level; ties between equally short
// explanations go to the parent with the smallest CI id, then relationship id.
//
// DECISIONS (where ARCHITECTURE.md says nothing or is open to more than one reading):
//   - at_risk propagates over hard edges as at_risk (and stops at soft ones). ARCHITECTURE.md does
//     not say; for a change advisory board the safe reading is that whatever stands on a group with
//     no spare member left is itself one failure away from down, and the issue expects a service on
//     a replicated database to show "amber or yellow", which needs at_risk to reach the service.
//   - Redundancy rule of a group with k = minHealthy, n = hard member_of relationships into it,
//     m = members lost: n - m < k → down; m > 0 and n - m = k → at_risk; m > 0 and n - m > k →
//     degraded (as written). Note that this makes losing a further member lower a group from
//     degraded to at_risk. The rule is applied when a member is lost (a group with k > n is not down
//     on its own account while nothing is lost).
//   - Only hard member_of relationships make members of the quorum: a member is lost when it is down
//     over a hard member_of. A soft member is not counted in n; when it is down the group is degraded
//     (soft turns down into degraded), like any soft edge. (Same reading as test/support/reference-impact.ts.)
//   - A degraded (or at_risk) member is not lost; over a hard member_of it makes the group at least
//     degraded (or at_risk), like any hard edge; the group takes the worst of that and its rule.
//   - A group without a redundancy rule: member_of is an ordinary edge of its strength (hard: any
//     member down → group down). Without a stated k nothing says a member may be spared, and for a
//     CAB reporting the group down is the safe reading.
//   - Path of a group brought down (or to at_risk) by its rule: through the lost member whose loss
//     tipped it (the deepest one at that moment); degraded by its rule: through the first member
//     lost. The group's `redundancy` field tells the rest ("lost 2 of 3, needs 2").
//   - Targets: a CI named twice takes its worst mode; a `degraded` target that another target takes
//     down is down (and passes down on). Targets are never listed in `impacted` or `services`.
//   - maxDepth: CIs at depth maxDepth are reported but not expanded; a member at depth maxDepth is
//     therefore not counted as lost by its group (the group would sit at maxDepth + 1).
import type { GraphIndexes } from '../graph/csr-index';
import { DEGRADED, DOWN, FAIL_HARD, FAIL_QUORUM, FAIL_SOFT, isTouched, preferCandidate, touch, type Scratch } from './scratch';

export interface DownPassOptions {
  maxDepth: number;
  /** Only nodes whose allowStamp equals allowEpoch may be entered (SPOF restriction). */
  restricted: boolean;
  /** Stop as soon as this node goes down (-1: never). */
  stopAt: number;
  /** Receives every redundancy group that lost a member. */
  groupsOut: number[] | null;
  /**
   * When set, the far end of every soft failure edge out of an expanded down node is offered
   * `degraded` (a soft edge turns down into degraded) and lands here as a seed of pass 2.
   */
  softSeeds: number[] | null;
}

/**
 * Pass 1: the set of CIs that go down, from the down seeds already placed at depth 0 with
 * level DOWN (the caller touches them). Returns the number of nodes in `s.queue` (the down
 * nodes in BFS order) and whether `stopAt` went down (the search then ends after the layer
 * that reached it).
 */
export function downPass(s: Scratch, seeds: readonly number[], opts: DownPassOptions): { count: number; reachedStop: boolean } {
  const ix = s.ix;
  const { failOffsets, failEdges, failEnds } = ix;
  const { level, depth, queue, allowStamp, failKind, stamp } = s;
  const { maxDepth, restricted, stopAt, groupsOut, softSeeds } = opts;
  const allowEpoch = s.allowEpoch;
  let head = 0;
  let tail = 0;
  for (const t of seeds) queue[tail++] = t;
  if (stopAt >= 0 && isTouched(s, stopAt) && level[stopAt] === DOWN) return { count: tail, reachedStop: true };

  // Once stopAt is down at depth D, the rest of depth D-1 is still expanded so that the tie-break
  // between equally short explanations sees every candidate (results must not depend on edge order).
  let stopDepth = -1;
  while (head < tail) {
    const u = queue[head++];
    const d = depth[u];
    if (stopDepth >= 0 && d >= stopDepth) break;
    if (d >= maxDepth) continue;
    for (let p = failOffsets[u], end = failOffsets[u + 1]; p < end; p++) {
      const w = failEnds[p];
      if (restricted && allowStamp[w] !== allowEpoch) continue;
      const kind = failKind[p];
      if (kind === FAIL_SOFT) {
        // Offered now, settled by pass 2: should w still go down later in this pass, relaxDown
        // overwrites the offer (down outranks degraded), and pass 2 skips seeds no longer degraded.
        if (softSeeds) offer(s, ix, w, DEGRADED, d + 1, u, failEdges[p], softSeeds);
        continue;
      }
      if (kind === FAIL_HARD && stamp[w] !== s.epoch) {
        // The common case, inlined: a CI not yet touched in this traversal goes down here.
        firstTouchDown(s, w, u, failEdges[p], d + 1);
        queue[tail++] = w;
        if (w === stopAt) stopDepth = d + 1;
        continue;
      }
      const wentDown =
        kind === FAIL_QUORUM ? loseMember(s, w, u, failEdges[p], d, groupsOut) : relaxDown(s, ix, w, u, failEdges[p], d + 1);
      if (wentDown) {
        queue[tail++] = w;
        if (w === stopAt) stopDepth = depth[w];
      }
    }
  }
  return { count: tail, reachedStop: stopDepth >= 0 };
}

/** Offers `w` the level `lv` at depth `dw` via (u, e) as a seed of a pass; keeps the better offer. */
export function offer(s: Scratch, ix: GraphIndexes, w: number, lv: number, dw: number, u: number, e: number, seeds: number[]): void {
  if (s.stamp[w] !== s.epoch) {
    firstTouchAt(s, w, lv, u, e, dw);
    seeds.push(w);
    return;
  }
  if (s.level[w] > lv) return;
  if (s.level[w] < lv) {
    s.level[w] = lv;
    s.expanded[w] = 0;
    s.depth[w] = dw;
    s.parent[w] = u;
    s.parentEdge[w] = e;
    seeds.push(w);
  } else if (dw < s.depth[w] || (dw === s.depth[w] && preferCandidate(s, u, e, s.parent[w], s.parentEdge[w]))) {
    s.depth[w] = dw;
    s.parent[w] = u;
    s.parentEdge[w] = e;
  }
}

/** touch() and relaxDown() in one for a CI `w` not yet touched in this epoch: it goes down at depth `dw` via (u, e). */
function firstTouchDown(s: Scratch, w: number, u: number, e: number, dw: number): void {
  s.stamp[w] = s.epoch;
  s.level[w] = DOWN;
  s.depth[w] = dw;
  s.parent[w] = u;
  s.parentEdge[w] = e;
  s.touched[s.touchedCount++] = w;
}

/**
 * touch() and a raise to `lv` (degraded or at_risk) in one for a CI `w` not yet touched in this
 * epoch, at depth `dw` via (u, e); its phase slot is reset, as on every raise to those levels.
 */
export function firstTouchAt(s: Scratch, w: number, lv: number, u: number, e: number, dw: number): void {
  s.stamp[w] = s.epoch;
  s.level[w] = lv;
  s.expanded[w] = 0;
  s.depth[w] = dw;
  s.parent[w] = u;
  s.parentEdge[w] = e;
  s.touched[s.touchedCount++] = w;
}

/** Offers `w` down at depth `dw` via (u, e). Returns true when w newly went down (push it). */
function relaxDown(s: Scratch, ix: GraphIndexes, w: number, u: number, e: number, dw: number): boolean {
  touch(s, w);
  if (s.level[w] !== DOWN) {
    s.level[w] = DOWN;
    s.depth[w] = dw;
    s.parent[w] = u;
    s.parentEdge[w] = e;
    return true;
  }
  if (s.depth[w] === dw && preferCandidate(s, u, e, s.parent[w], s.parentEdge[w])) {
    s.parent[w] = u;
    s.parentEdge[w] = e;
  }
  return false;
}

/** Member u (down, depth d) is lost by redundancy group g over hard member_of e. True when g newly went down. */
function loseMember(s: Scratch, g: number, u: number, e: number, d: number, groupsOut: number[] | null): boolean {
  const ix = s.ix;
  touch(s, g);
  if (s.lostEpoch[g] !== s.epoch) {
    // g's first loss in this traversal; firstLost / lastLost are only read once it has one.
    s.lostEpoch[g] = s.epoch;
    s.lost[g] = 0;
    if (groupsOut) groupsOut.push(g);
    s.firstLost[g] = u;
    s.firstLostEdge[g] = e;
    s.lastLost[g] = u;
    s.lastLostEdge[g] = e;
  } else {
    // Losses arrive in order of depth: the first arrival is the shallowest, the latest the deepest.
    const first = s.firstLost[g];
    if (s.depth[first] === d && preferCandidate(s, u, e, first, s.firstLostEdge[g])) {
      s.firstLost[g] = u;
      s.firstLostEdge[g] = e;
    }
    const last = s.lastLost[g];
    if (s.depth[last] < d || (s.depth[last] === d && preferCandidate(s, u, e, last, s.lastLostEdge[g]))) {
      s.lastLost[g] = u;
      s.lastLostEdge[g] = e;
    }
  }
  s.lost[g]++;
  if (s.memberTotal[g] - s.lost[g] < s.minHealthy[g]) {
    const tip = s.lastLost[g];
    return relaxDown(s, ix, g, tip, s.lastLostEdge[g], s.depth[tip] + 1);
  }
  return false;
}

