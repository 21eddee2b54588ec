// Incident figures for one generated CMDB (issue 12): how often common cause names a seeded
// culprit, and how long common cause and probable causes take.
//
// Trials: a CI is drawn at random among those whose blast radius (taken down, redundancy
// respected) hurts at least 3 services (down or degraded: a service only at_risk still works),
// the same draw as picking CIs until one does; incidents
// are opened on 3–8 of those services, and in every other trial on 1–2 services its blast radius
// does not reach at all (noise). Hit: the injected CI is common cause's first candidate (top-1)
// or among its first three (top-3).
//
// Identifiable, checked apart from common cause: the injected CI is the unique smallest
// explanation of its incidents. Before the trials every CI's failure is settled once by the
// impact engine (settleImpact, the traversal blastRadius runs) and the services it reaches are
// kept: those it takes down or degrades (it explains an incident on them, common cause's rule;
// a service explains its own incident too) and all of them (what common cause counts as other
// services, at_risk included). A trial is not identifiable when another CI explains every
// injected incident with as few or fewer other services (services reached besides the
// incidents' own and their affected services): the culprit cannot be told apart from it (a tie
// is not unique). With noise that is not enough for any ranking to find the culprit: another CI
// may explain as many of all the incidents (a noise one among them, an injected one left over)
// with no more other services. Such trials are counted as "beaten": no ranking by those two
// counts can put the culprit first alone, so they bound what common cause can reach. Each trial
// checks the table against the injected CI's real blast radius.
import { cmdbFromDocument } from '../../src/core/graph/load';
import type { Cmdb } from '../../src/core/graph/cmdb';
import type { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import type { GraphIndexes } from '../../src/core/graph/csr-index';
import { blastRadius, settleImpact } from '../../src/core/impact/index';
import { DEGRADED, NONE } from '../../src/core/impact/scratch';
import { condensationOf } from '../../src/core/impact/condensation';
import { serviceReachOf } from '../../src/core/impact/service-reach';
import { affectedServicesOf, causeScore, commonCause, prepareCommonCause, probableCauses, suggestedImpactOf } from '../../src/core/incidents';
import type { Change } from '../../src/shared/changes';
import { DEFAULT_PRIORITY_MATRIX, IncidentSchema, type AffectedService, type Incident } from '../../src/shared/incidents';
import type { CmdbDocument } from '../../src/shared/model';
import { PREPARE_SLICE_MS } from '../../src/node/service/service';
import { mulberry32 } from '../support/synthetic-cmdb';
import { summarize, time, type Summary } from './stats';

export interface HitRates {
  trials: number;
  top1: number;
  top3: number;
}

export interface NoiseGroup {
  all: HitRates;
  identifiable: HitRates;
  /** Identifiable trials where another CI also explains a noise incident. */
  noiseAbsorbed: number;
  /** Identifiable trials where another CI explains as many of all the incidents with no more other services (see the top of the file). */
  beaten: number;
  /** Identifiable trials the culprit missed top-1, and of those the ones it was beaten in. */
  missed: number;
  missedBeaten: number;
  /** Identifiable trials where the culprit is the one likeliest CI under the trials' own draw (see trialOdds): what the best possible ranking wins. */
  likeliest: number;
}

/** One CI's standing against a trial's incidents, read from the reach table (as common cause counts). */
export interface Standing {
  name: string;
  explains: number;
  /** Other services (not the incidents' own) its failure hurts, and those it leaves only at risk. */
  hurtOthers: number;
  atRiskOthers: number;
  score: number;
}

/** An identifiable trial whose culprit was not common cause's first candidate. */
export interface Miss {
  trial: number;
  noisy: boolean;
  incidents: number;
  beaten: boolean;
  /** The first candidate is at least as likely as the culprit under the trials' own draw (trialOdds). */
  winnerAsLikely: boolean;
  culprit: Standing;
  winner: Standing;
}

export interface IncidentOptions {
  seed: number;
  /** Trials asked for; fewer run when `budgetMs` (0: none) runs out first. */
  trials: number;
  budgetMs: number;
  changes: number;
  /** Calls timed for common cause over 50 incidents, and for probable causes. */
  fiftyCalls: number;
  /** Of those, calls repeated each after an edit. */
  coldCalls: number;
  probableCalls: number;
}

export interface IncidentFigures {
  services: number;
  /** CIs whose failure hurts at least 3 services (the trials' culprits are drawn among them). */
  eligible: number;
  cis: number;
  /** Settling every CI's failure once for the identifiability table. */
  reachTableMs: number;
  /** Common cause's own tables for a revision (condensations and the services each CI is sure to reach), built by its first call after an edit. */
  causeTablesMs: number;
  setupMs: number;
  trialsAsked: number;
  budgetMs: number;
  trialsMs: number;
  clean: NoiseGroup;
  noisy: NoiseGroup;
  misses: Miss[];
  /** Trials whose injected CI's real blast radius matched the table (services hurt, other services). */
  tableAgrees: number;
  /** Common cause per trial call (3–10 incidents). */
  trialCall: Summary;
  /** Other CIs that explain every injected incident, per trial. */
  competitors: Summary;
  /** Common cause over 50 open incidents (one seeded outage among incidents on random services). */
  fifty: Summary;
  /** The same, first call after an edit (tables and blast radii from cold). */
  fiftyCold: Summary;
  /** The same, first call after an edit once the service's idle preparation has run. */
  fiftyPrepared: Summary;
  /** The idle preparation of one revision (prepareCommonCause in the service's slices), the tables already built. */
  preparation: { ms: number; slices: number; longestSliceMs: number };
  /** Probable causes of one incident, `changes` implemented changes in its lookback. */
  probable: Summary;
  probableFound: Summary;
  changes: number;
}

const OPENED = '2026-12-05T12:00:00.000Z';
const HOUR = 3_600_000;

function isService(cls: string): boolean {
  return cls === 'business_service' || cls === 'technical_service';
}

/** Per CI (by index), the services its failure hurts (down or degraded) and all it reaches (at_risk too); targets are not listed. */
interface ReachTable {
  hurt: Int32Array[];
  reached: Int32Array[];
  /** Per service index, the CIs that hurt it. */
  hurtBy: Map<number, number[]>;
}

function reachTable(graph: CmdbGraph): ReachTable {
  const ix = graph.indexes();
  const hurt: Int32Array[] = new Array<Int32Array>(ix.n);
  const reached: Int32Array[] = new Array<Int32Array>(ix.n);
  const hurtBy = new Map<number, number[]>();
  const serviceAt = new Uint8Array(ix.n);
  for (let i = 0; i < ix.n; i++) serviceAt[i] = isService(ix.cis[i].class) ? 1 : 0;
  const hurtBuf: number[] = [];
  const reachBuf: number[] = [];
  for (let i = 0; i < ix.n; i++) {
    const { scratch: s } = settleImpact(graph, { targets: [{ ciId: ix.ciIds[i], mode: 'down' }] });
    hurtBuf.length = 0;
    reachBuf.length = 0;
    for (let k = 0; k < s.touchedCount; k++) {
      const j = s.touched[k];
      if (serviceAt[j] === 0 || s.level[j] === NONE || s.targetStamp[j] === s.epoch) continue;
      reachBuf.push(j);
      if (s.level[j] >= DEGRADED) hurtBuf.push(j);
    }
    hurt[i] = Int32Array.from(hurtBuf);
    reached[i] = Int32Array.from(reachBuf);
    for (const j of hurtBuf) {
      const list = hurtBy.get(j);
      if (list) list.push(i);
      else hurtBy.set(j, [i]);
    }
  }
  return { hurt, reached, hurtBy };
}

class IncidentMaker {
  private next = 0;
  private readonly services = new Map<string, AffectedService[]>();
  constructor(private readonly graph: CmdbGraph) {}

  /** An open incident on one service, checked against the schema; its affected services as the service would store them. */
  on(serviceId: string): Incident {
    let affectedServices = this.services.get(serviceId);
    if (!affectedServices) {
      affectedServices = affectedServicesOf(this.graph, [serviceId]);
      this.services.set(serviceId, affectedServices);
    }
    const n = ++this.next;
    const impact = suggestedImpactOf(this.graph, affectedServices, [serviceId]);
    return IncidentSchema.parse({
      id: `inc_${n}`,
      number: `INC${String(n).padStart(7, '0')}`,
      title: `Generated incident ${n}`,
      description: '',
      affectedCiIds: [serviceId],
      affectedServices,
      impact,
      suggestedImpact: impact,
      urgency: 2,
      priority: DEFAULT_PRIORITY_MATRIX[impact - 1][1],
      status: 'new',
      openedAt: OPENED,
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      causedByChangeId: null,
      createdAt: OPENED,
      updatedAt: OPENED,
    });
  }
}

function pickDistinct<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const k = Math.floor(random() * pool.length);
    out.push(pool[k]);
    pool[k] = pool[pool.length - 1];
    pool.pop();
  }
  return out;
}

interface Verdict {
  identifiable: boolean;
  noiseAbsorbed: boolean;
  competitors: number;
}

/** The identifiability check described at the top of the file; `injected` and `noise` are service indexes. */
function identify(table: ReachTable, culprit: number, injected: readonly number[], noise: readonly number[], incidentServices: ReadonlySet<number>): Verdict {
  const others = (i: number) => table.reached[i].reduce((n, j) => (incidentServices.has(j) ? n : n + 1), 0);
  const explains = (i: number, service: number) => i === service || table.hurt[i].includes(service);
  const own = others(culprit);
  // The CIs that explain the first injected incident, the service itself included; then those that explain the rest too.
  const first = injected[0];
  const competitors = [first, ...(table.hurtBy.get(first) ?? [])].filter((i) => i !== culprit && injected.every((service) => explains(i, service)));
  let identifiable = true;
  let noiseAbsorbed = false;
  for (const i of competitors) {
    if (others(i) <= own) identifiable = false;
    else if (noise.some((service) => explains(i, service))) noiseAbsorbed = true;
  }
  return { identifiable, noiseAbsorbed, competitors: competitors.length };
}

/** Whether another CI explains at least as many of all the incidents (`services`) with no more other services than the culprit. */
function beaten(table: ReachTable, culprit: number, services: readonly number[], incidentServices: ReadonlySet<number>): boolean {
  const explained = new Map<number, number>();
  for (const service of services) {
    for (const i of [service, ...(table.hurtBy.get(service) ?? [])]) explained.set(i, (explained.get(i) ?? 0) + 1);
  }
  const others = (i: number) => table.reached[i].reduce((n, j) => (incidentServices.has(j) ? n : n + 1), 0);
  const own = explained.get(culprit) ?? 0;
  const ownOthers = others(culprit);
  for (const [i, count] of explained) if (i !== culprit && count >= own && others(i) <= ownOthers) return true;
  return false;
}

function standing(ix: GraphIndexes, table: ReachTable, ci: number, services: readonly number[], incidentServices: ReadonlySet<number>): Standing {
  const hurt = new Set(table.hurt[ci]);
  const explains = services.filter((s) => s === ci || hurt.has(s)).length;
  let hurtOthers = 0;
  let atRiskOthers = 0;
  for (const j of table.reached[ci]) {
    if (incidentServices.has(j)) continue;
    if (hurt.has(j)) hurtOthers++;
    else atRiskOthers++;
  }
  return { name: ix.cis[ci].name, explains, hurtOthers, atRiskOthers, score: causeScore(explains, hurtOthers) };
}

function emptyGroup(): NoiseGroup {
  return { all: { trials: 0, top1: 0, top3: 0 }, identifiable: { trials: 0, top1: 0, top3: 0 }, noiseAbsorbed: 0, beaten: 0, missed: 0, missedBeaten: 0, likeliest: 0 };
}

/** ln C(n, k). */
function lnChoose(n: number, k: number): number {
  let total = 0;
  for (let j = 0; j < k; j++) total += Math.log((n - j) / (j + 1));
  return total;
}

/**
 * ln of the chance that the trials' own draw, with CI x as the culprit, opens incidents on exactly
 * `opened` (service indexes): x hurts at least 3 services; k is drawn from 3–8 and min(k, hurt)
 * of its hurt services get one, uniformly; in half the trials 1 or 2 services it does not reach
 * (nor x) get one too. -Infinity when that draw cannot give `opened`. The culprit is drawn
 * uniformly among eligible CIs, so the likeliest CI is what the best possible ranking names.
 */
function trialOdds(table: ReachTable, x: number, opened: readonly number[], services: number): number {
  const hurt = table.hurt[x];
  if (hurt.length < 3) return -Infinity;
  const hurtSet = new Set(hurt);
  const reached = new Set(table.reached[x]);
  const explained = opened.filter((j) => hurtSet.has(j)).length;
  const noise = opened.length - explained;
  if (opened.some((j) => !hurtSet.has(j) && (reached.has(j) || j === x))) return -Infinity;
  // Ways k in 3–8 gives `explained`: k itself, or every k ≥ hurt when all of them are.
  const ks = explained === hurt.length ? [3, 4, 5, 6, 7, 8].filter((k) => k >= hurt.length).length : explained >= 3 && explained <= 8 ? 1 : 0;
  if (ks === 0) return -Infinity;
  const draw = Math.log(ks / 6) - lnChoose(hurt.length, explained);
  if (noise === 0) return draw + Math.log(1 / 2);
  if (noise > 2) return -Infinity;
  const pool = services - reached.size - (reached.has(x) ? 0 : 1);
  return draw + Math.log(1 / 4) - lnChoose(pool, noise);
}

/** Whether the culprit alone has the highest trialOdds among the CIs that explain an opened incident. */
function culpritIsLikeliest(table: ReachTable, culprit: number, opened: readonly number[], services: number): boolean {
  const own = trialOdds(table, culprit, opened, services);
  const candidates = new Set<number>();
  for (const j of opened) for (const i of table.hurtBy.get(j) ?? []) candidates.add(i);
  for (const i of candidates) if (i !== culprit && trialOdds(table, i, opened, services) >= own) return false;
  return true;
}

function tally(rates: HitRates, top1: boolean, top3: boolean): void {
  rates.trials++;
  if (top1) rates.top1++;
  if (top3) rates.top3++;
}

/** Changes implemented within the 72 h before the incidents opened (imported as implemented: their window's end is when), on random CIs, a third on two. */
function implementedChanges(cmdb: Cmdb, ciIds: readonly string[], count: number, random: () => number): Change[] {
  const opened = Date.parse(OPENED);
  const pick = () => ciIds[Math.floor(random() * ciIds.length)];
  const out: Change[] = [];
  for (let i = 0; i < count; i++) {
    const targets = new Set([pick()]);
    if (random() < 0.3) targets.add(pick());
    const end = opened - Math.floor(random() * 71 * 60) * 60_000;
    const { record } = cmdb.createRecord('change', {
      title: `Implemented change ${i + 1}`,
      type: 'normal',
      targets: [...targets].map((ciId) => ({ ciId, mode: 'down' })),
      window: { start: new Date(end - (1 + Math.floor(random() * 4)) * HOUR).toISOString(), end: new Date(end).toISOString() },
      implementer: `engineer-${Math.floor(random() * 50)}`,
    });
    out.push({ ...(record as Change), state: 'implemented' });
  }
  return out;
}

/** Whether the injected CI's real blast radius hurts and reaches the services the table says. */
function agreesWithTable(graph: CmdbGraph, table: ReachTable, culprit: number): boolean {
  const ix = graph.indexes();
  const result = blastRadius(graph, { targets: [{ ciId: ix.ciIds[culprit], mode: 'down' }] });
  const ids = (list: Int32Array) => [...list].map((j) => ix.ciIds[j]).sort().join(' ');
  const hurt = result.services.filter((s) => s.level !== 'at_risk').map((s) => s.id).sort().join(' ');
  const reached = result.services.map((s) => s.id).sort().join(' ');
  return hurt === ids(table.hurt[culprit]) && reached === ids(table.reached[culprit]);
}

/** Runs the service's idle preparation of common cause to its end, in the service's slices. */
function prepareAsTheServiceDoes(graph: CmdbGraph): { ms: number; slices: number; longestSliceMs: number } {
  let slices = 0;
  let longestSliceMs = 0;
  const started = performance.now();
  for (let more = true; more; ) {
    const slice = time(() => prepareCommonCause(graph, { budgetMs: PREPARE_SLICE_MS }));
    more = slice.value;
    slices++;
    longestSliceMs = Math.max(longestSliceMs, slice.ms);
  }
  return { ms: performance.now() - started, slices, longestSliceMs };
}

export function incidentBench(document: CmdbDocument, options: IncidentOptions): IncidentFigures {
  const random = mulberry32(options.seed ^ 0x1c1d);
  const setup = time(() => {
    let ids = 0;
    const cmdb = cmdbFromDocument(document, [], { now: () => '2026-11-30T00:00:00.000Z', newId: (p) => `${p}_${++ids}`, actor: 'bench' });
    const changes = implementedChanges(cmdb, cmdb.graph.indexes().ciIds, options.changes, random);
    return { cmdb, changes };
  });
  const { cmdb, changes } = setup.value;
  const graph = cmdb.graph;
  const ix = graph.indexes();
  const services: number[] = [];
  for (let i = 0; i < ix.n; i++) if (isService(ix.cis[i].class)) services.push(i);
  const causeTables = time(() => {
    condensationOf(ix, 'all');
    condensationOf(ix, 'hard');
    serviceReachOf(ix);
  });
  // Opening the document, the service prepares common cause once the user is idle.
  const preparation = prepareAsTheServiceDoes(graph);
  const tableRun = time(() => reachTable(graph));
  const table = tableRun.value;
  const eligible: number[] = [];
  for (let i = 0; i < ix.n; i++) if (table.hurt[i].length >= 3) eligible.push(i);
  const make = new IncidentMaker(graph);
  const incidentOn = (service: number) => make.on(ix.ciIds[service]);

  const clean = emptyGroup();
  const noisy = emptyGroup();
  const calls: number[] = [];
  const misses: Miss[] = [];
  const competitors: number[] = [];
  let tableAgrees = 0;
  const trialsStart = performance.now();
  const budgetLeft = () => options.budgetMs <= 0 || performance.now() - trialsStart < options.budgetMs;
  for (let t = 0; t < options.trials && budgetLeft(); t++) {
    // Uniform among the CIs that hurt at least 3 services: the same draw as picking CIs at random until one does.
    const culprit = eligible[Math.floor(random() * eligible.length)];
    const injected = pickDistinct([...table.hurt[culprit]], 3 + Math.floor(random() * 6), random);
    const withNoise = t % 2 === 1;
    const reached = new Set(table.reached[culprit]);
    const noise = withNoise ? pickDistinct(services.filter((j) => !reached.has(j) && j !== culprit), 1 + Math.floor(random() * 2), random) : [];
    const incidents = [...injected, ...noise].map(incidentOn);
    const run = time(() => commonCause(graph, incidents));
    calls.push(run.ms);
    const { candidates } = run.value;
    const ranked = candidates.map((c) => c.ciId);
    const culpritId = ix.ciIds[culprit];
    const top1 = ranked[0] === culpritId;
    const top3 = ranked.slice(0, 3).includes(culpritId);
    const incidentServices = new Set<number>();
    for (const incident of incidents) for (const id of [...incident.affectedCiIds, ...incident.affectedServices.map((s) => s.id)]) incidentServices.add(ix.indexOf.get(id) ?? -1);
    const verdict = identify(table, culprit, injected, noise, incidentServices);
    competitors.push(verdict.competitors);
    if (agreesWithTable(graph, table, culprit)) tableAgrees++;
    const group = withNoise ? noisy : clean;
    tally(group.all, top1, top3);
    if (verdict.identifiable) {
      tally(group.identifiable, top1, top3);
      if (verdict.noiseAbsorbed) group.noiseAbsorbed++;
      const isBeaten = beaten(table, culprit, [...injected, ...noise], incidentServices);
      if (isBeaten) group.beaten++;
      const opened = [...injected, ...noise];
      if (culpritIsLikeliest(table, culprit, opened, services.length)) group.likeliest++;
      if (!top1) {
        group.missed++;
        if (isBeaten) group.missedBeaten++;
        const all = [...injected, ...noise];
        const winner = ranked.length > 0 ? standing(ix, table, ix.indexOf.get(ranked[0]) ?? -1, all, incidentServices) : { name: '(none)', explains: 0, hurtOthers: 0, atRiskOthers: 0, score: 0 };
        const first = ranked.length > 0 ? (ix.indexOf.get(ranked[0]) ?? -1) : -1;
        const winnerAsLikely = first >= 0 && trialOdds(table, first, opened, services.length) >= trialOdds(table, culprit, opened, services.length);
        misses.push({ trial: t, noisy: withNoise, incidents: all.length, beaten: isBeaten, winnerAsLikely, culprit: standing(ix, table, culprit, all, incidentServices), winner });
      }
    }
  }
  const trialsMs = performance.now() - trialsStart;

  // Common cause over 50 open incidents: one seeded outage (at most 8 of the services it hurts) among incidents on random other services.
  const fiftySets: Incident[][] = [];
  for (let call = 0; call < options.fiftyCalls; call++) {
    const culprit = eligible[Math.floor(random() * eligible.length)];
    const seeded = pickDistinct([...table.hurt[culprit]], 8, random);
    const others = pickDistinct(
      services.filter((j) => !seeded.includes(j)),
      50 - seeded.length,
      random,
    );
    fiftySets.push([...seeded, ...others].map(incidentOn));
  }
  // After the trials: the blast radii they and the preparation checked are kept for this revision, as in the app between edits.
  const fifty = fiftySets.map((incidents) => time(() => commonCause(graph, incidents)).ms);

  // Probable causes of one incident on a random service: the whole call, its upstream walk included.
  const probable: number[] = [];
  const found: number[] = [];
  for (const service of pickDistinct(services, options.probableCalls, random)) {
    const incident = incidentOn(service);
    const run = time(() => probableCauses(graph, incident, changes));
    probable.push(run.ms);
    found.push(run.value.length);
  }

  // The first call after an edit: a CI renamed, the graph's indexes rebuilt (not timed), then common cause builds its tables and checks from cold.
  const fiftyCold: number[] = [];
  for (const [k, incidents] of fiftySets.slice(0, options.coldCalls).entries()) {
    cmdb.updateCi(ix.ciIds[0], { name: `renamed ${k}` });
    graph.indexes();
    fiftyCold.push(time(() => commonCause(graph, incidents)).ms);
  }
  // The same after an edit once edits have paused and the service has prepared the new revision.
  const fiftyPrepared: number[] = [];
  for (const [k, incidents] of fiftySets.slice(0, options.coldCalls).entries()) {
    cmdb.updateCi(ix.ciIds[0], { name: `prepared ${k}` });
    prepareAsTheServiceDoes(graph);
    fiftyPrepared.push(time(() => commonCause(graph, incidents)).ms);
  }

  return {
    services: services.length,
    eligible: eligible.length,
    cis: ix.n,
    reachTableMs: tableRun.ms,
    causeTablesMs: causeTables.ms,
    setupMs: setup.ms,
    trialsAsked: options.trials,
    budgetMs: options.budgetMs,
    trialsMs,
    clean,
    noisy,
    misses,
    tableAgrees,
    trialCall: summarize(calls),
    competitors: summarize(competitors),
    fifty: summarize(fifty),
    fiftyCold: summarize(fiftyCold),
    fiftyPrepared: summarize(fiftyPrepared),
    preparation,
    probable: summarize(probable),
    probableFound: summarize(found),
    changes: changes.length,
  };
}
