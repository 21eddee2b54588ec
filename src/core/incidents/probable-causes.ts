// Why an incident probably happened: changes implemented within the lookback before it opened
// (or under way when it opened: their window had started and they were implemented after it)
// whose targets are among, or upstream of, its affected CIs (what they stand on, from the impact
// engine's dependencies), ranked by graph distance, then the most recent first, each with its
// path; and open incidents on the same or upstream CIs, probably the same outage.
import type { Change } from '../../shared/changes';
import type { Incident, ProbableCause, SameOutage } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { upstreamWalk } from '../impact/upstream-walk';
import { isOpenIncident } from './incident-kind';

export const DEFAULT_LOOKBACK_HOURS = 72;

/** Per CI the incident's affected CIs stand on (the affected CIs themselves at distance 0): the nearest affected CI and the path from it. */
export interface Upstream {
  get(ciId: string): { distance: number; affectedCiId: string; path: () => string[] } | undefined;
}

/** One breadth-first walk up from all the affected CIs at once; read it before the next walk on the same graph (upstreamWalk reuses its arrays). */
export function upstreamOf(graph: CmdbGraph, affectedCiIds: readonly string[]): Upstream {
  const ix = graph.indexes();
  const roots = [...new Set(affectedCiIds.flatMap((id) => ix.indexOf.get(id) ?? []))];
  const walk = upstreamWalk(ix, roots);
  const { distance, next: parent } = walk;
  const requireCurrent = (): void => {
    if (!walk.current()) throw new Error('upstreamOf: read after a later walk on the same graph reused its arrays');
  };
  // Parent pointers lead from a dependency to the affected CI it was reached from: the direction failure travels.
  const rootOf = (v: number): number => {
    let u = v;
    while (parent[u] >= 0) u = parent[u];
    return u;
  };
  const pathFrom = (v: number): string[] => {
    requireCurrent();
    const path = [ix.ciIds[v]];
    for (let u = v; parent[u] >= 0; u = parent[u]) path.push(ix.ciIds[parent[u]]);
    return path;
  };
  return {
    get(ciId) {
      requireCurrent();
      const v = ix.indexOf.get(ciId);
      if (v === undefined || distance[v] < 0) return undefined;
      return { distance: distance[v], affectedCiId: ix.ciIds[rootOf(v)], path: () => pathFrom(v) };
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

interface ChangeTimes {
  /** implementedAt, or null. */
  at: number | null;
  /** When its work began: the earlier of that and its window's start. */
  began: number;
}

/** Parsed once per change record: records are replaced on every edit, never changed in place, and a call reads 1,000 of them. */
const timesOf = new WeakMap<Change, ChangeTimes>();

function changeTimes(change: Change): ChangeTimes {
  let times = timesOf.get(change);
  if (!times) {
    const at = implementedAt(change);
    times = { at, began: at !== null && change.window ? Math.min(at, Date.parse(change.window.start)) : (at ?? 0) };
    timesOf.set(change, times);
  }
  return times;
}

export function probableCauses(graph: CmdbGraph, incident: Incident, changes: readonly Change[], lookbackHours = DEFAULT_LOOKBACK_HOURS, upstream = upstreamOf(graph, incident.affectedCiIds)): ProbableCause[] {
  const opened = Date.parse(incident.openedAt);
  const since = opened - lookbackHours * 3_600_000;
  const out: (ProbableCause & { at: number })[] = [];
  for (const change of changes) {
    const { at, began } = changeTimes(change);
    if (at === null || at < since) continue;
    // Implemented after the incident opened: a cause only when its work had begun by then.
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
