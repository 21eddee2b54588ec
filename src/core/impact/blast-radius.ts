// blastRadius: every CI a change impacts, how badly and why (rules in propagate.ts).
import {
  emptyImpactedColumns,
  IMPACT_LEVELS,
  IMPACTED_PAGE_BITS,
  type ImpactedColumns,
  type ImpactedPage,
  type BlastRadiusResult,
  type ImpactedService,
  type ImpactLevel,
  type ImpactTarget,
  type RedundancyState,
} from '../../shared/impact-types';
import { CI_CLASSES, type Ci, type CiClass } from '../../shared/model';
import type { ParsedInput } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { CmdbError } from '../graph/errors';
import { elapsedSince, nowMs } from './clock';
import { pathTo, viaOf } from './paths';
import { downPass, firstTouchAt, offer } from './propagate';
import { AT_RISK, beginEpoch, FAIL_SOFT, lostOf, DEGRADED, DOWN, NONE, byNameComparator, preferCandidate, scratchFor, touch, type Scratch } from './scratch';
import { sortByKeyThenName } from './sort';

export type BlastRadiusInput = ParsedInput<'impact.blastRadius'>;

/** An impacted CI's internal level (DOWN, DEGRADED, AT_RISK) as its index into IMPACT_LEVELS, the code results carry. */
function levelCode(lv: number): number {
  return DOWN - lv;
}
const BUSINESS_SERVICE = CI_CLASSES.indexOf('business_service');
const TECHNICAL_SERVICE = CI_CLASSES.indexOf('technical_service');

export function blastRadius(graph: CmdbGraph, input: BlastRadiusInput): BlastRadiusResult {
  const start = nowMs();
  const { scratch, targetIndex } = settleImpact(graph, input);
  return buildResult(scratch, scratch.ix, targetIndex, start);
}

/** What the three passes leave: every touched CI's level, depth and parent pointer in `scratch`. */
export interface SettledImpact {
  scratch: Scratch;
  /** Each target's CI index and its worst mode. */
  targetIndex: Map<number, 'down' | 'degraded'>;
}

/**
 * The traversal of a blast radius without building its result: levels, depths and parent pointers
 * settled in the engine's scratch space (valid until the next traversal over the same indexes).
 * blastRadius is this plus buildResult; the benchmark times it alone against a plain BFS that
 * also records parent pointers, which is what redundancy awareness costs.
 */
export function settleImpact(graph: CmdbGraph, input: BlastRadiusInput): SettledImpact {
  const ix = graph.indexes();
  const s = scratchFor(ix);
  const maxDepth = input.maxDepth ?? Number.MAX_SAFE_INTEGER;

  // Targets: a CI named twice takes its worst mode.
  const targetIndex = new Map<number, 'down' | 'degraded'>();
  input.targets.forEach((t, i) => {
    const idx = ix.indexOf.get(t.ciId);
    if (idx === undefined) throw new CmdbError('not_found', `CI ${t.ciId} does not exist`, `targets.${i}.ciId`);
    if (targetIndex.get(idx) !== 'down') targetIndex.set(idx, t.mode);
  });

  beginEpoch(s);
  const downSeeds: number[] = [];
  const degradedTargets: number[] = [];
  for (const [idx, mode] of targetIndex) {
    s.targetStamp[idx] = s.epoch;
    if (mode === 'down') {
      touch(s, idx);
      s.level[idx] = DOWN;
      downSeeds.push(idx);
    } else {
      degradedTargets.push(idx);
    }
  }

  // Pass 1: down.
  const groups: number[] = [];
  const degradedSeeds: number[] = [];
  downPass(s, downSeeds, { maxDepth, restricted: false, stopAt: -1, groupsOut: groups, softSeeds: degradedSeeds });

  // Pass 2: degraded.
  for (const t of degradedTargets) offer(s, ix, t, DEGRADED, 0, -1, -1, degradedSeeds);
  const atRiskSeeds: number[] = [];
  for (const g of groups) {
    const healthy = s.memberTotal[g] - s.lost[g];
    const k = s.minHealthy[g];
    if (healthy > k) {
      const m = s.firstLost[g];
      offer(s, ix, g, DEGRADED, s.depth[m] + 1, m, s.firstLostEdge[g], degradedSeeds);
    }
  }
  spreadPass(s, DEGRADED, degradedSeeds, maxDepth);

  // Pass 3: at_risk.
  for (const g of groups) {
    if (s.memberTotal[g] - s.lost[g] === s.minHealthy[g]) {
      const m = s.lastLost[g];
      offer(s, ix, g, AT_RISK, s.depth[m] + 1, m, s.lastLostEdge[g], atRiskSeeds);
    }
  }
  spreadPass(s, AT_RISK, atRiskSeeds, maxDepth);
  return { scratch: s, targetIndex };
}

/**
 * Passes 2 and 3: spreads level `lv` from its seeds over hard failure edges to CIs below `lv`,
 * popping in order of depth (seeds sorted by depth, merged with the FIFO frontier).
 */
function spreadPass(s: Scratch, lv: number, seedList: number[], maxDepth: number): void {
  const ix = s.ix;
  const { failOffsets, failEdges, failEnds } = ix;
  const { level, depth, parent, parentEdge, expanded, queue, failKind, stamp } = s;
  const seedCount = seedList.length;
  const seeds = seedsByDepth(s, seedList);
  let si = 0;
  let head = 0;
  let tail = 0;
  for (;;) {
    let u: number;
    if (si < seedCount && (head >= tail || depth[seeds[si]] <= depth[queue[head]])) u = seeds[si++];
    else if (head < tail) u = queue[head++];
    else break;
    if (level[u] !== lv || expanded[u] === lv) continue;
    expanded[u] = lv;
    const d = depth[u];
    if (d >= maxDepth) continue;
    const dw = d + 1;
    for (let p = failOffsets[u], end = failOffsets[u + 1]; p < end; p++) {
      if (failKind[p] === FAIL_SOFT) continue;
      const e = failEdges[p];
      const w = failEnds[p];
      if (stamp[w] !== s.epoch) {
        firstTouchAt(s, w, lv, u, e, dw);
        queue[tail++] = w;
        continue;
      }
      if (level[w] > lv) continue;
      if (level[w] < lv) {
        level[w] = lv;
        expanded[w] = 0;
        depth[w] = dw;
        parent[w] = u;
        parentEdge[w] = e;
        queue[tail++] = w;
      } else if (dw < depth[w]) {
        // w is a seed still waiting at a greater depth: this route is shorter.
        depth[w] = dw;
        parent[w] = u;
        parentEdge[w] = e;
        queue[tail++] = w;
      } else if (dw === depth[w] && preferCandidate(s, u, e, parent[w], parentEdge[w])) {
        parent[w] = u;
        parentEdge[w] = e;
      }
    }
  }
}

/**
 * The seeds in order of depth, ties in the order given, in s.sortBuf (free until the result is
 * built): a counting sort, since depths are small integers and a hub offers thousands of seeds.
 */
function seedsByDepth(s: Scratch, seeds: readonly number[]): Int32Array {
  const depth = s.depth;
  let deepest = 0;
  for (const v of seeds) if (depth[v] > deepest) deepest = depth[v];
  const starts = new Int32Array(deepest + 2);
  for (const v of seeds) starts[depth[v] + 1]++;
  for (let d = 0; d <= deepest; d++) starts[d + 1] += starts[d];
  const out = s.sortBuf;
  for (const v of seeds) out[starts[depth[v]]++] = v;
  return out;
}

function redundancyState(s: Scratch, i: number): RedundancyState | undefined {
  const k = s.minHealthy[i];
  const total = s.memberTotal[i];
  if (k <= 0 || total === 0) return undefined;
  const lost = lostOf(s, i);
  return { lost, total, needs: k, text: `lost ${lost} of ${total}, needs ${k}` };
}

/**
 * Materialises the result: the impacted CIs as paged columns (see ImpactedColumns: no object
 * per entry, which at a hub would cost more than the traversal), each with its parent pointer;
 * the few services as objects with their whole path. Each step is its own small function: V8
 * optimises a hot loop inside one large function on stack replacement and then throws that code
 * away at the first statement after the loop that never ran, which cost more than the loop.
 */
function buildResult(s: Scratch, ix: GraphIndexes, targetIndex: Map<number, 'down' | 'degraded'>, start: number): BlastRadiusResult {
  const count = orderImpacted(s);
  const impacted = emptyImpactedColumns(count);
  for (let p = 0; p < impacted.pages.length; p++) fillPage(s, impacted.pages[p], p << IMPACTED_PAGE_BITS);
  const services = rankedServices(s, count);
  const targets = [...targetIndex].map(([i, mode]): ImpactTarget => {
    const target: ImpactTarget = { ciId: ix.ciIds[i], name: ix.cis[i].name, mode };
    if (s.parent[i] >= 0) target.via = viaOf(s, s.parent[i], s.parentEdge[i]);
    return target;
  });
  return { targets, impacted: { ...impacted, redundancy: redundancyEntries(s, count) }, services, totals: totalsOf(s, count), elapsedMs: elapsedSince(start) };
}

/**
 * Puts the impacted CIs (touched, levelled, not targets) in s.sortNodes[0 .. count) in result
 * order — worst level first, then depth, then name: a counting sort by (level, depth), name order
 * inside each bucket (sort.ts) — and returns count.
 */
function orderImpacted(s: Scratch): number {
  const { level, depth, touched, sortKey, sortNodes, targetStamp, epoch } = s;
  let count = 0;
  let maxDepth = 0;
  for (let k = 0, end = s.touchedCount; k < end; k++) {
    const i = touched[k];
    if (level[i] === NONE || targetStamp[i] === epoch) continue;
    sortNodes[count++] = i;
    if (depth[i] > maxDepth) maxDepth = depth[i];
  }
  const span = maxDepth + 1;
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    sortKey[i] = levelCode(level[i]) * span + depth[i];
  }
  sortByKeyThenName(s, sortNodes, count, 3 * span - 1);
  return count;
}

/** Fills one page of columns with the ordered entries from `first` on. */
function fillPage(s: Scratch, page: ImpactedPage, first: number): void {
  const { level, depth, parent, parentEdge, sortNodes, classCode, names, criticality, relIds } = s;
  const { ciIds, relType, relStrength } = s.ix;
  // The page's code columns are the typed arrays emptyImpactedColumns made.
  const classes = page.class as Uint8Array;
  const criticalities = page.criticality as Uint8Array;
  const levels = page.level as Uint8Array;
  const depths = page.depth as Int32Array;
  const viaTypes = page.viaType as Uint8Array;
  const viaStrengths = page.viaStrength as Uint8Array;
  for (let j = 0, n = page.id.length; j < n; j++) {
    const i = sortNodes[first + j];
    const p = parent[i];
    const e = parentEdge[i];
    if (p < 0) throw new Error(`impacted CI ${ciIds[i]} has no explanation`);
    page.id[j] = ciIds[i];
    page.name[j] = names[i];
    page.viaFrom[j] = ciIds[p];
    page.viaRelationshipId[j] = relIds[e];
    classes[j] = classCode[i];
    criticalities[j] = criticality[i];
    levels[j] = levelCode(level[i]);
    depths[j] = depth[i];
    viaTypes[j] = relType[e]; // RELATIONSHIP_TYPE_CODES is RELATIONSHIP_TYPES' order
    viaStrengths[j] = relStrength[e]; // STRENGTH_HARD 0, STRENGTH_SOFT 1: STRENGTHS' order
  }
}

/** The redundancy groups among the ordered entries, by entry index. */
function redundancyEntries(s: Scratch, count: number): ImpactedColumns['redundancy'] {
  const { minHealthy, sortNodes } = s;
  const groups: ImpactedColumns['redundancy'] = [];
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    if (minHealthy[i] === 0) continue;
    const state = redundancyState(s, i);
    if (state) groups.push({ entry: k, lost: state.lost, total: state.total, needs: state.needs, text: state.text });
  }
  return groups;
}

/** Counts by level and class, through small typed arrays. */
function totalsOf(s: Scratch, count: number): BlastRadiusResult['totals'] {
  const { level, classCode, sortNodes } = s;
  const levelCounts = new Int32Array(DOWN + 1);
  const classCounts = new Int32Array(CI_CLASSES.length);
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    levelCounts[level[i]]++;
    classCounts[classCode[i]]++;
  }
  const byLevel: Record<ImpactLevel, number> = { down: levelCounts[DOWN], degraded: levelCounts[DEGRADED], at_risk: levelCounts[AT_RISK] };
  const byClass: Partial<Record<CiClass, number>> = {};
  for (let c = 0; c < CI_CLASSES.length; c++) if (classCounts[c] > 0) byClass[CI_CLASSES[c]] = classCounts[c];
  return { byLevel, byClass };
}

/**
 * The impacted services — few, so each gets its whole path — ranked by criticality, then level,
 * then name (the CMDB-wide name rank when a large result has built it, else a comparator).
 */
function rankedServices(s: Scratch, count: number): ImpactedService[] {
  const { level, depth, parent, parentEdge, sortNodes, classCode, names, criticality, minHealthy } = s;
  const ciIds = s.ix.ciIds;
  const serviceIdx: number[] = [];
  for (let k = 0; k < count; k++) {
    const code = classCode[sortNodes[k]];
    if (code === BUSINESS_SERVICE || code === TECHNICAL_SERVICE) serviceIdx.push(sortNodes[k]);
  }
  const rank = s.nameRank;
  const byName = rank ? (a: number, b: number) => rank[a] - rank[b] : byNameComparator(s, serviceIdx);
  serviceIdx.sort((a, b) => criticality[a] - criticality[b] || level[b] - level[a] || byName(a, b));
  return serviceIdx.map((i): ImpactedService => {
    const service: ImpactedService = {
      id: ciIds[i],
      name: names[i],
      class: CI_CLASSES[classCode[i]],
      criticality: criticality[i] as Ci['criticality'],
      level: IMPACT_LEVELS[levelCode(level[i])],
      depth: depth[i],
      via: viaOf(s, parent[i], parentEdge[i]),
      path: pathTo(s, i),
    };
    const redundancy = minHealthy[i] > 0 ? redundancyState(s, i) : undefined;
    if (redundancy) service.redundancy = redundancy;
    return service;
  });
}
