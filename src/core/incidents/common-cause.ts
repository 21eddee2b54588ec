// The common cause of several incidents: the CI whose failure best explains them. A CI explains an
// incident when it is one of its affected CIs or its blast radius (redundancy respected) takes one
// of them down or degraded: a CI only left at_risk still works, so a redundancy group member
// explains nothing while the group stands.
//
// Ranking: how much likelier the CI's failure makes the incidents than chance (a log-likelihood
// ratio, see causeScore). Were it down, each service it takes down or degrades would file an
// incident with one chance, the share of them that did: the incidents it explains against the
// other services (besides the incidents' own) it hurts and that stay silent; any other service
// files one at a noise rate of one in a thousand. So explaining one more incident
// is worth much when few hurt services stay silent and little for a hub that hurts hundreds:
// "explains 5 of 6, INC6 left over" is the answer when the sixth is noise, though a hub reaches
// all six. A service left only at risk still works and counts no more than any other. Ties:
// more explained, then fewer other services (at risk included), then id.
//
// Exact, and fast on a large CMDB: two reach tables bound every CI's score without a blast radius
// (the incidents its failure could reach at all, over any relationship; the services it is sure to
// hurt, over hard ones; the score grows with the first and falls with the second), and the real
// blast radius is computed for the CIs in order of that bound until no unchecked one can beat the
// ones kept.
import type { CommonCauseCandidate, CommonCauseResult, Incident } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { rowPopcount } from '../impact/condensation';
import { serviceReachOf } from '../impact/service-reach';
import { effectPath, failureEffectOf, hurtIndex, type FailureEffect } from './failure-effects';
import { explainableCis } from './incident-reach';

export interface CommonCauseOptions {
  /** How many ranked candidates to return. */
  limit?: number;
  /** At most this many blast radii are computed (in order of the bound); the ranking is exact unless it runs out. */
  budget?: number;
}

/**
 * How often a service has an incident open that has nothing to do with the cause: one in a
 * thousand. A round figure, not fitted to the bench (its accuracy at 1/2000 and 1/500 is in the
 * issue 12 notes); a higher rate makes an incident left over cheaper.
 */
export const NOISE_RATE = 0.001;

/**
 * A cause's score: the log-likelihood ratio of the incidents, were the CI down, against chance.
 * Each of the explains + hurtOthers services its failure hurts would file an incident with one
 * chance p, taken at its likeliest, explains / (explains + hurtOthers); any service files one at
 * NOISE_RATE otherwise. It grows with explains and falls with hurtOthers (p is kept at the noise
 * rate or above, where both hold), so bounds on the two bound the score.
 */
export function causeScore(explains: number, hurtOthers: number): number {
  if (explains === 0) return 0;
  const p = Math.max(NOISE_RATE, explains / (explains + hurtOthers));
  return explains * Math.log(p / NOISE_RATE) + (hurtOthers === 0 ? 0 : hurtOthers * Math.log((1 - p) / (1 - NOISE_RATE)));
}

interface Checked {
  ci: number;
  /** Indexes into the incidents. */
  explains: number[];
  otherServices: number;
  atRiskOthers: number;
  score: number;
  /** Per explained incident, the incident's CI its failure hurts (the path to it is traced for the kept CIs only). */
  hits: number[];
  effect: FailureEffect;
}

function better(ix: GraphIndexes, a: Checked, b: Checked): number {
  return b.score - a.score || b.explains.length - a.explains.length || a.otherServices - b.otherServices || (ix.ciIds[a.ci] < ix.ciIds[b.ci] ? -1 : 1);
}

/**
 * The CIs that could explain an incident, best bound first. They are grouped by the most
 * incidents each could explain; a group's bounds (with the fewest other services each must
 * reach) are worked out only when the search gets to its ceiling, announced first (ci -1): once
 * the weakest kept CI beats a ceiling, nothing further can.
 */
function* candidatesInOrder(ix: GraphIndexes, affected: readonly number[][], incidentCi: Uint8Array): Generator<{ ci: number; bound: number }> {
  const k = affected.length;
  const { cis, most } = explainableCis(ix, affected);
  // Grouped by the most incidents each could explain.
  const groupStart = new Int32Array(k + 2);
  for (let u = 0; u < cis.length; u++) groupStart[most[u] + 1]++;
  for (let e = 0; e <= k; e++) groupStart[e + 1] += groupStart[e];
  const fill = groupStart.slice(0, k + 1);
  const byMost = new Int32Array(cis.length);
  for (let u = 0; u < cis.length; u++) byMost[fill[most[u]]++] = cis[u];

  const reach = serviceReachOf(ix);
  let without: Uint32Array | undefined;
  if (reach) {
    without = new Uint32Array(reach.width);
    for (let i = 0; i < ix.n; i++) if (incidentCi[i] === 1 && reach.column[i] >= 0) without[reach.column[i] >>> 5] |= 1 << (reach.column[i] & 31);
  }
  // One group's CIs sorted by bound, packed as (fewest other services it must hurt, CI) in one number so that a typed sort orders them.
  const groupOf = (e: number): { e: number; packed: Float64Array; at: number } => {
    const packed = new Float64Array(groupStart[e + 1] - groupStart[e]);
    for (let q = groupStart[e]; q < groupStart[e + 1]; q++) {
      const i = byMost[q];
      let hurt = 0;
      if (reach) {
        // A blast radius does not list its target.
        const self = reach.column[i] >= 0 && incidentCi[i] === 0 ? 1 : 0;
        hurt = rowPopcount(reach.hurtBits, reach.cond.comp[i] * reach.width, reach.width, without) - self;
      }
      packed[q - groupStart[e]] = hurt * ix.n + i;
    }
    return { e, packed: packed.sort(), at: 0 };
  };
  // The open groups merged by bound; the next group opens once its ceiling reaches the best bound left.
  const open: ReturnType<typeof groupOf>[] = [];
  let next = k;
  for (;;) {
    let best: ReturnType<typeof groupOf> | null = null;
    let bestBound = -Infinity;
    for (const g of open) {
      if (g.at >= g.packed.length) continue;
      const bound = causeScore(g.e, Math.floor(g.packed[g.at] / ix.n));
      if (bound > bestBound) {
        best = g;
        bestBound = bound;
      }
    }
    if (next >= 1 && causeScore(next, 0) >= bestBound) {
      yield { ci: -1, bound: causeScore(next, 0) };
      open.push(groupOf(next--));
      continue;
    }
    if (!best) return;
    yield { ci: best.packed[best.at] % ix.n, bound: bestBound };
    best.at++;
  }
}

/** The real blast radius of CI `ci` taken down: which incidents it explains and how many other services it reaches. */
function check(graph: CmdbGraph, ci: number, affected: readonly number[][], incidentCi: Uint8Array): Checked {
  const effect = failureEffectOf(graph, ci);
  const explains: number[] = [];
  const hits: number[] = [];
  affected.forEach((cis, j) => {
    const hit = cis.find((a) => hurtIndex(effect, a) >= 0);
    if (hit === undefined) return;
    explains.push(j);
    hits.push(hit);
  });
  let hurtOthers = 0;
  let atRiskOthers = 0;
  for (const v of effect.hurtServices) if (incidentCi[v] === 0) hurtOthers++;
  for (const v of effect.atRiskServices) if (incidentCi[v] === 0) atRiskOthers++;
  return { ci, explains, otherServices: hurtOthers + atRiskOthers, atRiskOthers, score: causeScore(explains.length, hurtOthers), hits, effect };
}

/** A kept CI as the operation answers it: names, what is left over, and the path to each incident it explains. */
function candidateOf(ix: GraphIndexes, checked: Checked, incidents: readonly Incident[]): CommonCauseCandidate {
  const explained = new Set(checked.explains);
  return {
    ciId: ix.ciIds[checked.ci],
    name: ix.cis[checked.ci].name,
    explains: checked.explains.map((j) => incidents[j].id),
    leftOver: incidents.filter((_, j) => !explained.has(j)).map((i) => i.id),
    otherServices: checked.otherServices,
    atRiskOtherServices: checked.atRiskOthers,
    paths: checked.explains.map((j, k) => ({ incidentId: incidents[j].id, path: effectPath(ix, checked.effect, checked.hits[k]) })),
  };
}

export function commonCause(graph: CmdbGraph, incidents: readonly Incident[], options: CommonCauseOptions = {}): CommonCauseResult {
  const limit = options.limit ?? 5;
  const budget = options.budget ?? 2000;
  const ix = graph.indexes();
  const affected = incidents.map((incident) => incident.affectedCiIds.flatMap((id) => ix.indexOf.get(id) ?? []));
  // The incidents' own CIs and services: reaching them is no cost.
  const incidentCi = new Uint8Array(ix.n);
  for (const incident of incidents) {
    for (const id of [...incident.affectedCiIds, ...incident.affectedServices.map((s) => s.id)]) {
      const i = ix.indexOf.get(id);
      if (i !== undefined) incidentCi[i] = 1;
    }
  }
  const kept: Checked[] = [];
  let checks = 0;
  let complete = true;
  for (const { ci, bound } of candidatesInOrder(ix, affected, incidentCi)) {
    // Kept in order, so the last kept is the weakest: no unchecked CI can beat it.
    if (kept.length >= limit && kept[limit - 1].score > bound) break;
    if (ci < 0) continue;
    if (checks >= budget) {
      complete = false;
      break;
    }
    checks++;
    const checked = check(graph, ci, affected, incidentCi);
    if (checked.explains.length === 0) continue;
    kept.push(checked);
    kept.sort((a, b) => better(ix, a, b));
    if (kept.length > limit) kept.length = limit;
  }
  const candidates = kept.map((c) => candidateOf(ix, c, incidents));
  const top = candidates[0];
  const summary = top
    ? `${top.name} explains ${top.explains.length} of ${incidents.length} incident${incidents.length === 1 ? '' : 's'}`
    : incidents.length === 0
      ? 'no open incident to explain'
      : 'no CI explains these incidents';
  return { incidentIds: incidents.map((i) => i.id), candidates, summary, checked: checks, complete };
}
