// The incidents list's filtering and sorting, and how an SLA clock reads. Pure: unit-tested in
// test/unit/renderer/incident-screens.test.ts.
import type { IncidentStatus, SlaClock } from '../../shared/incidents';
import type { IncidentListItem } from '../../shared/operations';
import { INCIDENT_STATUSES } from '../../shared/incidents';
import { formatDuration } from '../changes/change-list-model';

export interface IncidentFilters {
  statuses: IncidentStatus[];
  priorities: number[];
  /** An affected service's id, or null for any. */
  serviceId: string | null;
  breachedOnly: boolean;
  text: string;
}

export const NO_INCIDENT_FILTERS: IncidentFilters = { statuses: [], priorities: [], serviceId: null, breachedOnly: false, text: '' };

export type IncidentSortKey = 'number' | 'title' | 'status' | 'priority' | 'opened' | 'sla';

export function filterIncidents(items: readonly IncidentListItem[], filters: IncidentFilters): IncidentListItem[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter(({ incident, sla }) => {
    if (filters.statuses.length && !filters.statuses.includes(incident.status)) return false;
    if (filters.priorities.length && !filters.priorities.includes(incident.priority)) return false;
    if (filters.serviceId && !incident.affectedServices.some((s) => s.id === filters.serviceId)) return false;
    if (filters.breachedOnly && !sla.breached) return false;
    if (words.length) {
      const haystack = `${incident.number} ${incident.title} ${incident.affectedServices.map((s) => s.name).join(' ')}`.toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}

const STATUS_ORDER = new Map<IncidentStatus, number>(INCIDENT_STATUSES.map((status, i) => [status, i]));

/** Time left on the clock that matters now: the response clock until responded, then resolution. */
export function activeClock(item: IncidentListItem): SlaClock {
  return item.sla.response.state === 'running' ? item.sla.response : item.sla.resolution;
}

function compareBy(key: IncidentSortKey, a: IncidentListItem, b: IncidentListItem): number {
  switch (key) {
    case 'number':
      return a.incident.number.length - b.incident.number.length || a.incident.number.localeCompare(b.incident.number);
    case 'title':
      return a.incident.title.localeCompare(b.incident.title);
    case 'status':
      return (STATUS_ORDER.get(a.incident.status) ?? 0) - (STATUS_ORDER.get(b.incident.status) ?? 0);
    case 'priority':
      return a.incident.priority - b.incident.priority;
    case 'opened':
      return Date.parse(a.incident.openedAt) - Date.parse(b.incident.openedAt);
    case 'sla': {
      // Running clocks by time left (breached first), then met ones.
      const left = (item: IncidentListItem) => activeClock(item).leftMs ?? Number.POSITIVE_INFINITY;
      return left(a) - left(b);
    }
  }
}

export function sortIncidents(items: readonly IncidentListItem[], sort: { key: IncidentSortKey; descending: boolean }): IncidentListItem[] {
  const sign = sort.descending ? -1 : 1;
  return [...items].sort((a, b) => sign * (compareBy(sort.key, a, b) || compareBy('number', a, b)));
}

/** "2 h 10 min left", "breached 35 min ago" ("35 min late" where room is short), "met". */
export function slaText(clock: SlaClock, short = false): string {
  if (clock.state === 'met' || clock.leftMs === null) return 'met';
  if (clock.leftMs >= 0) return `${formatDuration(clock.leftMs)} left`;
  return short ? `${formatDuration(-clock.leftMs)} late` : `breached ${formatDuration(-clock.leftMs)} ago`;
}

/** Every affected service named by the incidents, for the service filter. */
export function servicesOf(items: readonly IncidentListItem[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const { incident } of items) for (const s of incident.affectedServices) byId.set(s.id, s.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The badge class of a CI with open incidents, by the highest priority among them (P3–P5 share one). */
export type IncidentBadge = 'incident-p1' | 'incident-p2' | 'incident-p3';
export const INCIDENT_BADGES: readonly IncidentBadge[] = ['incident-p1', 'incident-p2', 'incident-p3'];

/** Per CI named by an open incident, the badge of the highest priority among its open incidents. */
export function incidentBadges(items: readonly IncidentListItem[]): Map<string, IncidentBadge> {
  const highest = new Map<string, number>();
  for (const { incident } of items) {
    if (incident.status === 'resolved' || incident.status === 'closed') continue;
    for (const id of incident.affectedCiIds) highest.set(id, Math.min(highest.get(id) ?? 5, incident.priority));
  }
  return new Map([...highest].map(([id, priority]) => [id, INCIDENT_BADGES[Math.min(priority, 3) - 1]]));
}
