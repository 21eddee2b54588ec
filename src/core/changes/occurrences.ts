// When a maintenance or blackout window is open, as UTC intervals. A weekly window is laid out
// on the local calendar of its time zone (luxon), so "Sundays 01:00–05:00 Europe/Paris" is
// 00:00–04:00 UTC in winter and 23:00–03:00 UTC in summer, and a local time that a spring-
// forward skips is moved forward as the clock is.
import { DateTime } from 'luxon';
import type { ScheduleWindow, WindowOccurrence } from '../../shared/schedule-windows';

export interface Interval {
  start: number;
  end: number;
}

/** Half-open intervals overlap when each starts before the other ends: touching at an edge is no overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function intervalOf(window: { start: string; end: string }): Interval {
  return { start: Date.parse(window.start), end: Date.parse(window.end) };
}

function wallTime(text: string): { hour: number; minute: number } {
  const [hour, minute] = text.split(':').map(Number);
  return { hour, minute };
}

/** The window's occurrences that meet `range`, in start order. */
export function occurrenceIntervals(window: ScheduleWindow, range: Interval): Interval[] {
  const { schedule } = window;
  if (schedule.type === 'once') {
    const only = intervalOf(schedule);
    return overlaps(only, range) ? [only] : [];
  }
  const start = wallTime(schedule.startTime);
  const end = wallTime(schedule.endTime);
  const overnight = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const weekdays = new Set(schedule.weekdays);
  const out: Interval[] = [];
  // An occurrence starting the local day before the range may still reach into it.
  let day = DateTime.fromMillis(range.start, { zone: window.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(range.end, { zone: window.timeZone }).startOf('day');
  for (; day <= last; day = day.plus({ days: 1 })) {
    if (!weekdays.has(day.weekday % 7)) continue;
    const date = day.toISODate() as string;
    if (schedule.from !== null && date < schedule.from) continue;
    if (schedule.until !== null && date > schedule.until) continue;
    const opens = day.set({ hour: start.hour, minute: start.minute });
    const closes = (overnight ? day.plus({ days: 1 }) : day).set({ hour: end.hour, minute: end.minute });
    const occurrence = { start: opens.toMillis(), end: closes.toMillis() };
    if (occurrence.end > occurrence.start && overlaps(occurrence, range)) out.push(occurrence);
  }
  return out;
}

export function windowOccurrences(window: ScheduleWindow, range: Interval): WindowOccurrence[] {
  return occurrenceIntervals(window, range).map((o) => ({ windowId: window.id, start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() }));
}

/** True when `span` lies wholly inside the union of the occurrences (back-to-back occurrences count as one). */
export function coveredBy(span: Interval, occurrences: readonly Interval[]): boolean {
  const sorted = [...occurrences].sort((a, b) => a.start - b.start);
  let reached = span.start;
  for (const o of sorted) {
    if (o.start > reached) break;
    if (o.end > reached) reached = o.end;
    if (reached >= span.end) return true;
  }
  return false;
}
