// The changes list's filtering and sorting, and how a planned window reads. Pure: unit-tested in
// test/unit/renderer/change-list-model.test.ts.
import type { ChangeState, ChangeType, ChangeWindow } from '../../shared/changes';
import type { ChangeListItem } from '../../shared/operations';
import { RISK_BANDS, type RiskBand } from '../../shared/risk';
import { CHANGE_STATES } from '../../shared/changes';

export interface ChangeFilters {
  /** Empty: every value. */
  states: ChangeState[];
  types: ChangeType[];
  bands: RiskBand[];
  /** Keep changes whose planned window meets [from, to) (ISO, either may be absent); a change without a window is left out when either is set. */
  from: string | null;
  to: string | null;
  /** Words matched against number, title, implementer (case-insensitive, every word must match). */
  text: string;
}

export const NO_FILTERS: ChangeFilters = { states: [], types: [], bands: [], from: null, to: null, text: '' };

export type ChangeSortKey = 'number' | 'title' | 'state' | 'type' | 'risk' | 'window' | 'conflicts';
export interface ChangeSort {
  key: ChangeSortKey;
  descending: boolean;
}

function windowMeets(window: ChangeWindow | null, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  if (!window) return false;
  if (from && Date.parse(window.end) <= Date.parse(from)) return false;
  if (to && Date.parse(window.start) >= Date.parse(to)) return false;
  return true;
}

export function filterChanges(items: readonly ChangeListItem[], filters: ChangeFilters): ChangeListItem[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter(({ change, risk }) => {
    if (filters.states.length && !filters.states.includes(change.state)) return false;
    if (filters.types.length && !filters.types.includes(change.type)) return false;
    if (filters.bands.length && !filters.bands.includes(risk.band)) return false;
    if (!windowMeets(change.window, filters.from, filters.to)) return false;
    if (words.length) {
      const haystack = `${change.number} ${change.title} ${change.implementer}`.toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}

const STATE_ORDER = new Map<ChangeState, number>(CHANGE_STATES.map((state, i) => [state, i]));
const BAND_ORDER = new Map<RiskBand, number>(RISK_BANDS.map((band, i) => [band, i]));

function compareBy(key: ChangeSortKey, a: ChangeListItem, b: ChangeListItem): number {
  switch (key) {
    case 'number':
      return a.change.number.length - b.change.number.length || a.change.number.localeCompare(b.change.number);
    case 'title':
      return a.change.title.localeCompare(b.change.title);
    case 'state':
      return (STATE_ORDER.get(a.change.state) ?? 0) - (STATE_ORDER.get(b.change.state) ?? 0);
    case 'type':
      return a.change.type.localeCompare(b.change.type);
    case 'risk':
      return (BAND_ORDER.get(a.risk.band) ?? 0) - (BAND_ORDER.get(b.risk.band) ?? 0) || a.risk.score - b.risk.score;
    case 'window': {
      const left = a.change.window ? Date.parse(a.change.window.start) : Number.POSITIVE_INFINITY;
      const right = b.change.window ? Date.parse(b.change.window.start) : Number.POSITIVE_INFINITY;
      return left === right ? 0 : left < right ? -1 : 1;
    }
    case 'conflicts':
      return a.conflictCount - b.conflictCount;
  }
}

/**
 * Sorted by `sort`, ties by number (newest first when descending), never in place. By window,
 * changes without one come after every planned one, whichever the direction.
 */
export function sortChanges(items: readonly ChangeListItem[], sort: ChangeSort): ChangeListItem[] {
  const sign = sort.descending ? -1 : 1;
  return [...items].sort((a, b) => {
    if (sort.key === 'window' && (a.change.window === null) !== (b.change.window === null)) return a.change.window === null ? 1 : -1;
    return sign * (compareBy(sort.key, a, b) || compareBy('number', a, b));
  });
}

const dayTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Sun 13 Dec 2026, 01:00 – 03:00" in local time; the end's day is given when it differs. */
export function formatWindow(window: ChangeWindow | null): string {
  if (!window) return 'No window planned';
  const start = new Date(window.start);
  const end = new Date(window.end);
  return `${dayTime.format(start)} – ${sameLocalDay(start, end) ? timeOnly.format(end) : dayTime.format(end)}`;
}

const shortDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "2 h", "45 min", "1 h 30 min", "3 d 2 h": how long a window lasts. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} d` : '', hours ? `${hours} h` : '', rest && !days ? `${rest} min` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 min';
}

/** The list's short form: the start in local time and how long it lasts ("Sun, Dec 13, 01:00 · 2 h"). */
export function formatWindowShort(window: ChangeWindow | null): string {
  if (!window) return '—';
  return `${shortDay.format(new Date(window.start))} · ${formatDuration(Date.parse(window.end) - Date.parse(window.start))}`;
}

/** An ISO time as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> as an ISO time in UTC, or null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
