// Impact figures for one generated CMDB: index build, blast radius (redundancy-aware, with paths)
// over random targets and the largest hubs, a 20-CI change set, the plain typed-array BFS on the
// same targets, SPOF for 20 services, memory; then the same closures with Cytoscape headless and
// graphology, with a check that every method agrees on the impacted set.
import { explanationPath, impactedList, impactIndex, type BlastRadiusResult } from '../../src/shared/impact-types';
import type { CmdbDocument } from '../../src/shared/model';
import { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import type { GraphIndexes } from '../../src/core/graph/csr-index';
import { blastRadius, settleImpact, singlePointsOfFailure } from '../../src/core/impact/index';
import { mulberry32 } from '../support/synthetic-cmdb';
import { buildCytoscape, buildGraphology, type PeerGraph } from './peers';
import { failureFanOut, PlainReach } from './plain-bfs';
import { collectGarbage, mean, median, memoryMb, summarize, time, timedRuns, type Summary } from './stats';

export interface TargetSetFigures {
  /** Blast radius (redundancy-aware; parent pointers for every CI, whole paths for services), median of `repeats` runs per target. */
  faultline: Summary;
  /** Plain typed-array BFS reachability on the same targets. */
  plain: Summary;
  /** Median over targets of (blast radius time / plain time). */
  awareOverPlain: number;
  /** The redundancy-aware traversal alone (settleImpact: levels, depths, parent pointers; no result built). */
  traversal: Summary;
  /** Median over targets of (traversal time / plain time): what redundancy awareness itself costs. */
  traversalOverPlain: number;
  /** Mean CPU time per call (process CPU, all threads): a cross-check when the machine is busy. */
  faultlineCpuMs: number;
  plainCpuMs: number;
  /**
   * Per target, the least CPU time of its `repeats` runs (process CPU, all threads, so GC is
   * included): on a machine loaded by other work this is the steadiest figure.
   */
  faultlineCpuMin: Summary;
  plainCpuMin: Summary;
  /** Targets whose every impacted CI's explanation, rebuilt from `via` pointers, starts at the target and ends at the CI. */
  explained: number;
  impactedAware: Summary;
  reachedPlain: Summary;
}

export interface PeerFigures {
  name: string;
  buildMs: number;
  memoryMb: number;
  random: Summary;
  hubs: Summary;
  /** Mean CPU time per hub closure. */
  hubsCpuMs: number;
  /** Runs per target (the figures are each target's median). */
  repeats: number;
  /** Targets whose closure equals the plain BFS closure. */
  agree: number;
  checked: number;
}

export interface ImpactFigures {
  cis: number;
  relationships: number;
  graphBuildMs: number;
  indexBuildMs: number;
  /** JS heap taken by the CmdbGraph maps and index arrays of ids (the document itself excluded). */
  graphHeapMb: number;
  /** Typed arrays of the CSR indexes. */
  indexArraysMb: number;
  /** What the impact engine's scratch space and caches add after the runs above. */
  impactScratchMb: number;
  random: TargetSetFigures;
  hubs: TargetSetFigures;
  hubFanOut: Summary;
  changeSet: { faultline: Summary; plain: Summary; impacted: Summary };
  spof: { times: Summary; found: Summary };
  /** blastRadius on the graph with no redundancy and every edge hard = plain BFS? */
  strippedAgree: number;
  strippedChecked: number;
  /** Redundancy-aware impacted set within the plain closure? */
  awareWithinPlain: number;
  peers: PeerFigures[];
}

const REPEATS = 5;

function randomDistinct(random: () => number, n: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n)) chosen.add(Math.floor(random() * n));
  return [...chosen];
}

function closureSet(ix: GraphIndexes, plain: PlainReach, start: number): Set<string> {
  const count = plain.run([start]);
  const ids = new Set<string>();
  for (let i = 0; i < count; i++) ids.add(ix.ciIds[plain.queue[i]]);
  return ids;
}

function sameSet(a: Set<string>, b: readonly string[]): boolean {
  if (a.size !== new Set(b).size) return false;
  for (const id of b) if (!a.has(id)) return false;
  return true;
}

/** Every impacted CI's explanation, rebuilt from `via` pointers through one index, runs from `target` to the CI. */
function explainsAll(result: BlastRadiusResult, target: string): boolean {
  const index = impactIndex(result);
  return impactedList(result.impacted).every((c) => {
    const e = explanationPath(index, c.id);
    return e !== null && e.path[0] === target && e.path[e.path.length - 1] === c.id && e.steps.length === c.depth;
  });
}

function measureTargets(graph: CmdbGraph, plain: PlainReach, ix: GraphIndexes, targets: readonly number[]): TargetSetFigures {
  const aware: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  const traversal: number[] = [];
  const traversalRatios: number[] = [];
  const impacted: number[] = [];
  const reached: number[] = [];
  const cpuAware: number[] = [];
  const cpuPlain: number[] = [];
  const cpuMinAware: number[] = [];
  const cpuMinPlain: number[] = [];
  let explained = 0;
  for (const t of targets) {
    const input = { targets: [{ ciId: ix.ciIds[t], mode: 'down' as const }] };
    const a = timedRuns(() => blastRadius(graph, input), REPEATS);
    const p = timedRuns(() => plain.run([t]), REPEATS);
    const tr = timedRuns(() => settleImpact(graph, input), REPEATS);
    cpuAware.push(...a.cpu);
    cpuPlain.push(...p.cpu);
    cpuMinAware.push(Math.min(...a.cpu));
    cpuMinPlain.push(Math.min(...p.cpu));
    if (explainsAll(a.value, ix.ciIds[t])) explained++;
    aware.push(median(a.ms));
    base.push(median(p.ms));
    ratios.push(median(a.ms) / Math.max(median(p.ms), 1e-6));
    traversal.push(median(tr.ms));
    traversalRatios.push(median(tr.ms) / Math.max(median(p.ms), 1e-6));
    impacted.push(a.value.impacted.count);
    reached.push(p.value - 1);
  }
  return {
    faultline: summarize(aware),
    plain: summarize(base),
    awareOverPlain: median(ratios),
    traversal: summarize(traversal),
    traversalOverPlain: median(traversalRatios),
    faultlineCpuMs: mean(cpuAware),
    plainCpuMs: mean(cpuPlain),
    faultlineCpuMin: summarize(cpuMinAware),
    plainCpuMin: summarize(cpuMinPlain),
    explained,
    impactedAware: summarize(impacted),
    reachedPlain: summarize(reached),
  };
}

/**
 * One peer's closures over the same targets. Each target runs `repeats` times and its median is
 * kept, like Faultline's figures (Cytoscape takes one run: a hub costs it seconds, and its ratio
 * is far from its limit either way).
 */
function measurePeer(build: () => PeerGraph, ix: GraphIndexes, plain: PlainReach, random: number[], hubs: number[], expected: Map<number, Set<string>>, repeats: number): PeerFigures {
  collectGarbage();
  const before = memoryMb();
  const built = time(build);
  const after = memoryMb();
  const peer = built.value;
  const cpu: number[] = [];
  const timesFor = (targets: number[]) =>
    targets.map((t) => {
      const runs = timedRuns(() => peer.closure(ix.ciIds[t]), repeats);
      cpu.push(...runs.cpu);
      if (!expected.has(t)) expected.set(t, closureSet(ix, plain, t));
      agreeCount += sameSet(expected.get(t)!, runs.value) ? 1 : 0;
      checked++;
      return median(runs.ms);
    });
  let agreeCount = 0;
  let checked = 0;
  // One warm-up call on a hub so JIT compilation is not charged to the first target.
  peer.closure(ix.ciIds[hubs[hubs.length - 1]]);
  const randomTimes = timesFor(random);
  cpu.length = 0;
  const hubTimes = timesFor(hubs);
  const figures: PeerFigures = {
    name: peer.name,
    buildMs: built.ms,
    memoryMb: after.heap + after.arrayBuffers - before.heap - before.arrayBuffers,
    random: summarize(randomTimes),
    hubs: summarize(hubTimes),
    hubsCpuMs: mean(cpu),
    repeats,
    agree: agreeCount,
    checked,
  };
  peer.dispose();
  collectGarbage();
  return figures;
}

/** blastRadius on a copy with no redundancy rules and every edge hard: how many targets give exactly plain reachability, all down. */
function checkStripped(document: CmdbDocument, ix: GraphIndexes, targets: readonly number[], expected: Map<number, Set<string>>): number {
  const stripped = new CmdbGraph(
    document.cis.map((c) => {
      if (!c.redundancy) return c;
      const copy = { ...c };
      delete copy.redundancy;
      return copy;
    }),
    document.relationships.map((r) => (r.strength === 'hard' ? r : { ...r, strength: 'hard' as const })),
  );
  let agree = 0;
  for (const t of targets) {
    const result = blastRadius(stripped, { targets: [{ ciId: ix.ciIds[t], mode: 'down' }] });
    const entries = impactedList(result.impacted);
    const ids = [ix.ciIds[t], ...entries.map((c) => c.id)];
    if (sameSet(expected.get(t)!, ids) && entries.every((c) => c.level === 'down')) agree++;
  }
  return agree;
}

export function impactBench(document: CmdbDocument, options: { seed: number; peers: boolean }): ImpactFigures {
  collectGarbage();
  const m0 = memoryMb();
  const builtGraph = time(() => new CmdbGraph(document.cis, document.relationships));
  const graph = builtGraph.value;
  const builtIndexes = time(() => graph.indexes());
  const ix = builtIndexes.value;
  const m1 = memoryMb();

  const random = mulberry32(options.seed);
  const randomTargets = randomDistinct(random, ix.n, 200);
  const fan = failureFanOut(ix);
  const hubTargets = Array.from(fan.keys())
    .sort((a, b) => fan[b] - fan[a] || a - b)
    .slice(0, 20);
  const plain = new PlainReach(ix);

  // Warm-up: let the JIT see both code paths before measuring.
  for (const t of [...randomTargets.slice(0, 20), ...hubTargets.slice(0, 3)]) {
    blastRadius(graph, { targets: [{ ciId: ix.ciIds[t], mode: 'down' }] });
    plain.run([t]);
  }

  const randomFigures = measureTargets(graph, plain, ix, randomTargets);
  const hubFigures = measureTargets(graph, plain, ix, hubTargets);

  const changeAware: number[] = [];
  const changePlain: number[] = [];
  const changeImpacted: number[] = [];
  for (let k = 0; k < 20; k++) {
    const set = randomDistinct(random, ix.n, 20);
    const input = { targets: set.map((t) => ({ ciId: ix.ciIds[t], mode: 'down' as const })) };
    const a = time(() => blastRadius(graph, input));
    changeAware.push(a.ms);
    changeImpacted.push(a.value.impacted.count);
    changePlain.push(time(() => plain.run(set)).ms);
  }

  const services = ix.cis.filter((c) => c.class === 'business_service');
  const pickedServices = randomDistinct(random, services.length, 20).map((i) => services[i].id);
  const spofTimes: number[] = [];
  const spofFound: number[] = [];
  singlePointsOfFailure(graph, pickedServices[0]);
  for (const id of pickedServices) {
    const r = time(() => singlePointsOfFailure(graph, id));
    spofTimes.push(r.ms);
    spofFound.push(r.value.singlePointsOfFailure.length);
  }

  const m2 = memoryMb();

  // Agreement 1: with no redundancy and every edge hard, blastRadius must give plain reachability;
  // and on the real graph, the redundancy-aware impacted set must lie within the plain closure.
  const expected = new Map<number, Set<string>>();
  const allTargets = [...randomTargets, ...hubTargets];
  let awareWithinPlain = 0;
  for (const t of allTargets) {
    const closure = closureSet(ix, plain, t);
    expected.set(t, closure);
    const aware = blastRadius(graph, { targets: [{ ciId: ix.ciIds[t], mode: 'down' }] });
    if (impactedList(aware.impacted).every((c) => closure.has(c.id))) awareWithinPlain++;
  }
  const strippedAgree = checkStripped(document, ix, allTargets, expected);
  collectGarbage();

  const peers: PeerFigures[] = [];
  if (options.peers) {
    peers.push(measurePeer(() => buildGraphology(ix), ix, plain, randomTargets, hubTargets, expected, REPEATS));
    peers.push(measurePeer(() => buildCytoscape(ix), ix, plain, randomTargets, hubTargets, expected, 1));
  }

  return {
    cis: ix.n,
    relationships: ix.m,
    graphBuildMs: builtGraph.ms,
    indexBuildMs: builtIndexes.ms,
    graphHeapMb: m1.heap - m0.heap,
    indexArraysMb: m1.arrayBuffers - m0.arrayBuffers,
    impactScratchMb: m2.heap + m2.arrayBuffers - m1.heap - m1.arrayBuffers,
    random: randomFigures,
    hubs: hubFigures,
    hubFanOut: summarize(hubTargets.map((t) => fan[t])),
    changeSet: { faultline: summarize(changeAware), plain: summarize(changePlain), impacted: summarize(changeImpacted) },
    spof: { times: summarize(spofTimes), found: summarize(spofFound) },
    strippedAgree,
    strippedChecked: allTargets.length,
    awareWithinPlain,
    peers,
  };
}
