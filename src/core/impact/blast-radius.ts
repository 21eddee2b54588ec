// blastRadius: every CI a change impacts, how badly and why (rules in propagate.ts).
import type { BlastRadiusResult, ImpactedCi, ImpactLevel, RedundancyState } from '../../shared/impact-types';
import type { CiClass } from '../../shared/model';
import type { ParsedInput } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { CmdbError } from '../graph/errors';
import { FAILS_TARGET_TO_SOURCE, STRENGTH_SOFT } from '../graph/relationship-rules';
import { elapsedSince, nowMs } from './clock';
import { PathBuilder } from './paths';
import { downPass } from './propagate';
import { AT_RISK, beginEpoch, DEGRADED, DOWN, byNameComparator, preferCandidate, scratchFor, touch, type Scratch } from './scratch';

export type BlastRadiusInput = ParsedInput<'impact.blastRadius'>;

const LEVEL_NAMES: readonly (ImpactLevel | null)[] = [null, 'at_risk', 'degraded', 'down'];
const SERVICE_CLASSES: ReadonlySet<CiClass> = new Set<CiClass>(['business_service', 'technical_service']);

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
  const softOut: number[] = [];
  const groups: number[] = [];
  downPass(s, downSeeds, { maxDepth, restricted: false, stopAt: -1, softOut, groupsOut: groups });

  // Pass 2: degraded.
  const degradedSeeds: number[] = [];
  for (const t of degradedTargets) offer(s, ix, t, DEGRADED, 0, -1, -1, degradedSeeds);
  for (let i = 0; i < softOut.length; i += 3) {
    const u = softOut[i + 2];
    offer(s, ix, softOut[i], DEGRADED, s.depth[u] + 1, u, softOut[i + 1], degradedSeeds);
  }
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

/** Offers `w` the level `lv` at depth `dw` via (u, e) as a seed of a pass; keeps the better offer. */
function offer(s: Scratch, ix: GraphIndexes, w: number, lv: number, dw: number, u: number, e: number, seeds: number[]): void {
  touch(s, w);
  if (s.level[w] > lv) return;
  if (s.level[w] < lv) {
    s.level[w] = lv;
    s.depth[w] = dw;
    s.parent[w] = u;
    s.parentEdge[w] = e;
    seeds.push(w);
  } else if (dw < s.depth[w] || (dw === s.depth[w] && preferCandidate(ix, u, e, s.parent[w], s.parentEdge[w]))) {
    s.depth[w] = dw;
    s.parent[w] = u;
    s.parentEdge[w] = e;
  }
}

/**
 * Passes 2 and 3: spreads level `lv` from its seeds over hard failure edges to CIs below `lv`,
 * popping in order of depth (seeds sorted by depth, merged with the FIFO frontier).
 */
function spreadPass(s: Scratch, lv: number, seeds: number[], maxDepth: number): void {
  const ix = s.ix;
  const { outOffsets, outEdges, inOffsets, inEdges, relSource, relTarget, relType, relStrength } = ix;
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
    for (let dir = 0; dir < 2; dir++) {
      const offsets = dir === 0 ? inOffsets : outOffsets;
      const edges = dir === 0 ? inEdges : outEdges;
      const ends = dir === 0 ? relSource : relTarget;
      const wanted = dir === 0 ? 1 : 0;
      for (let p = offsets[u], end = offsets[u + 1]; p < end; p++) {
        const e = edges[p];
        if (FAILS_TARGET_TO_SOURCE[relType[e]] !== wanted || relStrength[e] === STRENGTH_SOFT) continue;
        const w = ends[e];
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
        } else if (dw === depth[w] && preferCandidate(ix, u, e, parent[w], parentEdge[w])) {
          parent[w] = u;
          parentEdge[w] = e;
        }
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

function buildResult(s: Scratch, ix: GraphIndexes, targetIndex: Map<number, 'down' | 'degraded'>, start: number): BlastRadiusResult {
  const { level, depth } = s;
  // Sort node indexes on the typed arrays (no per-comparison allocation), then materialise.
  const order: number[] = [];
  for (const i of s.touched) if (level[i] !== 0 && !targetIndex.has(i)) order.push(i);
  const byName = byNameComparator(s, order);
  order.sort((a, b) => level[b] - level[a] || depth[a] - depth[b] || byName(a, b));

  const impacted: ImpactedCi[] = new Array(order.length);
  const serviceOrder: number[] = [];
  const serviceEntry = new Map<number, ImpactedCi>();
  const byLevel: Record<ImpactLevel, number> = { down: 0, degraded: 0, at_risk: 0 };
  const byClass: Partial<Record<CiClass, number>> = {};
  const paths = new PathBuilder(s);
  try {
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const levelName = LEVEL_NAMES[level[i]] as ImpactLevel;
      const ci = ix.cis[i];
      const { path, steps } = paths.explain(i);
      const entry: ImpactedCi = {
        id: ci.id,
        name: ci.name,
        class: ci.class,
        criticality: ci.criticality,
        level: levelName,
        depth: depth[i],
        path,
        steps,
      };
      const redundancy = redundancyState(s, i);
      if (redundancy) entry.redundancy = redundancy;
      impacted[k] = entry;
      byLevel[levelName]++;
      byClass[ci.class] = (byClass[ci.class] ?? 0) + 1;
      if (SERVICE_CLASSES.has(ci.class)) {
        serviceOrder.push(i);
        serviceEntry.set(i, entry);
      }
    }
  } finally {
    paths.release();
  }
  serviceOrder.sort((a, b) => ix.cis[a].criticality - ix.cis[b].criticality || level[b] - level[a] || byName(a, b));
  const services = serviceOrder.map((i) => serviceEntry.get(i) as ImpactedCi);
  const targets = [...targetIndex].map(([i, mode]) => ({ ciId: ix.ciIds[i], name: ix.cis[i].name, mode }));
  return { targets, impacted, services, totals: { byLevel, byClass }, elapsedMs: elapsedSince(start) };
}
