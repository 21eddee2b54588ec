// The change calendar's geometry: the range a day or week view covers and where a bar sits in it.
// Pure: unit-tested in test/unit/renderer/change-list-model.test.ts.

export type ScheduleSpan = 'day' | 'week';

export interface ScheduleRange {
  /** Local midnight of the first day, and of the day after the last. */
  start: Date;
  end: Date;
  days: Date[];
}

/** The day (local midnight of `anchor`) or the week from its Monday. */
export function scheduleRange(span: ScheduleSpan, anchor: Date): ScheduleRange {
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate());
  if (span === 'week') first.setDate(first.getDate() - ((first.getDay() + 6) % 7));
  const count = span === 'week' ? 7 : 1;
  const days = Array.from({ length: count }, (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i));
  return { start: first, end: new Date(first.getFullYear(), first.getMonth(), first.getDate() + count), days };
}

/** The anchor moved one span back (-1) or on (+1), by calendar days (DST-safe). */
export function shiftAnchor(span: ScheduleSpan, anchor: Date, direction: -1 | 1): Date {
  return new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate() + direction * (span === 'week' ? 7 : 1));
}

/** Left and width in percent of the range for [start, end), clipped to it; null when outside. */
export function barGeometry(start: string, end: string, range: ScheduleRange): { left: number; width: number } | null {
  const from = range.start.getTime();
  const to = range.end.getTime();
  const s = Math.max(Date.parse(start), from);
  const e = Math.min(Date.parse(end), to);
  if (!(e > s)) return null;
  const total = to - from;
  return { left: ((s - from) / total) * 100, width: ((e - s) / total) * 100 };
}
