// A maintenance or blackout window as its form edits it, and a window's schedule in words.
// Pure: unit-tested in test/unit/renderer/change-screens.test.ts.
import { WEEKDAY_NAMES, type ScheduleWindow, type WindowKind, type WindowSchedule } from '../../shared/schedule-windows';
import { fromLocalInput, toLocalInput } from './change-list-model';

export interface WindowDraft {
  name: string;
  kind: WindowKind;
  timeZone: string;
  type: 'once' | 'weekly';
  /** datetime-local values (the user's local time), for a one-off window. */
  start: string;
  end: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  from: string;
  until: string;
  description: string;
}

export function draftOf(window: ScheduleWindow | null, localZone: string): WindowDraft {
  const schedule = window?.schedule;
  return {
    name: window?.name ?? '',
    kind: window?.kind ?? 'maintenance',
    timeZone: window?.timeZone ?? localZone,
    type: schedule?.type ?? 'weekly',
    start: schedule?.type === 'once' ? toLocalInput(schedule.start) : '',
    end: schedule?.type === 'once' ? toLocalInput(schedule.end) : '',
    weekdays: schedule?.type === 'weekly' ? [...schedule.weekdays] : [0],
    startTime: schedule?.type === 'weekly' ? schedule.startTime : '01:00',
    endTime: schedule?.type === 'weekly' ? schedule.endTime : '05:00',
    from: schedule?.type === 'weekly' ? (schedule.from ?? '') : '',
    until: schedule?.type === 'weekly' ? (schedule.until ?? '') : '',
    description: window?.description ?? '',
  };
}

/** The schedule the draft describes (the core checks it: an end before the start, no weekday…). */
export function scheduleOf(draft: WindowDraft): WindowSchedule {
  if (draft.type === 'once') return { type: 'once', start: fromLocalInput(draft.start) ?? draft.start, end: fromLocalInput(draft.end) ?? draft.end };
  return { type: 'weekly', weekdays: [...draft.weekdays].sort(), startTime: draft.startTime, endTime: draft.endTime, from: draft.from || null, until: draft.until || null };
}

const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Sundays 01:00–05:00 (Europe/Paris)", "Mondays and Fridays 22:00–02:00 (UTC), from 2027-01-01", "12 Dec 2026, 18:00 – 2 Jan 2027, 08:00". */
export function scheduleText(window: Pick<ScheduleWindow, 'schedule' | 'timeZone'>): string {
  const s = window.schedule;
  if (s.type === 'once') return `${when.format(new Date(s.start))} – ${when.format(new Date(s.end))}`;
  const days = s.weekdays.length === 7 ? 'Every day' : s.weekdays.map((d) => `${WEEKDAY_NAMES[d]}s`).join(' and ');
  const bounds = [s.from ? `from ${s.from}` : '', s.until ? `until ${s.until}` : ''].filter(Boolean).join(' ');
  return `${days} ${s.startTime}–${s.endTime} (${window.timeZone})${bounds ? `, ${bounds}` : ''}`;
}
