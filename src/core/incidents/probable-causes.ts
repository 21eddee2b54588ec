// Why an incident probably happened: changes implemented within the lookback before it opened
// (or under way when it opened: their window had started and they were implemented after it)
// whose targets are among, or upstream of, its affected CIs (what they stand on, from the impact
// engine's dependencies), ranked by graph distance, then the most recent first, each with its
// path; and open incidents on the same or upstream CIs, probably the same outage.
import type { Change } from '../../shared/changes';
import { explanationPath, impactIndex, type DependenciesResult, type ImpactIndex } from '../../shared/impact-types';
import type { Incident, ProbableCause, SameOutage } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { dependencies } from '../impact';
import { isOpenIncident } from './incident-kind';

export const DEFAULT_LOOKBACK_HOURS = 72;

/** Per CI the incident's affected CIs stand on (the affected CIs themselves at distance 0): the nearest affected CI and the path from it. */
export interface Upstream {
  get(ciId: string): { distance: number; affectedCiId: string; path: () => string[] } | undefined;
  /** Every CI reached, with its distance. */
  entries(): Iterable<[string, number]>;
}

export function upstreamOf(graph: CmdbGraph, affectedCiIds: readonly string[]): Upstream {
  const best = new Map<string, { distance: number; affectedCiId: string; result: DependenciesResult | null }>();
  for (const affected of affectedCiIds) {
    if (!graph.hasCi(affected)) continue;
    best.set(affected, { distance: 0, affectedCiId: affected, result: null });
  }
  for (const affected of affectedCiIds) {
    if (!graph.hasCi(affected)) continue;
    const result = dependencies(graph, affected);
    for (const entry of result.dependencies) {
      const seen = best.get(entry.id);
      if (!seen || entry.depth < seen.distance) best.set(entry.id, { distance: entry.depth, affectedCiId: affected, result });
    }
  }
  // One index per dependencies result, built on the first path asked of it: building it costs a
  // walk of the whole upstream, which a path per probable cause must not repeat.
  const indexes = new Map<DependenciesResult, ImpactIndex>();
  const indexOf = (result: DependenciesResult): ImpactIndex => {
    let index = indexes.get(result);
    if (!index) indexes.set(result, (index = impactIndex(result)));
    return index;
  };
  return {
    *entries() {
      for (const [ciId, hit] of best) yield [ciId, hit.distance];
    },
    get(ciId) {
      const hit = best.get(ciId);
      if (!hit) return undefined;
      const { result } = hit;
      // Dependencies explain from the affected CI to the dependency; a cause reads the other way, in the direction failure travels.
      return { distance: hit.distance, affectedCiId: hit.affectedCiId, path: () => (result ? (explanationPath(indexOf(result), ciId)?.path ?? [ciId]).slice().reverse() : [ciId]) };
    },
  };
}

/** When a change was implemented: its move to `implemented`, else (an imported change) the end of its window. */
export function implementedAt(change: Change): number | null {
  for (let i = change.events.length - 1; i >= 0; i--) {
    const event = change.events[i];
    if (event.kind === 'transition' && event.to === 'implemented') return Date.parse(event.at);
  }
  if ((change.state === 'implemented' || change.state === 'reviewed') && change.window) return Date.parse(change.window.end);
  return null;
}

export function probableCauses(graph: CmdbGraph, incident: Incident, changes: readonly Change[], lookbackHours = DEFAULT_LOOKBACK_HOURS, upstream = upstreamOf(graph, incident.affectedCiIds)): ProbableCause[] {
  const opened = Date.parse(incident.openedAt);
  const since = opened - lookbackHours * 3_600_000;
  const out: (ProbableCause & { at: number })[] = [];
  for (const change of changes) {
    const at = implementedAt(change);
    if (at === null || at < since) continue;
    // Implemented after the incident opened: a cause only when its work had begun by then.
    const began = change.window ? Math.min(at, Date.parse(change.window.start)) : at;
    if (began > opened) continue;
    let nearest: { targetId: string; hit: NonNullable<ReturnType<Upstream['get']>> } | null = null;
    for (const target of change.targets) {
      const hit = upstream.get(target.ciId);
      if (hit && (!nearest || hit.distance < nearest.hit.distance)) nearest = { targetId: target.ciId, hit };
    }
    if (!nearest) continue;
    out.push({
      at,
      changeId: change.id,
      changeNumber: change.number,
      title: change.title,
      implementedAt: new Date(at).toISOString(),
      distance: nearest.hit.distance,
      targetId: nearest.targetId,
      affectedCiId: nearest.hit.affectedCiId,
      path: nearest.hit.path(),
    });
  }
  out.sort((a, b) => a.distance - b.distance || b.at - a.at || (a.changeNumber < b.changeNumber ? -1 : 1));
  return out.map(({ at: _at, ...cause }) => cause);
}

export function sameOutage(graph: CmdbGraph, incident: Incident, incidents: readonly Incident[], upstream = upstreamOf(graph, incident.affectedCiIds)): SameOutage[] {
  const out: SameOutage[] = [];
  for (const other of incidents) {
    if (other.id === incident.id || !isOpenIncident(other)) continue;
    let nearest: { distance: number; path: string[] } | null = null;
    for (const ciId of other.affectedCiIds) {
      const hit = upstream.get(ciId);
      if (hit && (!nearest || hit.distance < nearest.distance)) nearest = { distance: hit.distance, path: hit.path() };
    }
    if (nearest) out.push({ incidentId: other.id, number: other.number, title: other.title, ...nearest });
  }
  return out.sort((a, b) => a.distance - b.distance || (a.number < b.number ? -1 : 1));
}
