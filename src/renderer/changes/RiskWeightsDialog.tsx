// Risk settings: every weight of the change risk score, edited in one form (journaled, so undo
// restores the previous weights), and "Restore defaults" (the ones README.md explains).
import type { FormEvent } from 'react';
import type { RiskWeights } from '../../shared/risk';
import { api } from '../api/client';
import { FormModal } from '../components/FormModal';
import { useSettingForm } from '../hooks/useSettingForm';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { WEIGHT_ROWS, weightAt, withWeight } from './risk-weights-form';

const GROUPS = [...new Set(WEIGHT_ROWS.map((r) => r.group))];

async function loadWeights(): Promise<{ value: RiskWeights; isDefault: boolean }> {
  const answer = await api.call('risk.getWeights', {});
  return { value: answer.weights, isDefault: answer.isDefault };
}

export function RiskWeightsDialog() {
  const close = useViewStore((s) => s.closeDialog);
  const form = useSettingForm<RiskWeights>(loadWeights, (weights) => mutate('risk.setWeights', { weights }));
  const weights = form.value;
  const save = async (next: RiskWeights | null) => {
    if (await form.save(next)) close();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (weights) void save(weights);
  };

  return (
    <FormModal
      title="Risk settings"
      testId="risk-weights"
      formId="risk-weights-form"
      submitLabel="Save weights"
      submitTestId="risk-weights-save"
      busy={form.busy || !weights}
      error={form.error}
      onClose={close}
      onSubmit={submit}
      formClassName="weights-grid"
      extraFooter={
        <button type="button" className="btn" disabled={form.busy || form.isDefault} data-testid="risk-defaults" onClick={() => void save(null)}>
          Restore defaults
        </button>
      }
    >
      <p className="muted wide" style={{ margin: 0 }}>
        Points each factor adds to a change's risk score; the bands start at the scores below. Every change's risk is computed again at once.
      </p>
      {weights &&
        GROUPS.map((group) => (
          <fieldset key={group} className="weights-group">
            <legend>{group}</legend>
            {WEIGHT_ROWS.filter((r) => r.group === group).map((row) => (
              <label key={row.path.join('.')} className="weights-row">
                <span>{row.label}</span>
                <input
                  className="input"
                  type="number"
                  min={row.path[0] === 'lookbackDays' ? 1 : 0}
                  step="any"
                  data-testid={`weight-${row.path.join('.')}`}
                  value={weightAt(weights, row.path)}
                  onChange={(event) => form.setValue(withWeight(weights, row.path, event.target.valueAsNumber))}
                />
              </label>
            ))}
          </fieldset>
        ))}
    </FormModal>
  );
}
