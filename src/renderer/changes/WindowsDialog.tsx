// Maintenance and blackout windows: the list, and a form to add or edit one (one-off or weekly in
// a named time zone, the CIs it covers, none for every CI). Each edit is journaled (undo).
import { useEffect, useState, type FormEvent } from 'react';
import { WEEKDAY_NAMES, type ScheduleWindow } from '../../shared/schedule-windows';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { CiListEditor, type NamedTarget } from '../components/CiListEditor';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { useDataStore } from '../state/data-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { draftOf, scheduleOf, scheduleText, type WindowDraft } from './window-form';

const FIELDS = ['name', 'kind', 'timeZone', 'schedule', 'ciIds', 'description'] as const;
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function WindowForm({ window, onDone }: { window: ScheduleWindow | null; onDone(): void }) {
  const [draft, setDraft] = useState<WindowDraft>(() => draftOf(window, LOCAL_ZONE));
  const [cis, setCis] = useState<NamedTarget[]>(() => (window?.ciIds ?? []).map((ciId) => ({ ciId, mode: 'down', name: null })));
  const { errors, busy, run } = useFormSubmit(FIELDS, ['window']);
  const set = (patch: Partial<WindowDraft>) => setDraft({ ...draft, ...patch });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = { name: draft.name, kind: draft.kind, timeZone: draft.timeZone, schedule: scheduleOf(draft), ciIds: cis.map((c) => c.ciId), description: draft.description };
    await run(async () => {
      if (window) await mutate('window.update', { id: window.id, patch: fields });
      else await mutate('window.create', { window: fields });
      onDone();
    });
  };

  return (
    <form id="window-form" noValidate onSubmit={(event) => void submit(event)} className="form-grid" data-testid="window-form">
      {errors.general && (
        <div className="form-error wide" role="alert" data-testid="form-error">
          {errors.general}
        </div>
      )}
      <Field label="Name" name="name" error={errors.fields.name} wide>
        <input className="input" data-testid="window-name" data-autofocus value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label="Kind" name="kind" error={errors.fields.kind}>
        <select className="select" data-testid="window-kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as WindowDraft['kind'] })}>
          <option value="maintenance">Maintenance: changes go in here</option>
          <option value="blackout">Blackout: no change but emergencies</option>
        </select>
      </Field>
      <Field label="Time zone" name="timeZone" error={errors.fields.timeZone} hint="An IANA name: Europe/Paris, America/New_York, UTC">
        <input className="input" data-testid="window-zone" value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
      </Field>
      <Field label="Repeats" name="schedule" error={errors.fields.schedule} wide>
        <span className="segmented" role="group">
          <button type="button" aria-pressed={draft.type === 'weekly'} data-testid="window-weekly" onClick={() => set({ type: 'weekly' })}>
            Every week
          </button>
          <button type="button" aria-pressed={draft.type === 'once'} data-testid="window-once" onClick={() => set({ type: 'once' })}>
            Once
          </button>
        </span>
      </Field>
      {draft.type === 'weekly' ? (
        <>
          <div className="field wide" role="group" aria-label="Weekdays">
            <span className="label">Weekdays</span>
            <div className="row" style={{ gap: 4, flexWrap: 'wrap' }}>
              {WEEKDAY_NAMES.map((name, day) => {
                const on = draft.weekdays.includes(day);
                return (
                  <button
                    key={name}
                    type="button"
                    className={`toggle${on ? ' on' : ''}`}
                    aria-pressed={on}
                    data-testid={`weekday-${day}`}
                    onClick={() => set({ weekdays: on ? draft.weekdays.filter((d) => d !== day) : [...draft.weekdays, day] })}
                  >
                    {name.slice(0, 3)}
                  </button>
                );
              })}
            </div>
          </div>
          <Field label="From (wall time in the zone)" name="startTime">
            <input className="input" type="time" data-testid="window-start-time" value={draft.startTime} onChange={(e) => set({ startTime: e.target.value })} />
          </Field>
          <Field label="To (before the start: the next day)" name="endTime">
            <input className="input" type="time" data-testid="window-end-time" value={draft.endTime} onChange={(e) => set({ endTime: e.target.value })} />
          </Field>
          <Field label="First day (optional)" name="from">
            <input className="input" type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          </Field>
          <Field label="Last day (optional)" name="until">
            <input className="input" type="date" value={draft.until} onChange={(e) => set({ until: e.target.value })} />
          </Field>
        </>
      ) : (
        <>
          <Field label="Starts (your local time)" name="start">
            <input className="input" type="datetime-local" data-testid="window-start" value={draft.start} onChange={(e) => set({ start: e.target.value })} />
          </Field>
          <Field label="Ends (your local time)" name="end">
            <input className="input" type="datetime-local" data-testid="window-end" value={draft.end} onChange={(e) => set({ end: e.target.value })} />
          </Field>
        </>
      )}
      <Field label="CIs it covers" name="ciIds" error={errors.fields.ciIds} wide hint="None: every CI (a company-wide blackout).">
        <CiListEditor targets={cis} onChange={setCis} withModes={false} placeholder="Add a CI: search…" />
      </Field>
      <Field label="Description" name="description" error={errors.fields.description} wide>
        <textarea className="input" rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      <div className="row wide" style={{ justifyContent: 'flex-end', gap: 8 }}>
        <button type="button" className="btn" onClick={onDone}>
          Back to the list
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="window-save">
          {window ? 'Save window' : 'Add window'}
        </button>
      </div>
    </form>
  );
}

export function WindowsDialog() {
  const close = useViewStore((s) => s.closeDialog);
  const revision = useDataStore((s) => s.info?.revision);
  const [windows, setWindows] = useState<ScheduleWindow[] | null>(null);
  const [editing, setEditing] = useState<ScheduleWindow | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('window.list', {}).then(setWindows, (e: unknown) => setError(errorMessage(e)));
  }, [revision]);

  const remove = async (window: ScheduleWindow) => {
    setError(null);
    try {
      await mutate('window.delete', { id: window.id });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal title={editing === null ? 'Maintenance and blackout windows' : editing === 'new' ? 'New window' : `Edit ${editing.name}`} onClose={close} testId="windows-dialog" className="modal-wide">
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {editing !== null ? (
        <WindowForm key={editing === 'new' ? 'new' : editing.id} window={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <>
          <ul className="window-list">
            {(windows ?? []).map((w) => (
              <li key={w.id} data-testid={`window-${w.id}`}>
                <span className={`legend-swatch swatch-${w.kind}`} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <strong>{w.name}</strong>
                  <div className="muted">
                    {w.kind === 'blackout' ? 'Blackout' : 'Maintenance'} · {scheduleText(w)} · {w.ciIds.length === 0 ? 'every CI' : `${w.ciIds.length} CIs`}
                  </div>
                </div>
                <button type="button" className="btn btn-small" onClick={() => setEditing(w)}>
                  Edit
                </button>
                <button type="button" className="btn btn-small btn-danger-soft" aria-label={`Delete ${w.name}`} onClick={() => void remove(w)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
          {windows?.length === 0 && <p className="muted">No window yet.</p>}
          <button type="button" className="btn btn-primary" data-testid="new-window" onClick={() => setEditing('new')}>
            + New window
          </button>
        </>
      )}
    </Modal>
  );
}
