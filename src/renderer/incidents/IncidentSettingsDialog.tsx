// Incident settings: the impact × urgency → priority matrix and the response and resolution
// targets per priority, in one journaled form with "Restore defaults" (the common ITIL ones).
import type { FormEvent } from 'react';
import type { IncidentSettings } from '../../shared/incidents';
import { api } from '../api/client';
import { FormModal } from '../components/FormModal';
import { useSettingForm } from '../hooks/useSettingForm';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { LEVEL_WORDS } from './incident-labels';

const LEVELS = [1, 2, 3] as const;
const PRIORITIES = ['1', '2', '3', '4', '5'] as const;

async function loadSettings(): Promise<{ value: IncidentSettings; isDefault: boolean }> {
  const answer = await api.call('incident.getSettings', {});
  return { value: answer.settings, isDefault: answer.isDefault };
}

export function IncidentSettingsDialog() {
  const close = useViewStore((s) => s.closeDialog);
  const form = useSettingForm<IncidentSettings>(loadSettings, (settings) => mutate('incident.setSettings', { settings }));
  const settings = form.value;
  const setSettings = form.setValue;
  const save = async (next: IncidentSettings | null) => {
    if (await form.save(next)) close();
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
    <FormModal
      title="Incident settings"
      testId="incident-settings"
      formId="incident-settings-form"
      submitLabel="Save settings"
      submitTestId="incident-settings-save"
      busy={form.busy || !settings}
      error={form.error}
      onClose={close}
      onSubmit={submit}
      formClassName="weights-grid"
      extraFooter={
        <button type="button" className="btn" disabled={form.busy || form.isDefault} onClick={() => void save(null)}>
          Restore defaults
        </button>
      }
    >
      <p className="muted wide" style={{ margin: 0 }}>
        An incident's priority is set when it is recorded or edited: a new matrix applies to those from now on. SLA clocks follow the new targets at once.
      </p>
      {settings && (
        <>
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
        </>
      )}
    </FormModal>
  );
}
