// Change figures for one generated CMDB (issue 11): 1,000 open changes in generated windows over
// a month, weekly maintenance windows on a tenth of the CIs and a blackout; conflict detection
// for one change (impacts of the other changes already known, as the service keeps them, and
// from cold), for all 1,000 at once from cold, and the risk of a hub change against its blast
// radius.
import { assessChanges, assessRisk, changeImpactCache, conflictsOf, failedChangesNear, riskWeightsOf, conflictIndex } from '../../src/core/changes';
import { cmdbFromDocument } from '../../src/core/graph/load';
import type { Cmdb } from '../../src/core/graph/cmdb';
import type { GraphIndexes } from '../../src/core/graph/csr-index';
import { blastRadius } from '../../src/core/impact/index';
import type { Change } from '../../src/shared/changes';
import type { CmdbDocument } from '../../src/shared/model';
import type { ScheduleWindow } from '../../src/shared/schedule-windows';
import { mulberry32 } from '../support/synthetic-cmdb';
import { failureFanOut } from './plain-bfs';
import { summarize, time, type Summary } from './stats';

export interface ChangeFigures {
  changes: number;
  windows: number;
  setupMs: number;
  /** Conflicts of one change, the other changes' impacts cached (the service's steady state). */
  oneWarm: Summary;
  /** Conflicts of one change with an empty cache (every overlapping change's blast radius computed). */
  oneCold: Summary;
  conflictsFound: Summary;
  /** Risk and conflicts of all changes at once, cold cache. */
  allMs: number;
  /** Hub change: blast radius alone, and the whole risk assessment (blast radius included, conflicts excluded). */
  hubBlast: Summary;
  hubRisk: Summary;
  /** Per hub, risk minus blast radius (least of 5 runs each). */
  hubRiskExtra: Summary;
}

const MONTH_START = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;

function seedChanges(cmdb: Cmdb, ix: GraphIndexes, hubs: number[], count: number, random: () => number): void {
  const pick = () => ix.ciIds[Math.floor(random() * ix.n)];
  const states = ['assessed', 'cab_review', 'approved', 'scheduled'] as const;
  for (let i = 0; i < count; i++) {
    const targets = new Set([pick()]);
    if (random() < 0.3) targets.add(pick());
    if (random() < 0.05) targets.add(ix.ciIds[hubs[Math.floor(random() * hubs.length)]]);
    const start = MONTH_START + Math.floor(random() * 30 * 24) * HOUR;
    const { record } = cmdb.createRecord('change', {
      title: `Generated change ${i + 1}`,
      type: random() < 0.1 ? 'emergency' : random() < 0.3 ? 'standard' : 'normal',
      targets: [...targets].map((ciId) => ({ ciId, mode: random() < 0.8 ? 'down' : 'degraded' })),
      window: { start: new Date(start).toISOString(), end: new Date(start + (1 + Math.floor(random() * 4)) * HOUR).toISOString() },
      implementer: `engineer-${Math.floor(random() * 50)}`,
    });
    // Booked as if it had come through its transitions (their rules are not what is measured here).
    cmdb.replaceRecord('change', record.id, { ...record, state: states[i % states.length] }, () => 'bench');
  }
}

function seedWindows(cmdb: Cmdb, ix: GraphIndexes, random: () => number): void {
  for (let w = 0; w < 20; w++) {
    const ciIds = Array.from({ length: Math.floor(ix.n / 200) }, () => ix.ciIds[Math.floor(random() * ix.n)]);
    cmdb.createRecord('window', {
      name: `Maintenance ${w}`,
      kind: 'maintenance',
      ciIds: [...new Set(ciIds)],
      timeZone: w % 2 === 0 ? 'Europe/Paris' : 'America/New_York',
      schedule: { type: 'weekly', weekdays: [w % 7], startTime: '01:00', endTime: '05:00' },
    });
  }
  cmdb.createRecord('window', { name: 'Year-end freeze', kind: 'blackout', schedule: { type: 'once', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' } });
}

export function changeBench(document: CmdbDocument, options: { seed: number; changes: number }): ChangeFigures {
  const random = mulberry32(options.seed ^ 0xc4a1);
  const setup = time(() => {
    let ids = 0;
    const cmdb = cmdbFromDocument(document, [], { now: () => '2026-11-30T00:00:00.000Z', newId: (p) => `${p}_${++ids}`, actor: 'bench' });
    const ix = cmdb.graph.indexes();
    const fan = failureFanOut(ix);
    const hubs = [...fan.keys()].sort((a, b) => fan[b] - fan[a]).slice(0, 20);
    seedChanges(cmdb, ix, hubs, options.changes, random);
    seedWindows(cmdb, ix, random);
    return { cmdb, ix, hubs };
  });
  const { cmdb, ix, hubs } = setup.value;
  const changes = [...cmdb.records.list('change')] as Change[];
  const windows = [...cmdb.records.list('window')] as ScheduleWindow[];
  const indexes = conflictIndex(changes, windows);
  const sample = Array.from({ length: 50 }, () => changes[Math.floor(random() * changes.length)]);

  const cache = changeImpactCache();
  const warm = cache(cmdb);
  for (const change of changes) warm(change);
  const found: number[] = [];
  const oneWarm = summarize(
    sample.map((change) => {
      const run = time(() => conflictsOf({ graph: cmdb.graph, changes, windows, impactOf: warm }, change, indexes));
      found.push(run.value.length);
      return run.ms;
    }),
  );
  const oneCold = summarize(sample.map((change) => time(() => conflictsOf({ graph: cmdb.graph, changes, windows, impactOf: changeImpactCache()(cmdb) }, change, indexes)).ms));
  const all = time(() => assessChanges(cmdb, changeImpactCache()(cmdb), Date.parse('2026-11-30T00:00:00Z')));

  const hubChanges = hubs.map((h, i): Change => ({ ...changes[0], id: `chg_hub_${i}`, targets: [{ ciId: ix.ciIds[h], mode: 'down' }], impactSnapshot: null }));
  // Per hub, the least of 5 runs of each, taken in turns, so a busy machine charges both alike.
  const { weights } = riskWeightsOf(cmdb);
  const blastTimes: number[] = [];
  const riskTimes: number[] = [];
  const extra: number[] = [];
  for (const c of hubChanges) {
    // Risk given its conflicts (found by conflict detection, measured above): the impact from cold, the history, the scoring.
    const conflicts = conflictsOf({ graph: cmdb.graph, changes, windows, impactOf: warm }, c, indexes);
    let blast = Infinity;
    let risk = Infinity;
    for (let run = 0; run < 5; run++) {
      blast = Math.min(blast, time(() => blastRadius(cmdb.graph, { targets: c.targets })).ms);
      risk = Math.min(
        risk,
        time(() => {
          const impact = changeImpactCache()(cmdb)(c);
          const history = { failedChanges: failedChangesNear(c, impact, changes, Date.parse('2026-11-30T00:00:00Z'), weights.lookbackDays), incidents: 0 };
          return assessRisk(c, impact, conflicts, history, weights);
        }).ms,
      );
    }
    blastTimes.push(blast);
    riskTimes.push(risk);
    extra.push(risk - blast);
  }
  const hubBlast = summarize(blastTimes);
  const hubRisk = summarize(riskTimes);
  const hubRiskExtra = summarize(extra);
  return { changes: changes.length, windows: windows.length, setupMs: setup.ms, oneWarm, oneCold, conflictsFound: summarize(found), allMs: all.ms, hubBlast, hubRisk, hubRiskExtra };
}
