// blastRadius: every CI a change impacts, how badly and why (rules in propagate.ts).
import {
  emptyImpactedColumns,
  IMPACTED_PAGE_BITS,
  IMPACTED_PAGE_SIZE,
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
import { RELATIONSHIP_TYPE_CODES, STRENGTH_SOFT } from '../graph/relationship-rules';
import { elapsedSince, nowMs } from './clock';
import { pathTo, viaOf } from './paths';
import { downPass, offer } from './propagate';
import { AT_RISK, beginEpoch, DEGRADED, DOWN, NONE, byNameComparator, preferCandidate, scratchFor, touch, type Scratch } from './scratch';
import { sortByKeyThenName } from './sort';

export type BlastRadiusInput = ParsedInput<'impact.blastRadius'>;

/** Level names by internal code (index 0, NONE, is never read for an impacted CI). */
const LEVEL_NAMES: readonly ImpactLevel[] = ['at_risk', 'at_risk', 'degraded', 'down'];
const BUSINESS_SERVICE = CI_CLASSES.indexOf('business_service');
const TECHNICAL_SERVICE = CI_CLASSES.indexOf('technical_service');

export function blastRadius(graph: CmdbGraph, input: BlastRadiusInput): BlastRadiusResult {
  const start = nowMs();
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

  return buildResult(s, ix, targetIndex, start);
}

/**
 * Passes 2 and 3: spreads level `lv` from its seeds over hard failure edges to CIs below `lv`,
 * popping in order of depth (seeds sorted by depth, merged with the FIFO frontier).
 */
function spreadPass(s: Scratch, lv: number, seeds: number[], maxDepth: number): void {
  const ix = s.ix;
  const { failOffsets, failEdges, failEnds, relStrength } = ix;
  const { level, depth, parent, parentEdge, expanded, queue } = s;
  seeds.sort((a, b) => depth[a] - depth[b]);
  let si = 0;
  let head = 0;
  let tail = 0;
  for (;;) {
    let u: number;
    if (si < seeds.length && (head >= tail || depth[seeds[si]] <= depth[queue[head]])) u = seeds[si++];
    else if (head < tail) u = queue[head++];
    else break;
    if (expanded[u] === lv || level[u] !== lv) continue;
    expanded[u] = lv;
    const d = depth[u];
    if (d >= maxDepth) continue;
    const dw = d + 1;
    for (let p = failOffsets[u], end = failOffsets[u + 1]; p < end; p++) {
      const e = failEdges[p];
      if (relStrength[e] === STRENGTH_SOFT) continue;
      const w = failEnds[p];
      touch(s, w);
      if (level[w] > lv) continue;
      if (level[w] < lv) {
        level[w] = lv;
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

function redundancyState(s: Scratch, i: number): RedundancyState | undefined {
  const k = s.minHealthy[i];
  const total = s.memberTotal[i];
  if (k <= 0 || total === 0) return undefined;
  const lost = s.lost[i];
  return { lost, total, needs: k, text: `lost ${lost} of ${total}, needs ${k}` };
}

/**
 * Materialises the result: the impacted CIs as paged columns (see ImpactedColumns: no object
 * per entry, which at a hub would cost more than the traversal), each with its parent pointer;
 * the few services as objects with their whole path. Order: a counting sort by (level, depth),
 * name order inside each bucket (sort.ts). Counts by level and class go through small typed arrays.
 */
function buildResult(s: Scratch, ix: GraphIndexes, targetIndex: Map<number, 'down' | 'degraded'>, start: number): BlastRadiusResult {
  const { level, depth, parent, parentEdge, touched, sortKey, sortNodes, classCode } = s;
  const { cis, ciIds, relType, relStrength } = ix;
  let count = 0;
  let maxDepth = 0;
  for (let k = 0, end = s.touchedCount; k < end; k++) {
    const i = touched[k];
    if (level[i] === NONE || targetIndex.has(i)) continue;
    sortNodes[count++] = i;
    if (depth[i] > maxDepth) maxDepth = depth[i];
  }
  // Key: worst level first (DOWN → 0), then depth.
  const span = maxDepth + 1;
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    sortKey[i] = (DOWN - level[i]) * span + depth[i];
  }
  sortByKeyThenName(s, sortNodes, count, 3 * span - 1);

  const { names, criticality, relIds, minHealthy } = s;
  const columns = emptyImpactedColumns(count);
  const levelCounts = new Int32Array(DOWN + 1);
  const classCounts = new Int32Array(CI_CLASSES.length);
  const serviceNodes: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = sortNodes[k];
    const lv = level[i];
    const p = parent[i];
    const e = parentEdge[i];
    if (p < 0) throw new Error(`impacted CI ${ciIds[i]} has no explanation`);
    const code = classCode[i];
    const page = columns.pages[k >> IMPACTED_PAGE_BITS];
    const j = k & (IMPACTED_PAGE_SIZE - 1);
    page.id[j] = ciIds[i];
    page.name[j] = names[i];
    page.class[j] = CI_CLASSES[code];
    page.criticality[j] = criticality[i] as Ci['criticality'];
    page.level[j] = LEVEL_NAMES[lv];
    page.depth[j] = depth[i];
    page.viaFrom[j] = ciIds[p];
    page.viaRelationshipId[j] = relIds[e];
    page.viaType[j] = RELATIONSHIP_TYPE_CODES[relType[e]];
    page.viaStrength[j] = relStrength[e] === STRENGTH_SOFT ? 'soft' : 'hard';
    if (minHealthy[i] > 0) {
      const redundancy = redundancyState(s, i);
      if (redundancy) columns.redundancy.push({ entry: k, ...redundancy });
    }
    levelCounts[lv]++;
    classCounts[code]++;
    if (code === BUSINESS_SERVICE || code === TECHNICAL_SERVICE) serviceNodes.push(k);
  }

  const byLevel: Record<ImpactLevel, number> = { down: levelCounts[DOWN], degraded: levelCounts[DEGRADED], at_risk: levelCounts[AT_RISK] };
  const byClass: Partial<Record<CiClass, number>> = {};
  for (let c = 0; c < CI_CLASSES.length; c++) if (classCounts[c] > 0) byClass[CI_CLASSES[c]] = classCounts[c];

  // Services: few, so each gets its whole path; ranked by criticality, then level, then name.
  // Name order: the CMDB-wide rank when a large result has built it, else a comparator.
  const serviceIdx = serviceNodes.map((k) => sortNodes[k]);
  const rank = s.nameRank;
  const byName = rank ? (a: number, b: number) => rank[a] - rank[b] : byNameComparator(s, serviceIdx);
  serviceIdx.sort((a, b) => criticality[a] - criticality[b] || level[b] - level[a] || byName(a, b));
  const services = serviceIdx.map((i): ImpactedService => {
    const service: ImpactedService = {
      id: ciIds[i],
      name: names[i],
      class: CI_CLASSES[classCode[i]],
      criticality: criticality[i] as Ci['criticality'],
      level: LEVEL_NAMES[level[i]],
      depth: depth[i],
      via: viaOf(s, parent[i], parentEdge[i]),
      path: pathTo(s, i),
    };
    const redundancy = minHealthy[i] > 0 ? redundancyState(s, i) : undefined;
    if (redundancy) service.redundancy = redundancy;
    return service;
  });
  const targets = [...targetIndex].map(([i, mode]): ImpactTarget => {
    const target: ImpactTarget = { ciId: ciIds[i], name: cis[i].name, mode };
    if (parent[i] >= 0) target.via = viaOf(s, parent[i], parentEdge[i]);
    return target;
  });
  return { targets, impacted: columns, services, totals: { byLevel, byClass }, elapsedMs: elapsedSince(start) };
}
