// The pure logic behind the Changes, CAB and Schedule screens: filtering and sorting the list, the
// CAB's agenda and vote tally, the calendar's ranges and bars, the detail's service paths.
import { describe, expect, it } from 'vitest';
import type { Change, ChangeEvent } from '../../../src/shared/changes';
import type { ChangeListItem } from '../../../src/shared/operations';
import { impactedColumns, type BlastRadiusResult, type ImpactedCi } from '../../../src/shared/impact-types';
import { filterChanges, formatDuration, fromLocalInput, NO_FILTERS, sortChanges, toLocalInput } from '../../../src/renderer/changes/change-list-model';
import { cabAgenda, knownMembers, voteTally, windowBeforeMeeting } from '../../../src/renderer/changes/cab-model';
import { barGeometry, scheduleRange, shiftAnchor } from '../../../src/renderer/changes/schedule-model';
import { factorBars, serviceRows } from '../../../src/renderer/changes/change-impact-model';

const T = '2026-12-01T00:00:00.000Z';

function item(number: string, fields: Partial<Change> = {}, band: ChangeListItem['risk']['band'] = 'low', score = 10, conflictCount = 0): ChangeListItem {
  const change: Change = {
    id: `chg-${number}`,
    number,
    title: `Change ${number}`,
    description: '',
    type: 'normal',
    state: 'draft',
    targets: [],
    window: null,
    implementer: '',
    rollbackPlan: '',
    events: [],
    impactSnapshot: null,
    review: null,
    createdAt: T,
    updatedAt: T,
    ...fields,
  };
  return { change, risk: { score, band }, conflictCount };
}

const win = (start: string, end: string) => ({ start, end });

const items = [
  item('CHG0001', { state: 'reviewed', title: 'Grow the catalog volume', window: win('2026-11-22T00:00:00Z', '2026-11-22T02:00:00Z') }, 'medium', 43),
  item('CHG0002', { state: 'scheduled', implementer: 'Jonas Berg', window: win('2026-12-06T21:00:00Z', '2026-12-07T01:00:00Z') }, 'high', 55, 1),
  item('CHG0010', { state: 'cab_review', type: 'emergency', window: win('2026-12-13T00:00:00Z', '2026-12-13T02:00:00Z') }, 'very_high', 80, 3),
  item('CHG0003', { state: 'cab_review' }, 'low', 5),
];

describe('the changes list', () => {
  it('filters by state, type, band, words and planned window; a change without a window is left out once a window filter is set', () => {
    const numbers = (filters: Partial<typeof NO_FILTERS>) => filterChanges(items, { ...NO_FILTERS, ...filters }).map((i) => i.change.number);
    expect(numbers({})).toEqual(['CHG0001', 'CHG0002', 'CHG0010', 'CHG0003']);
    expect(numbers({ states: ['cab_review'] })).toEqual(['CHG0010', 'CHG0003']);
    expect(numbers({ states: ['cab_review'], types: ['emergency'] })).toEqual(['CHG0010']);
    expect(numbers({ bands: ['high', 'very_high'] })).toEqual(['CHG0002', 'CHG0010']);
    expect(numbers({ text: 'jonas' })).toEqual(['CHG0002']);
    expect(numbers({ text: 'catalog grow' })).toEqual(['CHG0001']);
    // [from, to) meets a window that overlaps it; a window ending at `from` does not.
    expect(numbers({ from: '2026-12-07T01:00:00Z' })).toEqual(['CHG0010']);
    expect(numbers({ from: '2026-12-07T00:00:00Z', to: '2026-12-13T00:00:00Z' })).toEqual(['CHG0002']);
  });

  it('sorts by number as numbers, by risk band then score, by window with unplanned ones last either way', () => {
    const numbers = (key: Parameters<typeof sortChanges>[1]['key'], descending = false) => sortChanges(items, { key, descending }).map((i) => i.change.number);
    expect(numbers('number')).toEqual(['CHG0001', 'CHG0002', 'CHG0003', 'CHG0010']);
    expect(numbers('number', true)).toEqual(['CHG0010', 'CHG0003', 'CHG0002', 'CHG0001']);
    expect(numbers('risk')).toEqual(['CHG0003', 'CHG0001', 'CHG0002', 'CHG0010']);
    expect(numbers('window')).toEqual(['CHG0001', 'CHG0002', 'CHG0010', 'CHG0003']);
    expect(numbers('window', true)).toEqual(['CHG0010', 'CHG0002', 'CHG0001', 'CHG0003']);
    expect(numbers('conflicts', true)).toEqual(['CHG0010', 'CHG0002', 'CHG0003', 'CHG0001']);
    expect(numbers('state')).toEqual(['CHG0003', 'CHG0010', 'CHG0002', 'CHG0001']);
  });

  it('reads and writes datetime-local values as UTC instants, and says how long a window lasts', () => {
    const iso = '2026-12-13T01:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration((26 * 60 + 10) * 60_000)).toBe('1 d 2 h');
  });
});

describe('the CAB meeting', () => {
  const vote = (actor: string, v: 'approve' | 'reject' | 'abstain', at = T): ChangeEvent => ({ at, actor, kind: 'vote', vote: v, text: '' });
  const move = (from: Change['state'], to: Change['state']): ChangeEvent => ({ at: T, actor: 'cm', kind: 'transition', from, to, text: '' });

  it('puts the changes in cab_review on the agenda, soonest window first', () => {
    expect(cabAgenda(items).map((i) => i.change.number)).toEqual(['CHG0010', 'CHG0003']);
  });

  it("counts each member's latest vote since the change last came to the CAB", () => {
    const events = [move('assessed', 'cab_review'), vote('Ann', 'reject'), move('cab_review', 'draft'), move('draft', 'assessed'), move('assessed', 'cab_review'), vote('Ann', 'reject'), vote('Bo', 'approve'), vote('Ann', 'approve'), vote('Cy', 'abstain')];
    expect(voteTally({ events })).toEqual({ approve: ['Ann', 'Bo'], reject: [], abstain: ['Cy'] });
    expect(voteTally({ events: events.slice(0, 2) })).toEqual({ approve: [], reject: ['Ann'], abstain: [] });
  });

  it('offers the members who voted before, and warns of a window before the meeting', () => {
    const voted = [item('CHG0020', { events: [vote('Bo', 'approve'), vote('Ann', 'reject')] }), item('CHG0021', { events: [vote('Bo', 'abstain')] })];
    expect(knownMembers(voted)).toEqual(['Ann', 'Bo']);
    expect(windowBeforeMeeting({ window: win('2026-12-06T12:00:00Z', '2026-12-06T13:00:00Z') }, '2026-12-08')).toBe(true);
    expect(windowBeforeMeeting({ window: win('2026-12-10T12:00:00Z', '2026-12-10T13:00:00Z') }, '2026-12-08')).toBe(false);
    expect(windowBeforeMeeting({ window: null }, '2026-12-08')).toBe(false);
  });
});

describe('the change calendar', () => {
  it('covers the week from its Monday (seven local days) or one day, and moves by calendar days', () => {
    const week = scheduleRange('week', new Date(2026, 11, 10, 15));
    expect(week.start.getDay()).toBe(1);
    expect(week.start.getDate()).toBe(7);
    expect(week.days.map((d) => d.getDate())).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(week.end.getDate()).toBe(14);
    // From a Sunday the week is the one ending that day.
    expect(scheduleRange('week', new Date(2026, 11, 13, 23)).start.getDate()).toBe(7);
    const day = scheduleRange('day', new Date(2026, 2, 29, 10));
    expect(day.days).toHaveLength(1);
    expect(day.end.getDate()).toBe(30);
    expect(shiftAnchor('week', new Date(2026, 2, 25, 12), 1).getDate()).toBe(1);
    expect(shiftAnchor('day', new Date(2026, 2, 29, 12), -1).getDate()).toBe(28);
  });

  it('places a bar by its share of the range, clipped to it, and none outside it', () => {
    const range = scheduleRange('day', new Date(2026, 11, 10, 12));
    const at = (hours: number) => new Date(range.start.getTime() + hours * 3_600_000).toISOString();
    const length = (range.end.getTime() - range.start.getTime()) / 3_600_000;
    const bar = barGeometry(at(6), at(12), range);
    expect(bar?.left).toBeCloseTo((6 / length) * 100);
    expect(bar?.width).toBeCloseTo((6 / length) * 100);
    expect(barGeometry(at(-2), at(1), range)).toEqual({ left: 0, width: expect.closeTo((1 / length) * 100) as unknown as number });
    expect(barGeometry(at(-3), at(0), range)).toBeNull();
    expect(barGeometry(at(length), at(length + 1), range)).toBeNull();
  });
});

describe('the change detail', () => {
  it("names each service's path from the target by CI name", () => {
    const impacted: ImpactedCi[] = [
      { id: 'app', name: 'Order API', class: 'application', criticality: 2, level: 'down', depth: 1, via: { from: 'db', relationshipId: 'r1', type: 'depends_on', strength: 'hard' } },
      { id: 'svc', name: 'Checkout', class: 'business_service', criticality: 1, level: 'down', depth: 2, via: { from: 'app', relationshipId: 'r2', type: 'depends_on', strength: 'hard' } },
    ];
    const result: BlastRadiusResult = {
      targets: [{ ciId: 'db', name: 'orders-db', mode: 'down' }],
      impacted: impactedColumns(impacted),
      services: [{ ...impacted[1], path: ['db', 'app', 'svc'] }],
      totals: { byLevel: { down: 2, degraded: 0, at_risk: 0 }, byClass: {} },
      elapsedMs: 0,
    };
    expect(serviceRows(result)).toEqual([{ id: 'svc', name: 'Checkout', level: 'down', criticality: 1, path: ['orders-db', 'Order API', 'Checkout'] }]);
  });

  it('scales the risk bars to the largest factor', () => {
    const factor = (points: number) => ({ key: 'type' as const, label: 'Change type', detail: '', points });
    expect(factorBars([factor(30), factor(15), factor(0)]).map((b) => b.share)).toEqual([1, 0.5, 0]);
    expect(factorBars([factor(0)]).map((b) => b.share)).toEqual([0]);
  });
});

describe('the risk settings form', () => {
  it('has one row per number of the weights, each reading and writing its own place', async () => {
    const { DEFAULT_RISK_WEIGHTS } = await import('../../../src/shared/risk');
    const { WEIGHT_ROWS, weightAt, withWeight } = await import('../../../src/renderer/changes/risk-weights-form');
    const leaves = (value: unknown, path: string[] = []): string[] =>
      typeof value === 'number' ? [path.join('.')] : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, k]));
    expect(WEIGHT_ROWS.map((r) => r.path.join('.')).sort()).toEqual(leaves(DEFAULT_RISK_WEIGHTS).sort());
    for (const row of WEIGHT_ROWS) {
      const edited = withWeight(DEFAULT_RISK_WEIGHTS, row.path, 777);
      expect(weightAt(edited, row.path)).toBe(777);
      expect(leaves(edited).filter((p) => p !== row.path.join('.')).every((p) => weightAt(edited, p.split('.')) === weightAt(DEFAULT_RISK_WEIGHTS, p.split('.')))).toBe(true);
    }
    expect(DEFAULT_RISK_WEIGHTS.criticality['1']).toBe(30);
  });
});

describe('the window form', () => {
  it('reads a weekly window back into the schedule it came from, and says it in words', async () => {
    const { draftOf, scheduleOf, scheduleText } = await import('../../../src/renderer/changes/window-form');
    const weekly = {
      id: 'win-db',
      name: 'Database tier',
      kind: 'maintenance' as const,
      ciIds: [],
      timeZone: 'Europe/Paris',
      schedule: { type: 'weekly' as const, weekdays: [5, 0], startTime: '22:00', endTime: '02:00', from: '2027-01-01', until: null },
      description: '',
      createdAt: T,
      updatedAt: T,
    };
    expect(scheduleOf(draftOf(weekly, 'UTC'))).toEqual({ ...weekly.schedule, weekdays: [0, 5] });
    expect(scheduleText(weekly)).toBe('Fridays and Sundays 22:00–02:00 (Europe/Paris), from 2027-01-01');
    expect(scheduleText({ ...weekly, schedule: { ...weekly.schedule, weekdays: [0, 1, 2, 3, 4, 5, 6], from: null } })).toBe('Every day 22:00–02:00 (Europe/Paris)');
    const once = { ...weekly, schedule: { type: 'once' as const, start: '2026-12-18T17:00:00.000Z', end: '2027-01-04T07:00:00.000Z' } };
    expect(scheduleOf(draftOf(once, 'UTC'))).toEqual(once.schedule);
    // A new window starts as a weekly Sunday-night maintenance window in the user's zone.
    expect(draftOf(null, 'America/New_York')).toMatchObject({ kind: 'maintenance', type: 'weekly', weekdays: [0], timeZone: 'America/New_York' });
  });
});
