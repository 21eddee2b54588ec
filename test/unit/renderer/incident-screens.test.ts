// The pure logic behind the Incidents screen: filters, sort, SLA wording, and the graph's badges.
import { describe, expect, it } from 'vitest';
import type { Incident, SlaClock } from '../../../src/shared/incidents';
import type { IncidentListItem } from '../../../src/shared/operations';
import { activeClock, filterIncidents, incidentBadges, NO_INCIDENT_FILTERS, servicesOf, slaText, sortIncidents } from '../../../src/renderer/incidents/incident-list-model';

const T = '2026-12-01T08:00:00.000Z';
const running = (leftMs: number): SlaClock => ({ dueAt: T, state: leftMs >= 0 ? 'running' : 'breached', leftMs });
const met: SlaClock = { dueAt: T, state: 'met', leftMs: null };

function item(number: string, fields: Partial<Incident>, response: SlaClock = met, resolution: SlaClock = met): IncidentListItem {
  const incident: Incident = {
    id: `inc-${number}`,
    number,
    title: `Incident ${number}`,
    description: '',
    affectedCiIds: ['app'],
    affectedServices: [],
    impact: 2,
    suggestedImpact: 2,
    urgency: 2,
    priority: 3,
    status: 'new',
    openedAt: T,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    causedByChangeId: null,
    createdAt: T,
    updatedAt: T,
    ...fields,
  };
  return { incident, sla: { response, resolution, breached: response.state === 'breached' || resolution.state === 'breached' }, problem: null };
}

const checkout = { id: 'svc-checkout', name: 'Checkout', level: 'down' as const, criticality: 1 };
const search = { id: 'svc-search', name: 'Product Search', level: 'degraded' as const, criticality: 2 };
const items = [
  item('INC0001', { status: 'closed', priority: 1, affectedCiIds: ['db'], affectedServices: [checkout], openedAt: '2026-11-22T01:00:00Z' }),
  item('INC0002', { status: 'in_progress', priority: 2, affectedCiIds: ['db', 'app'], affectedServices: [checkout, search] }, met, running(-60_000)),
  item('INC0003', { status: 'new', priority: 4, affectedCiIds: ['app'], affectedServices: [search], openedAt: '2026-12-01T09:00:00Z' }, running(90 * 60_000)),
  item('INC0004', { status: 'on_hold', priority: 3, affectedCiIds: ['mq'] }, met, running(2 * 3_600_000)),
];

describe('the incidents list', () => {
  it('filters by status, priority, affected service, SLA breach and words', () => {
    const numbers = (filters: Partial<typeof NO_INCIDENT_FILTERS>) => filterIncidents(items, { ...NO_INCIDENT_FILTERS, ...filters }).map((i) => i.incident.number);
    expect(numbers({ statuses: ['new', 'on_hold'] })).toEqual(['INC0003', 'INC0004']);
    expect(numbers({ priorities: [1, 2] })).toEqual(['INC0001', 'INC0002']);
    expect(numbers({ serviceId: 'svc-search' })).toEqual(['INC0002', 'INC0003']);
    expect(numbers({ breachedOnly: true })).toEqual(['INC0002']);
    expect(numbers({ text: 'product search' })).toEqual(['INC0002', 'INC0003']);
    expect(servicesOf(items).map((s) => s.name)).toEqual(['Checkout', 'Product Search']);
  });

  it('sorts by SLA time left on the clock that runs now (breached first, met last), and by when opened', () => {
    expect(sortIncidents(items, { key: 'sla', descending: false }).map((i) => i.incident.number)).toEqual(['INC0002', 'INC0003', 'INC0004', 'INC0001']);
    expect(sortIncidents(items, { key: 'opened', descending: true }).map((i) => i.incident.number)).toEqual(['INC0003', 'INC0004', 'INC0002', 'INC0001']);
    expect(sortIncidents(items, { key: 'priority', descending: false }).map((i) => i.incident.number)).toEqual(['INC0001', 'INC0002', 'INC0004', 'INC0003']);
    expect(activeClock(items[2])).toBe(items[2].sla.response);
    expect(activeClock(items[1])).toBe(items[1].sla.resolution);
  });

  it('says how an SLA clock stands', () => {
    expect(slaText(running(90 * 60_000))).toBe('1 h 30 min left');
    expect(slaText(running(-26 * 3_600_000))).toBe('breached 1 d 2 h ago');
    expect(slaText(running(-26 * 3_600_000), true)).toBe('1 d 2 h late');
    expect(slaText(met)).toBe('met');
  });
});

describe('incident badges on the graph', () => {
  it('rings each CI of an open incident by the highest priority among its open incidents; closed and resolved ones ring nothing', () => {
    const badges = incidentBadges(items);
    expect(Object.fromEntries(badges)).toEqual({ db: 'incident-p2', app: 'incident-p2', mq: 'incident-p3' });
    expect(incidentBadges([item('INC0009', { status: 'resolved', priority: 1, affectedCiIds: ['x'] })]).size).toBe(0);
    expect(Object.fromEntries(incidentBadges([item('INC0010', { priority: 5, affectedCiIds: ['y'] })]))).toEqual({ y: 'incident-p3' });
  });
});
