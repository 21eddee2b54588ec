// Incidents per CI or service over a period: how many, and the mean time to restore of those
// resolved; read by the inspector and by change risk ("incidents on the targets and their
// impacted services").
import type { Incident } from '../../shared/incidents';

/** True when the incident names the CI as affected or hurts it as a service. */
export function incidentTouches(incident: Incident, ciIds: ReadonlySet<string>): boolean {
  return incident.affectedCiIds.some((id) => ciIds.has(id)) || incident.affectedServices.some((s) => ciIds.has(s.id));
}

export interface IncidentStats {
  count: number;
  open: number;
  /** Mean minutes from opened to resolved over the resolved ones; null when none is. */
  mttrMinutes: number | null;
}

/** Incidents opened in [since, until] touching any of `ciIds`. */
export function incidentsTouching(incidents: Iterable<Incident>, ciIds: ReadonlySet<string>, since: number, until: number): Incident[] {
  const out: Incident[] = [];
  for (const incident of incidents) {
    const opened = Date.parse(incident.openedAt);
    if (opened >= since && opened <= until && incidentTouches(incident, ciIds)) out.push(incident);
  }
  return out;
}

export function incidentStats(incidents: readonly Incident[]): IncidentStats {
  const restored = incidents.filter((i) => i.resolvedAt !== null);
  const total = restored.reduce((sum, i) => sum + (Date.parse(i.resolvedAt as string) - Date.parse(i.openedAt)), 0);
  return {
    count: incidents.length,
    open: incidents.filter((i) => i.status === 'new' || i.status === 'in_progress' || i.status === 'on_hold').length,
    mttrMinutes: restored.length === 0 ? null : Math.round(total / restored.length / 60_000),
  };
}
