// Windows in time: weekly occurrences laid out on the local calendar of their zone (right across
// a daylight-saving change), overnight occurrences, one-off windows, edges that only touch.
import { describe, expect, it } from 'vitest';
import { coveredBy, intervalOf, occurrenceIntervals, overlaps, windowOccurrences } from '../../../../src/core/changes';
import { ScheduleWindowSchema, type ScheduleWindow } from '../../../../src/shared/schedule-windows';

function weekly(weekdays: number[], startTime: string, endTime: string, timeZone: string): ScheduleWindow {
  return ScheduleWindowSchema.parse({
    id: 'win_1',
    name: 'DB Sundays',
    kind: 'maintenance',
    ciIds: [],
    timeZone,
    schedule: { type: 'weekly', weekdays, startTime, endTime },
    description: '',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
}

const range = (start: string, end: string) => intervalOf({ start, end });
const spans = (w: ScheduleWindow, start: string, end: string) => windowOccurrences(w, range(start, end)).map((o) => `${o.start}/${o.end}`);

describe('a weekly window in a named time zone', () => {
  const sundays = weekly([0], '01:00', '05:00', 'Europe/Paris');

  it('keeps its local hours across the spring daylight-saving change (Paris, 29 March 2026)', () => {
    expect(spans(sundays, '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
      // CET (UTC+1): 01:00–05:00 local is 00:00–04:00 UTC.
      '2026-03-22T00:00:00.000Z/2026-03-22T04:00:00.000Z',
      // The clocks go 02:00 → 03:00 that night: 01:00 CET to 05:00 CEST is three hours.
      '2026-03-29T00:00:00.000Z/2026-03-29T03:00:00.000Z',
      // CEST (UTC+2): 23:00 the evening before to 03:00 UTC.
      '2026-04-04T23:00:00.000Z/2026-04-05T03:00:00.000Z',
    ]);
  });

  it('and across the autumn change (Paris, 25 October 2026: 01:00–05:00 is five hours long)', () => {
    expect(spans(sundays, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual(['2026-10-24T23:00:00.000Z/2026-10-25T04:00:00.000Z']);
  });

  it('reads the same wall clock in another zone (New York changes on 8 March 2026)', () => {
    const ny = weekly([0], '01:00', '05:00', 'America/New_York');
    expect(spans(ny, '2026-03-01T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([
      '2026-03-01T06:00:00.000Z/2026-03-01T10:00:00.000Z',
      '2026-03-08T06:00:00.000Z/2026-03-08T09:00:00.000Z',
    ]);
  });

  it('an end at or before the start runs into the next day', () => {
    const saturdayNight = weekly([6], '22:00', '02:00', 'UTC');
    expect(spans(saturdayNight, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual(['2026-02-28T22:00:00.000Z/2026-03-01T02:00:00.000Z']);
  });

  it('starts and stops on its from/until dates', () => {
    const bounded = ScheduleWindowSchema.parse({ ...sundays, schedule: { ...sundays.schedule, from: '2026-03-08', until: '2026-03-15' } });
    expect(spans(bounded, '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z')).toHaveLength(2);
  });

  it('refuses an unknown time zone and a bad wall time, naming the field', () => {
    const bad = ScheduleWindowSchema.safeParse({ ...sundays, timeZone: 'Mars/Olympus', schedule: { ...sundays.schedule, startTime: '25:00' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['schedule.startTime', 'timeZone']);
  });
});

describe('overlap and cover', () => {
  it('windows that only touch at an edge do not overlap', () => {
    expect(overlaps(range('2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z'), range('2026-03-01T02:00:00Z', '2026-03-01T03:00:00Z'))).toBe(false);
    expect(overlaps(range('2026-03-01T01:00:00Z', '2026-03-01T02:00:01Z'), range('2026-03-01T02:00:00Z', '2026-03-01T03:00:00Z'))).toBe(true);
  });

  it('a span is covered only when it lies wholly inside occurrences, back-to-back ones counting as one', () => {
    const daily = weekly([0, 1, 2, 3, 4, 5, 6], '00:00', '00:00', 'UTC');
    const occurrences = occurrenceIntervals(daily, range('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z'));
    expect(coveredBy(range('2026-03-01T22:00:00Z', '2026-03-02T02:00:00Z'), occurrences)).toBe(true);
    const sundays = occurrenceIntervals(weekly([0], '01:00', '05:00', 'UTC'), range('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'));
    expect(coveredBy(range('2026-03-01T01:00:00Z', '2026-03-01T05:00:00Z'), sundays)).toBe(true);
    expect(coveredBy(range('2026-03-01T04:00:00Z', '2026-03-01T05:30:00Z'), sundays)).toBe(false);
  });
});
