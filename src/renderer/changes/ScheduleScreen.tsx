// The change calendar: a day or week timeline of the changes planned in it, maintenance windows
// shown and blackouts shaded behind them, conflicts marked; clicking a change opens it.
import { useEffect, useMemo, useState } from 'react';
import type { ChangeCalendar } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { STATE_LABELS } from './change-labels';
import { formatWindow } from './change-list-model';
import { useChangesStore } from './changes-store';
import { barGeometry, scheduleRange, shiftAnchor, type ScheduleSpan } from './schedule-model';
import './changes.css';

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const rangeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
/** The states the calendar shows: what is planned to happen, not what was refused or dropped. */
const SHOWN_STATES = new Set(['approved', 'scheduled', 'cab_review', 'assessed', 'draft', 'implemented', 'reviewed']);

export function ScheduleScreen() {
  const [span, setSpan] = useState<ScheduleSpan>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const [calendar, setCalendar] = useState<ChangeCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useDataStore((s) => s.info?.revision);
  const openChange = useChangesStore((s) => s.openChange);
  const range = useMemo(() => scheduleRange(span, anchor), [span, anchor]);

  useEffect(() => {
    let live = true;
    api.call('change.calendar', { from: range.start.toISOString(), to: range.end.toISOString() }).then(
      (c) => {
        if (!live) return;
        setCalendar(c);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [range, revision]);

  const windowsById = new Map(calendar?.windows.map((w) => [w.id, w]) ?? []);
  const changes = (calendar?.changes ?? []).filter((item) => SHOWN_STATES.has(item.change.state));
  const last = range.days[range.days.length - 1];

  return (
    <main className="schedule-screen" data-testid="schedule-screen">
      <div className="schedule-inner">
        <div className="screen-head">
          <h1>Change schedule</h1>
          <button type="button" className="btn" data-testid="manage-windows" onClick={() => useViewStore.getState().openDialog({ kind: 'windows' })}>
            Windows…
          </button>
          <span className="segmented" role="group" aria-label="Span">
            {(['day', 'week'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={span === s} onClick={() => setSpan(s)}>
                {s === 'day' ? 'Day' : 'Week'}
              </button>
            ))}
          </span>
          <button type="button" className="btn btn-small" aria-label="Earlier" onClick={() => setAnchor(shiftAnchor(span, anchor, -1))}>
            ◀
          </button>
          <button type="button" className="btn btn-small" onClick={() => setAnchor(new Date())}>
            Today
          </button>
          <button type="button" className="btn btn-small" aria-label="Later" onClick={() => setAnchor(shiftAnchor(span, anchor, 1))}>
            ▶
          </button>
          <input
            className="input"
            type="date"
            aria-label="Go to date"
            data-testid="schedule-date"
            value={`${anchor.getFullYear()}-${String(anchor.getMonth() + 1).padStart(2, '0')}-${String(anchor.getDate()).padStart(2, '0')}`}
            onChange={(event) => event.target.value && setAnchor(new Date(`${event.target.value}T12:00:00`))}
          />
        </div>
        <p className="muted" data-testid="schedule-range">
          {span === 'day' ? rangeFormat.format(range.start) : `${rangeFormat.format(range.start)} – ${rangeFormat.format(last)}`} · local time ·{' '}
          <span className="legend-swatch swatch-maintenance" /> maintenance window <span className="legend-swatch swatch-blackout" /> blackout{' '}
          <span className="legend-swatch swatch-conflict" /> change with conflicts
        </p>
        {error && <div className="banner banner-error">Could not load the schedule: {error}</div>}
        <div className="timeline" data-testid="timeline">
          <div className="timeline-days">
            {range.days.map((day) => (
              <span key={day.toISOString()} className="timeline-day">
                {dayFormat.format(day)}
              </span>
            ))}
          </div>
          <div className="timeline-body" style={{ minHeight: Math.max(changes.length, 3) * 40 + 24 }}>
            {range.days.map((day, i) => {
              const geometry = barGeometry(day.toISOString(), (range.days[i + 1] ?? range.end).toISOString(), range);
              return geometry && <span key={day.toISOString()} className="timeline-gridline" style={{ left: `${geometry.left}%` }} />;
            })}
            {(calendar?.occurrences ?? []).map((occurrence, i) => {
              const window = windowsById.get(occurrence.windowId);
              const geometry = barGeometry(occurrence.start, occurrence.end, range);
              if (!window || !geometry) return null;
              return (
                <span
                  key={`${occurrence.windowId}-${i}`}
                  className={`timeline-window window-${window.kind}`}
                  data-testid={`occurrence-${window.kind}`}
                  style={{ left: `${geometry.left}%`, width: `${geometry.width}%` }}
                  title={`${window.kind === 'blackout' ? 'Blackout' : 'Maintenance window'}: ${window.name}`}
                >
                  <span className={`timeline-window-label${geometry.left > 50 ? ' from-right' : ''}`}>{window.name}</span>
                </span>
              );
            })}
            {changes.map((item, row) => {
              const { change, conflictCount } = item;
              const geometry = change.window && barGeometry(change.window.start, change.window.end, range);
              if (!geometry) return null;
              // A short bar carries its label beside it: after it, or before it near the right edge.
              const labelSide = geometry.width > 18 ? 'inside' : geometry.left + geometry.width > 62 ? 'before' : 'after';
              return (
                <button
                  key={change.id}
                  type="button"
                  className={`timeline-change state-bar-${change.state}${conflictCount ? ' has-conflict' : ''}`}
                  data-testid={`timeline-${change.number}`}
                  style={{ left: `${geometry.left}%`, width: `max(${geometry.width}%, 6px)`, top: 24 + row * 40 }}
                  title={`${change.number} ${change.title}\n${STATE_LABELS[change.state]} · ${formatWindow(change.window)}${conflictCount ? `\n${conflictCount} conflicts` : ''}`}
                  onClick={() => openChange(change.id)}
                >
                  <span className={`timeline-change-label label-${labelSide}`}>
                    {conflictCount > 0 && <span aria-label={`${conflictCount} conflicts`}>⚠ </span>}
                    {change.number} {change.title}
                  </span>
                </button>
              );
            })}
          </div>
        </div>
        {changes.length === 0 && calendar && <p className="muted">No change is planned in this {span}.</p>}
      </div>
    </main>
  );
}
