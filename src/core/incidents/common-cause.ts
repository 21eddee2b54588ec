// The common cause of several incidents: the CIs whose failure would explain the most of them
// (their blast radius, redundancy respected, takes an affected CI of the incident down or
// degraded: a CI only left at_risk still works, so a redundancy group member explains nothing
// while the group stands), then the
// fewest other services impacted. Candidates come from what the affected CIs stand on (the
// upstream walk bounds how many incidents a CI can explain); the most promising are checked with
// the real blast radius until no unchecked one can do better.
import { explanationPath, impactIndex, levelAt } from '../../shared/impact-types';
import type { CommonCauseCandidate, CommonCauseResult, Incident } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { blastRadius } from '../impact';
import { upstreamOf } from './probable-causes';

export interface CommonCauseOptions {
  /** How many ranked candidates to return. */
  limit?: number;
  /** At most this many blast radii are computed (the candidates that can explain the most first). */
  budget?: number;
}

interface Bound {
  ciId: string;
  /** Incidents whose affected CIs stand on it: at most this many can it explain. */
  reach: number;
  distanceSum: number;
}

function boundsOf(graph: CmdbGraph, incidents: readonly Incident[]): Bound[] {
  const bounds = new Map<string, Bound>();
  for (const incident of incidents) {
    const upstream = upstreamOf(graph, incident.affectedCiIds);
    for (const [ciId, distance] of upstream.entries()) {
      const b = bounds.get(ciId);
      if (b) {
        b.reach++;
        b.distanceSum += distance;
      } else bounds.set(ciId, { ciId, reach: 1, distanceSum: distance });
    }
  }
  // Most incidents first; among equals the nearest to them (a smaller blast radius, likely the better explanation).
  return [...bounds.values()].sort((a, b) => b.reach - a.reach || a.distanceSum - b.distanceSum || (a.ciId < b.ciId ? -1 : 1));
}

function better(a: CommonCauseCandidate, b: CommonCauseCandidate): number {
  return b.explains.length - a.explains.length || a.otherServices - b.otherServices || (a.ciId < b.ciId ? -1 : 1);
}

export function commonCause(graph: CmdbGraph, incidents: readonly Incident[], options: CommonCauseOptions = {}): CommonCauseResult {
  const limit = options.limit ?? 5;
  const budget = options.budget ?? 60;
  const incidentServices = new Set(incidents.flatMap((i) => [...i.affectedServices.map((s) => s.id), ...i.affectedCiIds]));
  const ranked: CommonCauseCandidate[] = [];
  let checked = 0;
  for (const bound of boundsOf(graph, incidents)) {
    if (checked >= budget) break;
    // No unchecked candidate can explain more than the last one kept.
    if (ranked.length >= limit && bound.reach < ranked[limit - 1].explains.length) break;
    checked++;
    const result = blastRadius(graph, { targets: [{ ciId: bound.ciId, mode: 'down' }] });
    const index = impactIndex(result);
    const atRisk = new Set<string>();
    for (const page of result.impacted.pages) for (let j = 0; j < page.id.length; j++) if (levelAt(page, j) === 'at_risk') atRisk.add(page.id[j]);
    const explains: string[] = [];
    const leftOver: string[] = [];
    const paths: CommonCauseCandidate['paths'] = [];
    for (const incident of incidents) {
      const hit = incident.affectedCiIds.find((id) => index.has(id) && !atRisk.has(id));
      if (hit === undefined) {
        leftOver.push(incident.id);
        continue;
      }
      explains.push(incident.id);
      paths.push({ incidentId: incident.id, path: explanationPath(index, hit)?.path ?? [hit] });
    }
    if (explains.length === 0) continue;
    const otherServices = result.services.filter((s) => !incidentServices.has(s.id)).length;
    ranked.push({ ciId: bound.ciId, name: graph.getCi(bound.ciId)?.name ?? bound.ciId, explains, leftOver, otherServices, paths });
    ranked.sort(better);
    if (ranked.length > limit) ranked.length = limit;
  }
  const top = ranked[0];
  const summary = top
    ? `${top.name} explains ${top.explains.length} of ${incidents.length} incident${incidents.length === 1 ? '' : 's'}`
    : incidents.length === 0
      ? 'no open incident to explain'
      : 'no CI explains these incidents';
  return { incidentIds: incidents.map((i) => i.id), candidates: ranked, summary };
}
