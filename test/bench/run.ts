// npm run bench — storage and impact figures for generated CMDBs of 10k and 100k CIs.
//   npm run bench                         both sizes, peers included
//   npm run bench -- --sizes 10000        one size
//   npm run bench -- --no-peers           skip Cytoscape and graphology
//   npm run bench -- --only incidents     some sections only (storage, impact, changes, incidents)
//   npm run bench -- --incident-trials 100 --incident-budget 60
//                                         common-cause trials asked for (500) and the seconds they may take (90; 0: no limit)
//   npm run bench -- --incident-misses    also print, per identifiable trial missed, the first candidate against the culprit
//   npm run bench -- --seed 7             another generated CMDB and other trials
//   npm run bench -- --source             the sources under tsx instead of the bundle (see bundle.ts)
// The script re-runs itself under node with --expose-gc (for heap figures) and a larger heap
// (Cytoscape headless at 100k CIs needs close to 1 GB).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { PREPARED_CAUSE_SERVICES } from '../../src/core/incidents';
import { bundleBench, OPEN_CHILD_ENV } from './bundle';
import { changeBench, type ChangeFigures } from './change-bench';
import { incidentBench, type HitRates, type IncidentFigures, type Standing } from './incident-bench';
import { impactBench, type ImpactFigures, type PeerFigures, type TargetSetFigures } from './impact-bench';
import { fmtCount, fmtMb, fmtMs, fmtRatio, printTable, time, type Summary } from './stats';
import { storageBench, type StorageFigures } from './storage-bench';

const CHILD_FLAG = 'FAULTLINE_BENCH_INNER';

const SECTIONS = ['storage', 'impact', 'changes', 'incidents'] as const;
type Section = (typeof SECTIONS)[number];

interface Args {
  sizes: number[];
  peers: boolean;
  seed: number;
  sections: Set<Section>;
  incidentTrials: number;
  incidentBudgetMs: number;
  /** Print each identifiable trial the culprit missed top-1: the winner against the culprit. */
  incidentMisses: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const only = value('--only')?.split(',');
  const unknown = only?.find((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new Error(`--only: no section ${unknown} (${SECTIONS.join(', ')})`);
  const sections = new Set<Section>((only as Section[] | undefined) ?? SECTIONS);
  if (argv.includes('--no-storage')) sections.delete('storage');
  return {
    sizes: value('--sizes')?.split(',').map(Number) ?? [10_000, 100_000],
    peers: !argv.includes('--no-peers'),
    seed: Number(value('--seed') ?? 20250601),
    sections,
    incidentTrials: Number(value('--incident-trials') ?? 500),
    incidentBudgetMs: Number(value('--incident-budget') ?? 90) * 1000,
    incidentMisses: argv.includes('--incident-misses'),
  };
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
}

function row(label: string, s: Summary): string[] {
  return [label, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.max)];
}

function check(value: number, limit: number, lessIsBetter = true): string {
  const ok = lessIsBetter ? value <= limit : value >= limit;
  return ok ? 'ok' : 'MISSED';
}

function printStorage(n: number, s: StorageFigures): void {
  const c = s.child;
  printTable(`Storage — ${fmtCount(n)} CIs (checkpoint ${s.fileMb.toFixed(1)} MB compact)`, [
    ['measure', 'value', 'detail'],
    ['write checkpoint (store writer)', fmtMs(s.writeMs), `longest event-loop block ${fmtMs(s.writeLongestBlockMs)}`],
    ['open in this process', fmtMs(s.parentOpenMs), 'openCmdbStore, warm process'],
    ['saveCopy', fmtMs(s.saveCopyMs), `longest event-loop block ${fmtMs(s.saveCopyLongestBlockMs)}`],
    ['cold open → ready (fresh process)', fmtMs(c.readyMs), `openCmdbStore ${fmtMs(c.openMs)} + first indexes() ${fmtMs(c.indexMs)}`],
    ['  of which', '', `read ${fmtMs(c.openTimings.readMs)}, parse ${fmtMs(c.openTimings.parseMs)}, validate ${fmtMs(c.openTimings.validateMs)}, build ${fmtMs(c.openTimings.buildMs)}`],
    ['process start → ready', fmtMs(c.processReadyMs), `node startup and imports ${fmtMs(c.startupMs)}`],
    ['heap used after open (after gc)', fmtMb(c.heapUsedMb), `+ typed arrays ${fmtMb(c.arrayBuffersMb)}, rss ${fmtMb(c.rssMb)}`],
    ['edit blocks (sync part) p50', fmtMs(c.edits.syncMs.p50), `p95 ${fmtMs(c.edits.syncMs.p95)}, max ${fmtMs(c.edits.syncMs.max)} (${c.edits.syncMs.count} edits)`],
    ['edit durable (persist resolved) p50', fmtMs(c.edits.durableMs.p50), `p95 ${fmtMs(c.edits.durableMs.p95)}, max ${fmtMs(c.edits.durableMs.max)} (fsync'd journal)`],
    ['lowdb plain write: blocks', fmtMs(s.lowdbBlockMs), `until written ${fmtMs(s.lowdbTotalMs)} (${s.lowdbFileMb.toFixed(1)} MB pretty JSON, no fsync)`],
  ]);
}

function printTargets(title: string, t: TargetSetFigures): string[][] {
  return [
    [`${title}: blast radius (redundancy-aware, paths)`, fmtMs(t.faultline.p50), fmtMs(t.faultline.p95), fmtMs(t.faultline.max)],
    [`${title}: redundancy-aware traversal alone (no result built)`, fmtMs(t.traversal.p50), fmtMs(t.traversal.p95), fmtMs(t.traversal.max)],
    [`${title}: plain typed-array BFS (parent pointers)`, fmtMs(t.plain.p50), fmtMs(t.plain.p95), fmtMs(t.plain.max)],
    [`${title}: CIs impacted (aware) / reached (plain)`, `${fmtCount(t.impactedAware.p50)} / ${fmtCount(t.reachedPlain.p50)}`, `${fmtCount(t.impactedAware.p95)} / ${fmtCount(t.reachedPlain.p95)}`, `${fmtCount(t.impactedAware.max)} / ${fmtCount(t.reachedPlain.max)}`],
  ];
}

function printImpact(n: number, f: ImpactFigures): void {
  printTable(`Impact — ${fmtCount(f.cis)} CIs, ${fmtCount(f.relationships)} relationships`, [
    ['measure', 'value'],
    ['CmdbGraph from document', fmtMs(f.graphBuildMs)],
    ['CSR index build (first indexes())', fmtMs(f.indexBuildMs)],
    ['memory: graph maps (heap)', fmtMb(f.graphHeapMb)],
    ['memory: CSR typed arrays', fmtMb(f.indexArraysMb)],
    ['memory: impact scratch after runs', fmtMb(f.impactScratchMb)],
    ['hub fan-out (direct dependents) p50 / max', `${fmtCount(f.hubFanOut.p50)} / ${fmtCount(f.hubFanOut.max)}`],
  ]);
  printTable(`Impact timings — ${fmtCount(n)} CIs (per target: median of 5 runs, wall clock)`, [
    ['measure', 'p50', 'p95', 'max'],
    ...printTargets('200 random', f.random),
    ...printTargets('20 hubs', f.hubs),
    row('20-CI change set: blast radius (20 sets)', f.changeSet.faultline),
    row('20-CI change set: plain BFS', f.changeSet.plain),
    ['20-CI change set: CIs impacted', fmtCount(f.changeSet.impacted.p50), fmtCount(f.changeSet.impacted.p95), fmtCount(f.changeSet.impacted.max)],
    row('SPOF, 20 business services', f.spof.times),
    ['SPOF: CIs found per service', fmtCount(f.spof.found.p50), fmtCount(f.spof.found.p95), fmtCount(f.spof.found.max)],
    ['blast radius with result / plain (median per target)', `random ${fmtRatio(f.random.awareOverPlain)}`, `hubs ${fmtRatio(f.hubs.awareOverPlain)}`, ''],
    ['redundancy-aware traversal / plain (median per target)', `random ${fmtRatio(f.random.traversalOverPlain)}`, `hubs ${fmtRatio(f.hubs.traversalOverPlain)}`, ''],
    ['20 hubs, mean CPU per call: blast radius / plain', fmtMs(f.hubs.faultlineCpuMs), fmtMs(f.hubs.plainCpuMs), fmtRatio(f.hubs.faultlineCpuMs / f.hubs.plainCpuMs)],
    ['20 hubs, least CPU of 5 runs per hub: blast radius p50 / max', fmtMs(f.hubs.faultlineCpuMin.p50), fmtMs(f.hubs.faultlineCpuMin.max), `plain p50 ${fmtMs(f.hubs.plainCpuMin.p50)}`],
    ['200 random, least CPU of 5 runs: blast radius p50 / p95', fmtMs(f.random.faultlineCpuMin.p50), fmtMs(f.random.faultlineCpuMin.p95), `plain p50 ${fmtMs(f.random.plainCpuMin.p50)}`],
    ['explanations rebuilt from via pointers: targets fully explained', `random ${f.random.explained}/${f.random.impactedAware.count}`, `hubs ${f.hubs.explained}/${f.hubs.impactedAware.count}`, ''],
  ]);
  const rows: string[][] = [['method', 'build', 'memory', 'random p50', 'hubs p50', 'hubs max', 'hubs p50: peer / blast radius', 'peer / plain BFS', 'hubs CPU/call', 'same impacted set as plain BFS']];
  rows.push(['Faultline blast radius (aware, paths)', '(above)', '(above)', fmtMs(f.random.faultline.p50), fmtMs(f.hubs.faultline.p50), fmtMs(f.hubs.faultline.max), '1×', '', fmtMs(f.hubs.faultlineCpuMs), '']);
  rows.push(['Faultline impact traversal (no result)', '(above)', '(above)', fmtMs(f.random.traversal.p50), fmtMs(f.hubs.traversal.p50), fmtMs(f.hubs.traversal.max), '', '', '', '']);
  rows.push(['Faultline plain BFS', '(above)', '(above)', fmtMs(f.random.plain.p50), fmtMs(f.hubs.plain.p50), fmtMs(f.hubs.plain.max), '', '1×', fmtMs(f.hubs.plainCpuMs), `${f.strippedChecked}/${f.strippedChecked} (reference)`]);
  rows.push(['blastRadius, no redundancy, all hard', '', '', '', '', '', '', '', '', `${f.strippedAgree}/${f.strippedChecked}`]);
  for (const p of f.peers) {
    rows.push([
      `${p.name} (${p.repeats === 1 ? 'one run' : `median of ${p.repeats}`} per target)`,
      fmtMs(p.buildMs),
      fmtMb(p.memoryMb),
      fmtMs(p.random.p50),
      fmtMs(p.hubs.p50),
      fmtMs(p.hubs.max),
      fmtRatio(p.hubs.p50 / f.hubs.faultline.p50),
      fmtRatio(p.hubs.p50 / f.hubs.plain.p50),
      fmtMs(p.hubsCpuMs),
      `${p.agree}/${p.checked}`,
    ]);
  }
  printTable(`Same closures, same graph and targets — ${fmtCount(n)} CIs`, rows);
  console.log(`redundancy-aware impacted set within the plain closure: ${f.awareWithinPlain}/${f.strippedChecked} targets`);
}

/**
 * "Faster than <peer> on the hubs", three ways, from the bare closure up: the typed-array BFS with
 * parent pointers (what the issue's reference figures and ARCHITECTURE.md's "a hub's blast radius
 * with parent pointers 0.5 ms; graphology 28 ms" measure); the engine's redundancy-aware traversal
 * (the closure and more: levels, depths, parent pointers); and the whole blast radius with its
 * result built — sorted, named columns and ranked services the peers do not produce.
 */
function peerRows(name: string, peer: PeerFigures, f: ImpactFigures, limit: number): string[][] {
  const ratio = (ms: number) => peer.hubs.p50 / ms;
  const plain = ratio(f.hubs.plain.p50);
  const traversal = ratio(f.hubs.traversal.p50);
  const whole = ratio(f.hubs.faultline.p50);
  return [
    [`faster than ${name} on hubs: closure with parent pointers`, `≥ ${limit}×`, fmtRatio(plain), check(plain, limit, false), fmtRatio(peer.hubsCpuMs / f.hubs.plainCpuMs)],
    ['  redundancy-aware traversal (no result)', `≥ ${limit}×`, fmtRatio(traversal), check(traversal, limit, false), ''],
    ['  whole blast radius, result built', `≥ ${limit}×`, fmtRatio(whole), check(whole, limit, false), fmtRatio(peer.hubsCpuMs / f.hubs.faultlineCpuMs)],
  ];
}

function printChanges(n: number, c: ChangeFigures): void {
  printTable(`Changes — ${fmtCount(n)} CIs, ${fmtCount(c.changes)} open changes over a month, ${c.windows} windows (set up in ${fmtMs(c.setupMs)})`, [
    ['measure', 'p50', 'p95', 'max'],
    row('one change: conflicts, other impacts cached (50 changes)', c.oneWarm),
    row('one change: conflicts from cold (overlapping impacts computed)', c.oneCold),
    ['one change: conflicts found', fmtCount(c.conflictsFound.p50), fmtCount(c.conflictsFound.p95), fmtCount(c.conflictsFound.max)],
    ['all changes at once: risk and conflicts, from cold', fmtMs(c.allMs), '', ''],
    row('hub change (20 hubs, least of 5): blast radius alone', c.hubBlast),
    row('hub change (least of 5): risk (impact from cold, history, scoring)', c.hubRisk),
    row('hub change: risk − blast radius, per hub', c.hubRiskExtra),
  ]);
}

function printChangeTargets(c: ChangeFigures): string[][] {
  return [
    ["one change's conflicts (max of 50, cold)", '≤ 20 ms', fmtMs(c.oneCold.max), check(c.oneCold.max, 20), `cached impacts: max ${fmtMs(c.oneWarm.max)}`],
    [`all ${fmtCount(c.changes)} changes' risk and conflicts`, '≤ 2 s', fmtMs(c.allMs), check(c.allMs, 2000), ''],
    ['hub change risk − its blast radius (p50 of 20 hubs)', '≤ 1 ms', fmtMs(c.hubRiskExtra.p50), check(c.hubRiskExtra.p50, 1), `max ${fmtMs(c.hubRiskExtra.max)}`],
  ];
}

function printTargetsCheck(f: ImpactFigures, s: StorageFigures | null, c: ChangeFigures): void {
  const graphology = f.peers.find((p) => p.name.startsWith('graphology'));
  const cy = f.peers.find((p) => p.name.startsWith('Cytoscape'));
  const rows: string[][] = [['target at 100k (issues 2 and 3)', 'limit', 'measured', '', 'CPU-time cross-check']];
  if (s) {
    rows.push(['cold open → ready', '≤ 1.5 s', fmtMs(s.child.readyMs), check(s.child.readyMs, 1500), '']);
    rows.push(['heap after open', '≤ 500 MB', fmtMb(s.child.heapUsedMb), check(s.child.heapUsedMb, 500), '']);
    rows.push(['one edit blocks (p95)', '≤ 50 ms', fmtMs(s.child.edits.syncMs.p95), check(s.child.edits.syncMs.p95, 50), '']);
    rows.push(['one edit durable (p95)', '≤ 100 ms', fmtMs(s.child.edits.durableMs.p95), check(s.child.edits.durableMs.p95, 100), '']);
  }
  rows.push(['hub blast radius (max over 20 hubs)', '≤ 10 ms', fmtMs(f.hubs.faultline.max), check(f.hubs.faultline.max, 10), `least CPU per hub: max ${fmtMs(f.hubs.faultlineCpuMin.max)} ${check(f.hubs.faultlineCpuMin.max, 10)}`]);
  rows.push(['blast radius p50 (200 random)', '≤ 1 ms', fmtMs(f.random.faultline.p50), check(f.random.faultline.p50, 1), `least CPU p50 ${fmtMs(f.random.faultlineCpuMin.p50)}`]);
  // Two readings of "redundancy-aware ≤ 3× plain": the traversals alone (both record parent
  // pointers), and the whole blast radius — sorted columns, services with paths — against the bare BFS.
  rows.push(['redundancy-aware / plain traversal (hubs)', '≤ 3×', fmtRatio(f.hubs.traversalOverPlain), check(f.hubs.traversalOverPlain, 3), '']);
  rows.push(['  whole blast radius / plain BFS', '≤ 3×', fmtRatio(f.hubs.awareOverPlain), check(f.hubs.awareOverPlain, 3), `least CPU p50s ${fmtRatio(f.hubs.faultlineCpuMin.p50 / f.hubs.plainCpuMin.p50)}`]);
  if (graphology) {
    rows.push(...peerRows('graphology', graphology, f, 50));
  }
  if (cy) {
    rows.push(...peerRows('Cytoscape', cy, f, 300));
  }
  rows.push(...printChangeTargets(c));
  printTable(
    'Targets (wall clock; ratios are peer p50 / Faultline p50 over the same 20 hubs: the bare closure the peers compute, the impact traversal, the whole blast radius)',
    rows,
  );
}

function rate(r: HitRates, hits: number): string {
  return r.trials === 0 ? '– (0 trials)' : `${((100 * hits) / r.trials).toFixed(1)}% (${hits}/${r.trials})`;
}

function sum(a: HitRates, b: HitRates): HitRates {
  return { trials: a.trials + b.trials, top1: a.top1 + b.top1, top3: a.top3 + b.top3 };
}

function rateRows(label: string, r: HitRates): string[] {
  return [label, fmtCount(r.trials), rate(r, r.top1), rate(r, r.top3)];
}

function printIncidents(n: number, f: IncidentFigures): void {
  const run = f.clean.all.trials + f.noisy.all.trials;
  const stopped = run < f.trialsAsked ? ` (stopped by the ${fmtMs(f.budgetMs)} budget: --incident-budget)` : '';
  printTable(
    `Incidents — ${fmtCount(n)} CIs, ${fmtCount(f.services)} services: ${run} of ${f.trialsAsked} common-cause trials in ${fmtMs(f.trialsMs)}${stopped}; culprits drawn among the ${fmtCount(f.eligible)} CIs that hurt ≥ 3 services`,
    [
      ['injected CI ranked by common cause', 'trials', 'top-1', 'top-3'],
      rateRows('without noise: all trials', f.clean.all),
      rateRows('without noise: identifiable trials', f.clean.identifiable),
      rateRows('with 1–2 unrelated incidents: all trials', f.noisy.all),
      rateRows('with 1–2 unrelated incidents: identifiable trials', f.noisy.identifiable),
      rateRows('all trials', sum(f.clean.all, f.noisy.all)),
      rateRows('identifiable trials', sum(f.clean.identifiable, f.noisy.identifiable)),
      ['identifiable with noise, another CI explains a noise incident too', fmtCount(f.noisy.noiseAbsorbed), '', ''],
      ['identifiable, beaten: another CI explains as many with no more other services (no ranking can win)', `${fmtCount(f.clean.beaten)} / ${fmtCount(f.noisy.beaten)}`, 'without / with noise', ''],
      ['identifiable, the culprit the likeliest CI by the trials\' own draw (the best any ranking can do)', `${fmtCount(f.clean.likeliest)} / ${fmtCount(f.noisy.likeliest)}`, 'without / with noise', ''],
      ['identifiable, top-1 missed, of which beaten', `${fmtCount(f.clean.missed)} (${fmtCount(f.clean.missedBeaten)}) / ${fmtCount(f.noisy.missed)} (${fmtCount(f.noisy.missedBeaten)})`, 'without / with noise', ''],
    ],
  );
  console.log(
    `common cause's tables for a revision (built by its first call after an edit, or by the service's idle preparation): ${fmtMs(f.causeTablesMs)}; then the rest of the preparation (blast radii of the CIs sure to hurt ≥ ${PREPARED_CAUSE_SERVICES} services): ${fmtMs(f.preparation.ms)} in ${fmtCount(f.preparation.slices)} slices, longest ${fmtMs(f.preparation.longestSliceMs)}; identifiability: every CI's failure settled once (${fmtMs(f.reachTableMs)}); other CIs explaining all injected incidents per trial p50 ${fmtCount(f.competitors.p50)}, max ${fmtCount(f.competitors.max)}; table agrees with the culprit's blastRadius in ${f.tableAgrees}/${run} trials`,
  );
  printTable(`Incident timings — ${fmtCount(n)} CIs, ${fmtCount(f.changes)} changes implemented in the 72 h lookback`, [
    ['measure', 'p50', 'p95', 'max'],
    row('common cause, one trial (3–10 incidents)', f.trialCall),
    row(`common cause over 50 open incidents (${f.fifty.count} calls)`, f.fifty),
    row(`the same, first call after an edit (${f.fiftyCold.count} calls)`, f.fiftyCold),
    row(`the same, after an edit once the service has prepared (${f.fiftyPrepared.count} calls)`, f.fiftyPrepared),
    row(`probable causes of one incident (${f.probable.count} services)`, f.probable),
    ['probable causes found', fmtCount(f.probableFound.p50), fmtCount(f.probableFound.p95), fmtCount(f.probableFound.max)],
  ]);
}

function standingText(s: Standing): string {
  return `${s.name}: explains ${s.explains}, hurts ${s.hurtOthers} other services, ${s.atRiskOthers} only at risk, score ${s.score.toFixed(2)}`;
}

function printMisses(f: IncidentFigures): void {
  console.log(`\nIdentifiable trials the culprit missed top-1 (${f.misses.length}):`);
  for (const m of f.misses) {
    console.log(`  trial ${m.trial}${m.noisy ? ' (noise)' : ''}, ${m.incidents} incidents${m.beaten ? ', beaten' : ''}${m.winnerAsLikely ? ', the first as likely by the trials\' own draw' : ''}\n    first   ${standingText(m.winner)}\n    culprit ${standingText(m.culprit)}`);
  }
}

function printIncidentTargets(n: number, f: IncidentFigures): void {
  const pct = (r: HitRates) => (r.trials === 0 ? NaN : (100 * r.top1) / r.trials);
  const clean = pct(f.clean.identifiable);
  const noisy = pct(f.noisy.identifiable);
  const verdict = (value: number, limit: number, lessIsBetter = true) => (Number.isNaN(value) ? 'no trial' : check(value, limit, lessIsBetter));
  printTable(`Incident targets (issue 12) — measured at ${fmtCount(n)} CIs`, [
    ['target', 'limit', 'measured', '', 'detail'],
    ['top-1, identifiable trials without noise', '≥ 95%', rate(f.clean.identifiable, f.clean.identifiable.top1), verdict(clean, 95, false), `top-3 ${rate(f.clean.identifiable, f.clean.identifiable.top3)}`],
    [
      'top-1, identifiable trials with noise',
      '≥ 85%',
      rate(f.noisy.identifiable, f.noisy.identifiable.top1),
      verdict(noisy, 85, false),
      `top-3 ${rate(f.noisy.identifiable, f.noisy.identifiable.top3)}; ceiling ${rate(f.noisy.identifiable, f.noisy.identifiable.trials - f.noisy.beaten)} (not beaten), ${rate(f.noisy.identifiable, f.noisy.likeliest)} (likeliest by the trials' own draw)`,
    ],
    ['common cause over 50 open incidents (max)', '≤ 50 ms', fmtMs(f.fifty.max), check(f.fifty.max, 50), `p50 ${fmtMs(f.fifty.p50)}; first call after an edit p50 ${fmtMs(f.fiftyCold.p50)}, once prepared ${fmtMs(f.fiftyPrepared.p50)}`],
    [`probable causes, ${fmtCount(f.changes)} changes in the lookback (max)`, '≤ 10 ms', fmtMs(f.probable.max), check(f.probable.max, 10), `p50 ${fmtMs(f.probable.p50)}`],
  ]);
}

async function inner(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const build = process.env[OPEN_CHILD_ENV] ? 'bundled (out/bench)' : 'sources under tsx';
  console.log(`Faultline bench — ${build}, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${load()}, seed ${args.seed}`);
  let last: { n: number; impact: ImpactFigures | null; storage: StorageFigures | null; changes: ChangeFigures | null; incidents: IncidentFigures | null } | null = null;
  for (const n of args.sizes) {
    const generated = time(() => generateSyntheticCmdb({ cis: n, seed: args.seed }));
    const document = generated.value;
    console.log(`\n=== ${fmtCount(n)} CIs: generated ${fmtCount(document.relationships.length)} relationships in ${fmtMs(generated.ms)} ===`);
    const storage = args.sections.has('storage') ? await storageBench(document, { edits: 200, seed: args.seed }) : null;
    if (storage) printStorage(n, storage);
    const impact = args.sections.has('impact') ? impactBench(document, { seed: args.seed, peers: args.peers }) : null;
    if (impact) printImpact(n, impact);
    const changes = args.sections.has('changes') ? changeBench(document, { seed: args.seed, changes: 1000 }) : null;
    if (changes) printChanges(n, changes);
    const incidents = args.sections.has('incidents')
      ? incidentBench(document, { seed: args.seed, trials: args.incidentTrials, budgetMs: args.incidentBudgetMs, changes: 1000, fiftyCalls: 20, coldCalls: 5, probableCalls: 30 })
      : null;
    if (incidents) printIncidents(n, incidents);
    if (incidents && args.incidentMisses) printMisses(incidents);
    last = { n, impact, storage, changes, incidents };
  }
  if (last && last.n >= 100_000 && last.impact && last.changes) printTargetsCheck(last.impact, last.storage, last.changes);
  if (last?.incidents) printIncidentTargets(last.n, last.incidents);
  console.log(`\nload average now ${load()}; bench took ${fmtMs(performance.now() - started)}`);
}

if (process.env[CHILD_FLAG] === '1') {
  await inner();
} else {
  const fromSource = process.argv.includes('--source');
  const bundle = fromSource ? null : await bundleBench();
  const script = bundle ? [bundle.run] : ['--import', 'tsx', fileURLToPath(import.meta.url)];
  const env = { ...process.env, [CHILD_FLAG]: '1', ...(bundle ? { [OPEN_CHILD_ENV]: bundle.openChild } : {}) };
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...script, ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}
