// Incident settings: the impact × urgency → priority matrix and the response and resolution
// targets per priority, in one journaled form with "Restore defaults" (the common ITIL ones).
import { useEffect, useState, type FormEvent } from 'react';
import type { IncidentSettings } from '../../shared/incidents';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { Modal } from '../components/Modal';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { LEVEL_WORDS } from './incident-labels';

const LEVELS = [1, 2, 3] as const;
const PRIORITIES = ['1', '2', '3', '4', '5'] as const;

export function IncidentSettingsDialog() {
  const close = useViewStore((s) => s.closeDialog);
  const [settings, setSettings] = useState<IncidentSettings | null>(null);
  const [isDefault, setIsDefault] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.call('incident.getSettings', {}).then(
      (answer) => {
        setSettings(answer.settings);
        setIsDefault(answer.isDefault);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  const save = async (next: IncidentSettings | null) => {
    setBusy(true);
    setError(null);
    try {
      await mutate('incident.setSettings', { settings: next });
      close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (settings) void save(settings);
  };
  const setPriority = (impact: number, urgency: number, priority: number) =>
    settings && setSettings({ ...settings, priorityMatrix: settings.priorityMatrix.map((row, i) => (i === impact - 1 ? row.map((p, j) => (j === urgency - 1 ? priority : p)) : row)) });
  const setMinutes = (priority: (typeof PRIORITIES)[number], key: 'responseMinutes' | 'resolutionMinutes', minutes: number) =>
    settings && setSettings({ ...settings, sla: { ...settings.sla, [priority]: { ...settings.sla[priority], [key]: minutes } } });

  return (
    <Modal
      title="Incident settings"
      onClose={close}
      testId="incident-settings"
      className="modal-wide"
      footer={
        <>
          <button type="button" className="btn" disabled={busy || isDefault} onClick={() => void save(null)}>
            Restore defaults
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="incident-settings-form" className="btn btn-primary" disabled={busy || !settings} data-testid="incident-settings-save">
            Save settings
          </button>
        </>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        An incident's priority is set when it is recorded or edited: a new matrix applies to those from now on. SLA clocks follow the new targets at once.
      </p>
      {error && (
        <div className="form-error" role="alert" data-testid="form-error">
          {error}
        </div>
      )}
      {settings && (
        <form id="incident-settings-form" noValidate onSubmit={submit} className="weights-grid">
          <fieldset className="weights-group">
            <legend>Priority: impact × urgency</legend>
            <table className="data-table settings-matrix">
              <thead>
                <tr>
                  <th>Impact ↓ urgency →</th>
                  {LEVELS.map((u) => (
                    <th key={u}>{LEVEL_WORDS[u]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LEVELS.map((impact) => (
                  <tr key={impact}>
                    <th>{LEVEL_WORDS[impact]}</th>
                    {LEVELS.map((urgency) => (
                      <td key={urgency}>
                        <select
                          className="select"
                          aria-label={`Priority for impact ${impact} and urgency ${urgency}`}
                          data-testid={`matrix-${impact}-${urgency}`}
                          value={settings.priorityMatrix[impact - 1][urgency - 1]}
                          onChange={(event) => setPriority(impact, urgency, Number(event.target.value))}
                        >
                          {PRIORITIES.map((p) => (
                            <option key={p} value={p}>
                              P{p}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <fieldset className="weights-group">
            <legend>SLA targets (minutes)</legend>
            <table className="data-table settings-matrix">
              <thead>
                <tr>
                  <th>Priority</th>
                  <th>Response</th>
                  <th>Resolution</th>
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.map((p) => (
                  <tr key={p}>
                    <th>P{p}</th>
                    {(['responseMinutes', 'resolutionMinutes'] as const).map((key) => (
                      <td key={key}>
                        <input
                          className="input"
                          type="number"
                          min={1}
                          aria-label={`${key === 'responseMinutes' ? 'Response' : 'Resolution'} target of P${p}, minutes`}
                          data-testid={`sla-${p}-${key}`}
                          value={settings.sla[p][key]}
                          onChange={(event) => setMinutes(p, key, event.target.valueAsNumber)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        </form>
      )}
    </Modal>
  );
}
